/**
 * The wire protocol between alo153 and its screens (wallboard, desk) over socket.io.
 *
 * A screen follows one or more *streams*. Each stream is a flat map of keyed entries. The server
 * sends the whole map once (`board:snapshot`), then only what changed (`board:delta`), each with
 * the stream's next sequence number. A client that sees `seq` other than last + 1 has missed
 * something and emits `board:resync`; the server answers with a fresh snapshot. Every new socket
 * (so every reconnect) starts with a snapshot, so a screen is never silently stale.
 */

import type { Role } from '../auth/roles.js';
import type { AgentStateName, AgentStateView } from '../queues/agent-states.js';
import type { HourlyFigures } from '../queues/kpis.js';

export type { Role };

/**
 * `supervisors`: every queue, the total, every agent, the hourly chart. `queue:<name>`: one queue's tile.
 * `desk:<userId>`: an agent's own desk state (entry `state`). `inbox:<departmentCode>`: a department's
 * inbox. `relay`: the call centre's callback list (counts and items). `escalations`: for supervisors.
 * Who may follow which: src/realtime/stream-access.ts.
 */
export type StreamName = 'supervisors' | 'relay' | 'escalations' | 'announcements' | 'survey' | 'site' | `queue:${string}` | `desk:${number}` | `inbox:${string}`;

export type LinkState = 'connected' | 'connecting' | 'disconnected';

/** Entry `status`: whether the figures can be trusted right now (the wallboard's drop banner). */
export interface LinkStatus {
  ami: LinkState;
  /** Epoch ms the AMI link entered `ami`. */
  amiSince: number;
  ari: LinkState;
  ariSince: number;
}

/** Entry `meta`: the counting window (an Istanbul day, or the current shift). */
export interface BoardMeta {
  windowFrom: number;
  windowTo: number;
  /** The shift's name, or null for the calendar day. */
  shift: string | null;
  serviceLevelSeconds: number;
}

/** Entries `total` and `queue:<name>`. Times are epoch ms; durations ms; ratios 0..1 or null when undefined (nothing answered yet). */
export interface QueueTile {
  /** Queue name, or `*` for the total. */
  name: string;
  waiting: number;
  /** When the longest-waiting caller joined; the screen ticks `now - longestWaitSince` itself. Null when nobody waits. */
  longestWaitSince: number | null;
  offered: number;
  answered: number;
  abandoned: number;
  lost: number;
  serviceLevel: number | null;
  asaMs: number | null;
  ahtMs: number | null;
  abandonmentRate: number | null;
  agents: AgentCounts;
}

export interface AgentCounts {
  loggedIn: number;
  ready: number;
  ringing: number;
  onCall: number;
  wrapUp: number;
  paused: number;
  unavailable: number;
}

export type { AgentStateName };

/**
 * Entries `agent:<interface>` (supervisors stream only): the monitor's view without the caller's channel
 * id (`since`: epoch ms the agent entered `state`, which the screen ticks itself; `reason`: the pause
 * reason; `queue`: the queue of the ring, call or wrap-up).
 */
export type AgentRow = Omit<AgentStateView, 'uniqueid'>;

/** One Istanbul hour of the counting window (entry `hourly`, supervisors stream only). */
export type HourPoint = HourlyFigures;

/**
 * What a stream entry may be: the board's own types, or any JSON value another stream publishes (the desk
 * state, an inbox item). Entries are compared by their JSON, so they must be plain data.
 */
export type BoardEntry = LinkStatus | BoardMeta | QueueTile | AgentRow | HourPoint[] | JsonValue;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type BoardEntries = Record<string, BoardEntry>;

/** server → client `board:snapshot` */
export interface BoardSnapshotMessage {
  stream: StreamName;
  seq: number;
  /** Server clock, epoch ms: the client keeps `at - Date.now()` as its clock offset. */
  at: number;
  entries: BoardEntries;
}

/** server → client `board:delta`: `set` replaces whole entries, `remove` deletes them. */
export interface BoardDeltaMessage {
  stream: StreamName;
  seq: number;
  at: number;
  set: BoardEntries;
  remove: string[];
}

/** client → server `board:subscribe` / `board:resync`, answered through the ack callback. */
export interface StreamRequest {
  stream: StreamName;
}

export type Ack = { ok: true } | { ok: false; error: string };

/** server → client `session`: who this socket is, sent first on every connection. */
export interface SessionMessage {
  user: { id: number; username: string; displayName: string; role: Role };
  /** Streams the server joined this socket to on its own (supervisors: `supervisors`). */
  streams: StreamName[];
  /** Epoch ms the token expires; the server disconnects the socket then. */
  expiresAt: number;
}

/**
 * Why the server ended a socket's session (`session:ended`, sent just before it disconnects): the user
 * was deactivated, their password changed (every token of theirs is void), an admin changed their role,
 * the token was logged out, or it expired. The screen goes to the login page instead of reconnecting.
 */
export type SessionEndReason = 'deactivated' | 'password-changed' | 'role-changed' | 'revoked' | 'expired';

/** server → client `session:ended` */
export interface SessionEndedMessage {
  reason: SessionEndReason;
}

export const EVENTS = {
  session: 'session',
  sessionEnded: 'session:ended',
  snapshot: 'board:snapshot',
  delta: 'board:delta',
  subscribe: 'board:subscribe',
  unsubscribe: 'board:unsubscribe',
  resync: 'board:resync',
} as const;
