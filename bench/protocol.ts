/** What run.ts and its child processes say to each other (see ipc.ts). */

/** Fan-out scenario: every pause reason the bench sets starts with this; the other processes look only at those. */
export const PAUSE_REASON_PREFIX = 'bench-';

export interface ProcessSnapshot {
  heapUsed: number;
  rss: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Event-loop utilisation and delay since the previous snapshot with `resetLoop`. */
  eventLoopUtilisation: number;
  eventLoopDelayP99Ms: number;
}

/** Milliseconds from an ARI event frame leaving the simulator to the request it causes reaching the simulator. */
export interface LatencySamples {
  stasisStartToAnswer: number[];
  dtmfToStopPlayback: number[];
  playbackFinishedToHandOff: number[];
}

/** Traffic the simulator saw during a run (ARI events counted for channels subscribed by an app). */
export interface TrafficCounts {
  ariRequests: number;
  ariEvents: number;
  amiEvents: number;
}

export interface DriveResult {
  placed: number;
  handed: number;
  /** Calls that ended before alo153 (or the bare app) continued them into the dialplan. */
  endedBeforeHandOff: number;
  stillRunning: number;
  channelIds: string[];
  callerNumbers: string[];
  /** From the first call placed to the last one finished (handed or ended). */
  elapsedMs: number;
  timedOut: boolean;
  latency: LatencySamples;
  counts: TrafficCounts;
}

export interface CallPlan {
  /** Real ms after the first prompt starts playing at which the caller presses 0; null: never. */
  digitDelayMs: number | null;
  /** Real ms after the hand-off at which the caller hangs up (keeps the simulated queue short). */
  hangupAfterHandOffMs: number;
  /** Distinguishes caller numbers between runs: 05 + prefix (2 digits) + 7-digit sequence. */
  numberPrefix: string;
}

export type SimProtocol = {
  info: { args: Record<string, never>; result: { ariUrl: string; amiPort: number; speed: number } };
  closedLoop: { args: CallPlan & { calls: number; concurrency: number; timeoutMs: number }; result: DriveResult };
  openLoop: { args: CallPlan & { ratePerSecond: number; seconds: number; drainTimeoutMs: number }; result: DriveResult };
  /** Places calls that never press anything; resolves once every one of them hears its first prompt. */
  hold: { args: { calls: number; ratePerSecond: number; timeoutMs: number; numberPrefix: string }; result: DriveResult & { inMenu: number } };
  hangupAll: { args: Record<string, never>; result: { hungUp: number } };
  snapshot: { args: { gc: boolean; resetLoop: boolean }; result: ProcessSnapshot & { channels: number } };
  /** Registers a phone for a queues.conf member, so it is an idle, logged-in agent (simulated ms; defaults 1000 / 60000). */
  registerAgent: { args: { iface: string; name: string; answerAfterMs?: number; talkMs?: number }; result: null };
  /** Screen-pop scenario: see PopCalls. */
  popCalls: { args: PopCalls; result: PopCallsResult };
  /** Fan-out scenario: see PauseSeries. */
  pauseSeries: { args: PauseSeries; result: PauseSeriesResult };
};

/**
 * Pauses `iface` in every queue it belongs to (a QueuePause without Queue, as Asterisk handles it)
 * `count` times at `ratePerSecond`, the reason `<reasonPrefix><k>` fresh each time (k from `firstIndex` on).
 */
export interface PauseSeries {
  iface: string;
  reasonPrefix: string;
  firstIndex: number;
  count: number;
  ratePerSecond: number;
}

export interface PauseSeriesResult {
  /** Reason → epoch ms (performance.timeOrigin + performance.now()) its first QueueMemberPause frame left for the AMI sockets. */
  emittedAt: Record<string, number>;
  /** Pauses app_queue refused or that produced no QueueMemberPause frame. */
  failed: number;
}

/**
 * Places one call per number at `ratePerSecond`; each caller presses `digits` one by one, `digitGapMs`
 * simulated ms apart from the answer on, and stays until the agent hangs up (or `giveUpAfterMs`).
 * Resolves when every call has ended, or at `drainTimeoutMs` after the last was placed.
 */
