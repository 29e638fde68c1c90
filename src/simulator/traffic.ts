import type { CallHandle, CallScriptStep, PlaceCallOptions } from './pbx/callers.js';
import { seededRandom } from '../shared/seeded-random.js';
import { pressOnPrompt, RETURNING_OFFER } from './prompt-keys.js';

export interface TrafficOptions {
  /** Simulated calls per minute. */
  callsPerMinute: number;
  seed: number;
}

type Scenario = { weight: number; script: (random: () => number) => CallScriptStep[]; patienceMs?: number };

const menuWait = (random: () => number): number => 9000 + Math.round(random() * 6000);

/** Roughly how a municipal hotline's callers spread over the menu: transport first, a few mistakes and hang-ups. */
const SCENARIOS: Scenario[] = [
  { weight: 22, script: (r) => [{ afterMs: menuWait(r), digit: '1' }, { afterMs: 5000, digit: '1' }] },
  { weight: 12, script: (r) => [{ afterMs: menuWait(r), digit: '1' }, { afterMs: 5000, digit: '2' }] },
  { weight: 4, script: (r) => [{ afterMs: menuWait(r), digit: '1' }, { afterMs: 5000, digit: '3' }] },
  { weight: 14, script: (r) => [{ afterMs: menuWait(r), digit: '2' }] },
  { weight: 8, script: (r) => [{ afterMs: menuWait(r), digit: '3' }] },
  { weight: 7, script: (r) => [{ afterMs: menuWait(r), digit: '4' }] },
  { weight: 10, script: (r) => [{ afterMs: menuWait(r), digit: '5' }] },
  { weight: 9, script: (r) => [{ afterMs: menuWait(r), digit: '0' }] },
  { weight: 5, script: (r) => [{ afterMs: menuWait(r), digit: '7' }, { afterMs: menuWait(r), digit: '2' }] }, // a wrong key (8 is the status line, 9 the survey key)
  { weight: 4, script: (r) => [{ afterMs: 2000 + Math.round(r() * 6000), hangup: true }] },
  { weight: 5, script: (r) => [{ afterMs: menuWait(r), digit: '0' }], patienceMs: 25000 },
];

const TOTAL_WEIGHT = SCENARIOS.reduce((sum, s) => sum + s.weight, 0);

function pickScenario(random: () => number): Scenario {
  let roll = random() * TOTAL_WEIGHT;
  for (const scenario of SCENARIOS) {
    roll -= scenario.weight;
    if (roll < 0) return scenario;
  }
  return SCENARIOS[0] as Scenario;
}

/** Turkish mobile numbers: 05 + operator prefix (30-55) + 7 digits. */
function mobileNumber(random: () => number): string {
  const operator = 30 + Math.floor(random() * 26);
  return `05${operator}${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
}

/** Poisson arrivals of synthetic citizens; returns stop(). */
export function startTraffic(place: (options: PlaceCallOptions) => CallHandle, speed: number, options: TrafficOptions): { stop(): void } {
  const random = seededRandom(options.seed);
  const meanGapMs = 60000 / Math.max(options.callsPerMinute, 0.001);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // Arrivals are due on an absolute clock: a late timer (a busy event loop) must not push every later
  // arrival back, or an accelerated run (the soak) places fewer calls than asked for.
  let due = performance.now();
  const next = (): void => {
    due += -Math.log(1 - random()) * meanGapMs * speed;
    timer = setTimeout(() => {
      if (stopped) return;
      const scenario = pickScenario(random);
      place({
        callerNumber: mobileNumber(random),
        script: scenario.script(random),
        // A citizen with an open ticket (a demo restarted on its database calls from the same numbers) asks for a
        // new request as the offer starts, so the script's keys still meet the main menu. A key pressed during
        // the welcome once the lookup has answered is already an answer to the offer (src/ivr/returning.ts).
        onPrompt: pressOnPrompt({ [RETURNING_OFFER]: '2' }),
        hangupAfterMs: scenario.patienceMs ?? 120000 + Math.round(random() * 180000),
      });
      next();
    }, Math.max(0, due - performance.now()));
  };
  next();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
