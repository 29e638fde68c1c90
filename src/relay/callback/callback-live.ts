import type { CallbackAttempt, CallbackAttemptPatch } from './callback-ports.js';
import { durationsOf, type FlowState } from './callback-flow.js';

/** An attempt the process is running: its flow state, its row and the chain its writes go through. */
export interface LiveAttempt {
  attempt: CallbackAttempt;
  state: FlowState;
  /** Resolves true once the row is inserted, false if it never will be (the originate failed). */
  inserted: Promise<boolean>;
  /** Writes of one attempt land in order. */
  writes: Promise<void>;
  timers: NodeJS.Timeout[];
  /** Cleanup (hang-ups, bridge) still running after the end. */
  cleanup: Promise<unknown>[];
  /** Legs whose originate Asterisk accepted: only these can be judged missing from a channel list. */
  originated: Set<'agent' | 'citizen'>;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** The row fields that follow from the flow state. */
export function patchOf(state: FlowState): CallbackAttemptPatch {
  return {
    status: state.phase,
    outcome: state.outcome ?? null,
    hangupCause: state.hangupCause ?? null,
    agentAnsweredAt: iso(state.agentAnsweredAt),
    citizenAnsweredAt: iso(state.citizenAnsweredAt),
    endedAt: iso(state.endedAt),
    ...durationsOf(state),
  };
}

export function sameRow(a: FlowState, b: FlowState): boolean {
  return a.phase === b.phase && a.outcome === b.outcome && a.agentAnsweredAt === b.agentAnsweredAt && a.citizenAnsweredAt === b.citizenAnsweredAt;
}
