/**
 * "Ara" on a relay item: places the callback (the agent's phone rings first, then the citizen's) and follows
 * it by polling GET /api/callbacks/:id until it ends. The phases the item shows:
 * aranıyor → telefonunuz çalıyor → vatandaş aranıyor → görüşmede → bitti (with the outcome).
 */

import { isRecord } from './desk-api.js';
import { getCallback, startCallback } from './desk-relay-api.js';

/**
 * @typedef {object} CallProgress
 * @property {'dialling' | 'agent-ringing' | 'citizen-ringing' | 'talking' | 'ended' | 'refused'} phase
 * @property {string | null} attemptId
 * @property {string | null} outcome the callback's outcome once ended (answered, busy, no-answer, …)
 * @property {{ key: string, params?: Record<string, string | number> } | null} error why it could not start
 */

const POLL_MS = 1000;

/** @type {Map<string, CallProgress>} item key → its latest call */
const calls = new Map();
/** @type {(key: string) => void} */
let changed = () => undefined;

/** @param {(key: string) => void} listener called whenever an item's call moves on */
export function onCallChange(listener) {
  changed = listener;
}

/** @param {string} key */
export function callOf(key) {
  return calls.get(key);
}

/** @param {string} key */
export function forgetCall(key) {
  calls.delete(key);
}

/** Whether any call of this desk is still under way (one at a time: the server refuses a second). */
export function callUnderWay() {
  return [...calls.values()].some((call) => call.phase !== 'ended' && call.phase !== 'refused');
}

/** The callback service's statuses in the desk's phases. @param {string} status */
function phaseOf(status) {
  if (status === 'agent-ringing') return 'agent-ringing';
  if (status === 'connecting' || status === 'citizen-ringing') return 'citizen-ringing';
  if (status === 'bridging' || status === 'bridged') return 'talking';
  return 'ended';
}

/**
 * @param {string} key
 * @param {CallProgress} progress
 */
function set(key, progress) {
  calls.set(key, progress);
  changed(key);
}

/**
 * @param {string} key the item's stream key
 * @param {{ ticketNumber: string } | { callId: string }} target
 */
export async function placeCall(key, target) {
  set(key, { phase: 'dialling', attemptId: null, outcome: null, error: null });
  try {
    const result = await startCallback(target);
    if (!result.ok) {
      const details = isRecord(result.body.details) ? result.body.details : {};
      const code = typeof details.code === 'string' ? details.code : null;
      set(key, { phase: 'refused', attemptId: null, outcome: null, error: code ? { key: `desk.relay.callError.${code}` } : { key: 'desk.relay.callFailed', params: { status: result.status } } });
      return;
    }
    const attemptId = isRecord(result.body) && typeof result.body.attemptId === 'string' ? result.body.attemptId : null;
    if (!attemptId) {
      set(key, { phase: 'refused', attemptId: null, outcome: null, error: { key: 'desk.relay.callFailed', params: { status: result.status } } });
      return;
    }
    set(key, { phase: 'agent-ringing', attemptId, outcome: null, error: null });
    await follow(key, attemptId);
  } catch {
    set(key, { phase: 'refused', attemptId: null, outcome: null, error: { key: 'desk.network' } });
  }
}

/**
 * @param {string} key
 * @param {string} attemptId
 */
async function follow(key, attemptId) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (calls.get(key)?.attemptId !== attemptId) return;
    const result = await getCallback(attemptId).catch(() => null);
    if (!result?.ok || !isRecord(result.body)) continue;
    const status = typeof result.body.status === 'string' ? result.body.status : 'ended';
    const outcome = typeof result.body.outcome === 'string' ? result.body.outcome : null;
    const phase = phaseOf(status);
    const before = calls.get(key);
    if (before?.phase !== phase || before.outcome !== outcome) set(key, { phase, attemptId, outcome, error: null });
    if (phase === 'ended') return;
  }
}