export interface PopCalls {
  callerNumbers: string[];
  ratePerSecond: number;
  digits: string;
  digitGapMs: number;
  giveUpAfterMs: number;
  drainTimeoutMs: number;
}

export interface PopCallsResult {
  placed: number;
  /** Caller Uniqueid → epoch ms its AgentConnect frame left for the AMI sockets. */
  connectedAt: Record<string, number>;
  /** Caller Uniqueid → the agent's interface. */
  agentOf: Record<string, string>;
  /** Calls that ended without reaching an agent. */
  endedUnconnected: number;
  stillRunning: number;
  elapsedMs: number;
  timedOut: boolean;
}

export interface VerifyResult {
  placed: number;
  callRows: number;
  tickets: number;
  distinctTicketNumbers: number;
  distinctCallerNumbers: number;
  missingChannels: number;
  unexpectedChannels: number;
  channelsWithSeveralRows: number;
  callsWithoutTicket: number;
  ticketsSharedByCalls: number;
  openedEvents: number;
  outcomes: Record<string, number>;
  ok: boolean;
}

export type AppMode = 'alo153' | 'bare';

export type AppProtocol = {
  waitConnected: { args: { timeoutMs: number }; result: { connected: boolean } };
  snapshot: {
    args: { gc: boolean; resetLoop: boolean };
    /** `transactions`: the call path's group commits; `writes`: the writes they carried; `outboxSyncs`: the ticket outbox's fdatasyncs. */
    result: ProcessSnapshot & { sessions: number; pendingWrites: number; sqlStatements: number; transactions: number; writes: number; outboxSyncs: number };
  };
  /** Until no call is live in the app and every ticket write has landed. */
  waitIdle: { args: { timeoutMs: number }; result: { idle: boolean; waitedMs: number } };
  waitSessions: { args: { count: number; timeoutMs: number }; result: { reached: boolean; sessions: number; pendingWrites: number } };
  verify: { args: { channelIds: string[]; expectOutcome: string | null }; result: VerifyResult | null };
  profileStart: { args: Record<string, never>; result: null };
  profileStop: { args: { file: string }; result: { file: string } };
  /** alo153's HTTP / socket.io base URL. */
  url: { args: Record<string, never>; result: { url: string } };
  createSupervisor: { args: { username: string; password: string }; result: { userId: number } };
  login: { args: { username: string; password: string }; result: { token: string; expiresAt: number } };
  /** Server-side cost of a new supervisor socket since the previous call with `reset`. */
  snapshotTimings: { args: { reset: boolean }; result: SnapshotTimings };
  /** Board deltas carrying a bench pause reason, as alo153 finished handing them to every socket. */
  sentDeltas: { args: { clear: boolean }; result: SentDeltas };
  /** Screen-pop scenario: fills the database before any call (bench/pop-seed.ts). */
  seedTickets: { args: SeedOptions; result: SeedResult };
  /** A desk user (role agent) whose phone is `phoneInterface`. */
  createAgent: { args: { username: string; password: string; phoneInterface: string }; result: { userId: number } };
  /** Screen pops as alo153 built and sent them, since the previous call with `clear`. */
  popTimings: { args: { clear: boolean }; result: PopTimings };
};

export interface SeedOptions {
  tickets: number;
  callers: number;
  /** Epoch ms the two years end at. */
  nowMs: number;
  /** How many distinct seeded caller numbers to hand back for the calls. */
  sampleCallers: number;
}

export interface SeedResult {
  engine: 'sqlite' | 'postgres';
  tickets: number;
  callers: number;
  /** Istanbul year → tickets (= ticket_counters.last_seq). */
  years: Record<string, number>;
  /** The INSERT … SELECT and the counters, committed. */
  insertMs: number;
  /** Including SQLite's WAL checkpoint or PostgreSQL's ANALYZE. */
  seedMs: number;
  databaseBytes: number;
  sampleCallers: string[];
  /** EXPLAIN of the pop's history query. */
  historyPlan: string[];
  /** The history look-up alone, sequentially, before any call. */
  idleHistoryMs: { n: number; p50: number; p99: number; max: number };
  idleHistoryRowsP50: number;
}

