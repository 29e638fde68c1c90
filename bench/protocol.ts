/** What run.ts and its child processes say to each other (see ipc.ts). */

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
};

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
  snapshot: { args: { gc: boolean; resetLoop: boolean }; result: ProcessSnapshot & { sessions: number; pendingWrites: number; sqlStatements: number } };
  /** Until no call is live in the app and every ticket write has landed. */
  waitIdle: { args: { timeoutMs: number }; result: { idle: boolean; waitedMs: number } };
  waitSessions: { args: { count: number; timeoutMs: number }; result: { reached: boolean; sessions: number; pendingWrites: number } };
  verify: { args: { channelIds: string[]; expectOutcome: string | null }; result: VerifyResult | null };
  profileStart: { args: Record<string, never>; result: null };
  profileStop: { args: { file: string }; result: { file: string } };
};
