import type { CallbackOutcome, CallbackStatus } from './callback-ports.js';

/**
 * One callback as a pure state machine: (state, input) → (state, commands). The service runs the commands
 * against ARI and feeds back what happened; tests drive it with plain inputs.
 *
 *   agent-ringing ─agent answers─▶ connecting (bridge made, agent added) ─▶ citizen-ringing
 *     ─citizen answers─▶ bridging ─citizen added─▶ bridged ─either hangs up─▶ ended
 *
 * Whatever ends it, every live leg is hung up and the bridge destroyed: nothing stays bridged.
 */
export type Leg = 'agent' | 'citizen';

export interface FlowState {
  phase: CallbackStatus;
  alive: Record<Leg, boolean>;
  bridge: boolean;
  citizenRang: boolean;
  startedAt: number;
  agentAnsweredAt?: number;
  citizenDialledAt?: number;
  citizenAnsweredAt?: number;
  endedAt?: number;
  outcome?: CallbackOutcome;
  hangupCause?: string;
}

export type FlowCommandName = 'createBridge' | 'addAgent' | 'originateCitizen' | 'addCitizen';

export type FlowInput =
  | { type: 'agentAnswered'; at: number }
  | { type: 'done'; command: FlowCommandName; at: number }
  | { type: 'failed'; command: FlowCommandName; gone: boolean; detail: string; at: number }
  | { type: 'ringing'; leg: Leg }
  | { type: 'citizenAnswered'; at: number }
  | { type: 'gone'; leg: Leg; cause: number; causeText: string; at: number }
  | { type: 'ringTimeout'; leg: Leg; at: number }
  | { type: 'interrupt'; reason: string; at: number };

export type FlowCommand =
  | { type: FlowCommandName }
  | { type: 'armRingTimer'; leg: Leg }
  | { type: 'hangup'; leg: Leg }
  | { type: 'destroyBridge' }
  | { type: 'finished' };

export interface FlowStep {
  state: FlowState;
  commands: FlowCommand[];
}

/** Q.850 causes Asterisk reports in ChannelDestroyed. */
const BUSY_CAUSES = new Set([17, 21]);
const NO_ANSWER_CAUSES = new Set([18, 19]);

export function startFlow(at: number): FlowState {
  return { phase: 'agent-ringing', alive: { agent: true, citizen: false }, bridge: false, citizenRang: false, startedAt: at };
}

function end(state: FlowState, outcome: CallbackOutcome, hangupCause: string, at: number): FlowStep {
  const ended: FlowState = { ...state, phase: 'ended', outcome, hangupCause, endedAt: at };
  const commands: FlowCommand[] = [];
  if (ended.alive.agent) commands.push({ type: 'hangup', leg: 'agent' });
  if (ended.alive.citizen) commands.push({ type: 'hangup', leg: 'citizen' });
  if (ended.bridge) commands.push({ type: 'destroyBridge' });
  commands.push({ type: 'finished' });
  return { state: ended, commands };
}

/**
 * A citizen leg that ended unanswered. The reference transcripts do not show which cause a tripped originate
 * timeout reports, so a leg that rang and ended without busy is a no-answer whatever the cause says.
 */
function unansweredOutcome(state: FlowState, cause: number): CallbackOutcome {
  if (BUSY_CAUSES.has(cause)) return 'busy';
  if (NO_ANSWER_CAUSES.has(cause) || state.citizenRang) return 'no-answer';
  return 'failed';
}

const causeText = (leg: Leg, cause: number, text: string): string => `${leg}: ${cause} ${text}`.trim();

function onGone(state: FlowState, input: Extract<FlowInput, { type: 'gone' }>): FlowStep {
  const next: FlowState = { ...state, alive: { ...state.alive, [input.leg]: false } };
  const why = causeText(input.leg, input.cause, input.causeText);
  if (state.phase === 'agent-ringing') return end(next, input.leg === 'agent' ? 'agent-no-answer' : 'failed', why, input.at);
  if (state.phase === 'bridging' || state.phase === 'bridged') return end(next, 'answered', why, input.at);
  if (input.leg === 'agent') return end(next, 'interrupted', why, input.at);
  if (state.phase === 'citizen-ringing') return end(next, unansweredOutcome(state, input.cause), why, input.at);
  return end(next, 'failed', why, input.at);
}

function onDone(state: FlowState, command: FlowCommandName, at: number): FlowStep {
  switch (command) {
    case 'createBridge':
      return { state: { ...state, bridge: true }, commands: [{ type: 'addAgent' }] };
    case 'addAgent':
      return { state: { ...state, phase: 'citizen-ringing', citizenDialledAt: at }, commands: [{ type: 'originateCitizen' }] };
    case 'originateCitizen':
      return { state: { ...state, alive: { ...state.alive, citizen: true } }, commands: [{ type: 'armRingTimer', leg: 'citizen' }] };
    case 'addCitizen':
      return { state: { ...state, phase: 'bridged' }, commands: [] };
  }
}

export function stepFlow(state: FlowState, input: FlowInput): FlowStep {
  if (state.phase === 'ended') return { state, commands: [] };
  switch (input.type) {
    case 'agentAnswered':
      if (state.phase !== 'agent-ringing') return { state, commands: [] };
      return { state: { ...state, phase: 'connecting', agentAnsweredAt: input.at }, commands: [{ type: 'createBridge' }] };
    case 'done':
      return onDone(state, input.command, input.at);
    case 'failed': {
      // A bridge whose create failed may still exist (a timeout after Asterisk made it): destroy it anyway.
      const next = input.command === 'createBridge' ? { ...state, bridge: true } : state;
      return end(next, 'failed', input.gone ? `channel gone during ${input.command}` : `${input.command} failed: ${input.detail}`, input.at);
    }
    case 'ringing':
      return input.leg === 'citizen' ? { state: { ...state, citizenRang: true }, commands: [] } : { state, commands: [] };
    case 'citizenAnswered':
      if (state.phase !== 'citizen-ringing') return { state, commands: [] };
      return { state: { ...state, phase: 'bridging', citizenAnsweredAt: input.at }, commands: [{ type: 'addCitizen' }] };
    case 'gone':
      if (!state.alive[input.leg]) return { state, commands: [] };
      return onGone(state, input);
    case 'ringTimeout':
      if (input.leg === 'agent' && state.phase === 'agent-ringing') return end(state, 'agent-no-answer', 'agent: ring timeout', input.at);
      if (input.leg === 'citizen' && state.phase === 'citizen-ringing') return end(state, 'no-answer', 'citizen: ring timeout', input.at);
      return { state, commands: [] };
    case 'interrupt':
      return end(state, 'interrupted', input.reason, input.at);
  }
}

/** Seconds the citizen's phone rang (null: never dialled) and talked (null: never answered). */
export function durationsOf(state: FlowState): { ringS: number | null; talkS: number | null } {
  const endAt = state.endedAt;
  const seconds = (from: number, to: number): number => Math.max(0, Math.round((to - from) / 1000));
  const ringEnd = state.citizenAnsweredAt ?? endAt;
  return {
    ringS: state.citizenDialledAt !== undefined && ringEnd !== undefined ? seconds(state.citizenDialledAt, ringEnd) : null,
    talkS: state.citizenAnsweredAt !== undefined && endAt !== undefined ? seconds(state.citizenAnsweredAt, endAt) : null,
  };
}