/** One pop inside alo153: wall-clock stamps (epoch ms) keyed by the caller's Uniqueid. */
export interface PopTrace {
  uniqueid: string;
  /** The queue monitor handed AgentConnect to ScreenPops. */
  handledAt: number;
  /** io.to(agent room).emit('desk:pop') returned. */
  deliveredAt: number | null;
  historyRows: number | null;
}

export interface PopTimings {
  traces: PopTrace[];
  /** Each look-up's own duration (ms), as the stores answered while pops were built. */
  lookupMs: { userByInterface: number[]; callByChannel: number[]; ticket: number[]; history: number[] };
  /** The SELECTs alone on their connection (knex 'query' → 'query-response'), without the wait for one. */
  sqlMs: { userByInterface: number[]; callByChannel: number[]; history: number[] };
  failed: number;
  noUser: number;
}

export interface SentDeltas {
  reasons: string[];
  /** Epoch ms the publish that produced the delta started (board computed, then sent). */
  publishStartedAt: number[];
  /** Epoch ms socket.io's broadcast to the room returned: the frame was written to every socket. */
  sentAt: number[];
}

export interface SnapshotTimings {
  /** board.snapshotFor('supervisors') alone. */
  snapshotForMs: number[];
  /** From snapshotFor starting to the end of the socket server's connection handler (snapshot built and emitted). */
  snapshotAndEmitMs: number[];
}

export interface FanoutCollect {
  /** Reason → epoch ms emitted (from PauseSeriesResult); arrivals of other reasons are ignored. */
  emittedAt: Record<string, number>;
  /** Forget the arrivals afterwards (the next round starts clean). */
  clear: boolean;
}

export interface FanoutRound {
  sockets: number;
  /** Milliseconds from emit to arrival, every (event, socket) pair that arrived. */
  latency: { n: number; p50: number; p99: number; max: number };
  /** Per event, its first and its last socket: p50 of each (how much the fan-out itself spreads). */
  firstSocketP50: number;
  lastSocketP50: number;
  expected: number;
  received: number;
  /** Expected (event, socket) pairs that never arrived. */
  missing: number;
  /** Of those, on sockets that saw a sequence gap (a lost delta, not one coalesced with the next event by the server). */
  missingWithSeqGap: number;
  socketsMissingSome: number;
  /** The same event arriving twice on one socket. */
  duplicates: number;
  seqGaps: number;
  disconnects: number;
}

export type ClientsProtocol = {
  /** Opens `count` more sockets (`concurrency` handshakes at a time); resolves when each has its first snapshot. */
  open: { args: { url: string; token: string; count: number; concurrency: number; timeoutMs: number }; result: { open: number; failed: number; firstError: string | null; elapsedMs: number } };
  /** Opens `count` sockets one after the other, timing connect → board:snapshot and creation → board:snapshot. */
  probeNewSockets: { args: { url: string; token: string; count: number; timeoutMs: number }; result: { connectToSnapshotMs: number[]; openToSnapshotMs: number[]; failed: number } };
  /** Resolves once every open socket has the delta of `reason` (deltas arrive in order, so the last event's), or at the timeout. */
  waitArrivals: { args: { reason: string; timeoutMs: number }; result: { complete: boolean } };
  collect: { args: FanoutCollect; result: FanoutRound };
  snapshot: { args: { gc: boolean; resetLoop: boolean }; result: ProcessSnapshot & { sockets: number } };
  /** Screen-pop scenario: one agent desk socket per token; resolves when each has its first desk:state. */
  openDesks: { args: { url: string; tokens: string[]; timeoutMs: number }; result: { open: number; failed: number; firstError: string | null } };
  /** desk:pop arrivals since the previous call with `clear`. */
  deskPops: { args: { clear: boolean }; result: { pops: PopArrival[]; disconnects: number } };
};

export interface PopArrival {
  uniqueid: string;
  /** Epoch ms the desk socket got it. */
  at: number;
  /** Index of the token the desk logged in with. */
  desk: number;
  agentInterface: string;
  historyRows: number;
  hasTicket: boolean;
}
