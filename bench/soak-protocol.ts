/** What bench/soak.ts and its two child processes say to each other (see ipc.ts). */
import type { ProcessSnapshot } from './protocol.js';

/**
 * Real ms added to every caller's patience. Simulated time runs fast but alo153's own work (an ARI round
 * trip, a database write) does not: at 120x, 50 ms of it is 6 simulated seconds, and on a loaded machine
 * callers would give up before alo153 had answered them.
 */
export const PATIENCE_ALLOWANCE_MS = 3000;

export type SoakFault = 'ari-drop' | 'ami-outage' | 'asterisk-restart';

/** Every call the simulator placed, and how far each got. */
export interface SoakCalls {
  placed: string[];
  /** Channels that entered Stasis(alo153,inbound), alo153's IVR: alo153 owes each one call record with its own ticket. */
  stasis: string[];
  /** Channels whose Stasis() failed because alo153's WebSocket was down: they went to alo153-genel without it. */
  fallback: string[];
  /** Of the fallback channels, those back in Stasis(alo153,after-queue) after their agent (no call of alo153's: hung up, no survey). */
  fallbackBackAfterQueue: number;
  /** How the calls ended, by the simulator's hangup kind (caller, queue-complete, restart…). */
  ends: Record<string, number>;
  distinctCallerNumbers: number;
  stillLive: number;
}

export type SoakSimProtocol = {
  info: { args: Record<string, never>; result: { ariUrl: string; amiPort: number } };
  /** Poisson arrivals of the demo's synthetic citizens (src/simulator/traffic.ts) at `callsPerHour` simulated. */
  startTraffic: { args: { callsPerHour: number; seed: number }; result: null };
  stopTraffic: { args: Record<string, never>; result: { placed: number } };
  /** `holdMs` (real): how long an AMI outage refuses logins, or the length of each restart phase. */
  fault: { args: { kind: SoakFault; holdMs: number }; result: null };
  /** Until every call has ended (callers give up, agents finish), or the timeout. */
  drain: { args: { timeoutMs: number }; result: { live: number } };
  calls: { args: Record<string, never>; result: SoakCalls };
  snapshot: { args: { gc: boolean }; result: ProcessSnapshot & { channels: number; placed: number } };
};

export interface SoakReading extends ProcessSnapshot {
  /** process.getActiveResourcesInfo(), counted by type (TCPSocketWrap, Timeout, FSReqCallback…). */
  resources: Record<string, number>;
  activeResources: number;
  /** TCP sockets open in alo153's process (ARI, AMI, database, HTTP clients). */
  tcpSockets: number;
  /** socket.io clients connected to alo153. */
  realtimeSockets: number;
  liveCalls: number;
  pendingWrites: number;
  /** Callers that left a queue, kept for the day's KPIs. */
  queueFacts: number;
}

export interface SoakLinks {
  ari: string;
  ami: string;
  ariConnects: number;
  amiSnapshots: number;
}

export interface SoakVerify {
  stasisCalls: number;
  callRows: number;
  /** Stasis channels without a call record. */
  missingCalls: number;
  /** Call records of channels alo153 never had (fallback or unknown). */
  unexpectedCalls: number;
  channelsWithSeveralRows: number;
  callsWithoutTicket: number;
  ticketsSharedByCalls: number;
  tickets: number;
  distinctTicketNumbers: number;
  /** Tickets no call record points to. */
  ticketsWithoutCall: number;
  openedEvents: number;
  queueEvents: number;
  outcomes: Record<string, number>;
  /** Where callers who hung up in the IVR were (last step of their call record). */
  abandonedInIvrAt: Record<string, number>;
  lost: number;
  doubled: number;
}

export type SoakAppProtocol = {
  waitConnected: { args: { timeoutMs: number }; result: { connected: boolean } };
  links: { args: Record<string, never>; result: SoakLinks };
  reading: { args: { gc: boolean }; result: SoakReading };
  /** Agents take breaks over alo153's own AMI connection (src/simulator/demo-breaks.ts). */
  startBreaks: { args: { agents: number; speed: number }; result: null };
  stopBreaks: { args: Record<string, never>; result: null };
  /** Until no call is live in alo153, every ticket write has landed and queue events are stored. */
  waitIdle: { args: { timeoutMs: number }; result: { idle: boolean; liveCalls: number; pendingWrites: number } };
  verify: { args: { stasis: string[] }; result: SoakVerify };
  /** Drops every queue fact, as the first prune after midnight would, to weigh what the day's facts hold. */
  pruneDayFacts: { args: Record<string, never>; result: { pruned: number } };
  /** A supervisor's token and alo153's URL, for the wallboard socket. */
  supervisor: { args: Record<string, never>; result: { url: string; token: string } };
};
