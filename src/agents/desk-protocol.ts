import type { TicketSummary as PopTicketSummary } from '../requests/read/ticket-summary.js';
import type { IvrPathStep } from '../ivr/types.js';

/** The desk's name for a ticket in a line (defined by the requests module, which owns tickets). */
export type { PopTicketSummary };

/**
 * The agent desk's wire format: REST bodies under /api/desk and /api/tickets, and the socket events
 * sent to the room `agent:<user id>`. The queue tiles on the desk use the board streams of
 * src/realtime/protocol.ts (`queue:<name>`).
 */

/**
 * A break reason's code: one of config/site.json's `pauseReasons` (GET /api/catalogue lists them with
 * their labels; POST /api/desk/pause refuses any other).
 */
export type PauseReason = string;


/**
 * server → agent socket `desk:pop`: the call an agent was just connected to (AgentConnect), sent
 * again to a desk that (re)connects during the call. Times are ISO strings.
 */
export interface ScreenPop {
  /** Asterisk's Uniqueid of the caller's channel (= ARI channel id). */
  uniqueid: string;
  callId: string | null;
  queue: string;
  agentInterface: string;
  connectedAt: string;
  /** How long the caller waited in the queue before this agent answered (QueueCallerJoin → AgentConnect), whole seconds. */
  waitS: number;
  callerNumber: string | null;
  callerName: string | null;
  /** Labels of the options the caller chose, in order, e.g. ["Ulaşım", "Kentkart / seyahat kartı"]. */
  ivrChoices: string[];
  /** The raw IVR path (menus, digits, invalid keys, timeouts) as stored on the call. */
  ivrPath: IvrPathStep[];
  /** The ticket opened for this call (null if the call came without one, e.g. IVR bypassed). */
  ticket: PopTicketSummary & { version: number } | null;
  /** The caller's earlier tickets by phone number, newest first (at most 10), without this call's. */
  history: PopTicketSummary[];
}

/** server → agent socket `desk:state` (after every change, and on connect). */
export interface DeskState {
  loggedIn: boolean;
  queues: string[];
  paused: boolean;
  reason: PauseReason | 'wrap-up' | null;
  /** The agent's state on the board (ready, ringing, on-call, wrap-up, paused, ...), from AMI. */
  boardState: string;
  /** Epoch ms the wrap-up ends (app_queue's wrapuptime), when in wrap-up. */
  wrapUpUntil: number | null;
  /** An action waits for AMI to come back; the desk says so and alo153 retries on its own. */
  pending: null | { action: 'login' | 'logout' | 'pause' | 'unpause'; since: number; error: string };
  /** The call on the agent's phone right now, if any (also sent as `desk:pop`). */
  currentCall: string | null;
  /**
   * Queues of `queues` the agent is a static member of (queues.conf, or realtime): app_queue answers
   * QueueRemove with "Member not dynamic", so a desk logout cannot leave them and calls keep coming.
   */
  staticQueues: string[];
}

/** What one QueueRemove of a logout did. */
export type QueueLeave =
  | { queue: string; outcome: 'removed' }
  /** Not a member (any more), or the queue is gone: nothing to do. */
  | { queue: string; outcome: 'not-member' }
  /** Asterisk refused: `static-member` for a queues.conf/realtime member, `rejected` for anything else. */
  | { queue: string; outcome: 'refused'; reason: 'static-member' | 'rejected'; message: string }
  /** AMI is down: alo153 tries again once it is back. */
  | { queue: string; outcome: 'pending'; message: string };

export interface LogoutReport {
  /** Every membership is gone: nothing refused, nothing waiting for AMI. */
  complete: boolean;
  /** One entry per queue the agent was a member of when the logout began, in name order. */
  queues: QueueLeave[];
  /** Queues the agent is still a member of after this logout (refused, or waiting for AMI). */
  remaining: string[];
}

/**
 * POST /api/desk/logout and POST /api/agents/:id/logout: the desk state plus what happened per queue.
 * 200 once AMI answered for every queue, even when some refused (`logout.complete` false); 202 when some
 * wait for AMI.
 */
export type DeskLogoutResult = DeskState & { logout: LogoutReport };

/** POST /api/desk/login */
export interface DeskLoginRequest {
  /**
   * Queues to join: some of the queues a supervisor or admin assigned (users.queues; none assigned:
   * every queue of the hotline). Absent: all of them. Any other queue is refused with 403, nothing joined.
   */
  queues?: string[];
}

/** POST /api/desk/pause */
export interface DeskPauseRequest {
  reason: PauseReason;
}

export const DESK_EVENTS = {
  pop: 'desk:pop',
  state: 'desk:state',
} as const;
