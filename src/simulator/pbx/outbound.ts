import { seededRandom } from '../../shared/seeded-random.js';
import type { Devices } from './devices.js';

/** What the simulated trunk does with a number: answer after ringing, busy, ring without answer, or fail. */
export type TrunkResult = 'answer' | 'busy' | 'no-answer' | 'fail';

export interface TrunkRule {
  result: TrunkResult;
  /** Simulated ms of ringing before the answer (or the busy / the carrier's own no-answer); default 3000. */
  ringMs?: number;
  /** An answered citizen hangs up after this many simulated ms; default 30000. */
  talkMs?: number;
}

/** An agent's phone rung by a callback. Registered agents answer after their answerAfterMs unless this says otherwise. */
export interface PhoneRule {
  answerAfterMs?: number;
  noAnswer?: boolean;
  /** The agent hangs up this long (simulated ms) after answering; default: never (alo153 hangs up). */
  hangupAfterMs?: number;
  /** The channel disappears without an event right after it entered Stasis (a leg Asterisk lost). */
  vanishOnAnswer?: boolean;
}

export interface TrunkShares {
  answer: number;
  busy: number;
  noAnswer: number;
}

/** Per number and per phone behaviour of originated legs; tests set rules, the demo draws from shares. */
export class OutboundBehaviour {
  private readonly trunkRules = new Map<string, TrunkRule>();
  private readonly phoneRules = new Map<string, PhoneRule>();
  private draw: (() => TrunkRule) | undefined;

  constructor(private readonly devices: Devices) {}

  setTrunk(number: string, rule: TrunkRule): void {
    this.trunkRules.set(number, rule);
  }

  setPhone(iface: string, rule: PhoneRule): void {
    this.phoneRules.set(iface, rule);
  }

  /** The demo: each call not ruled by number draws its result from the shares (the rest fail), replayably. */
  setShares(shares: TrunkShares, seed: number): void {
    const random = seededRandom(seed);
    this.draw = () => {
      const r = random();
      const ringMs = 2000 + Math.floor(random() * 8000);
      const talkMs = 20_000 + Math.floor(random() * 40_000);
      if (r < shares.answer) return { result: 'answer', ringMs, talkMs };
      if (r < shares.answer + shares.busy) return { result: 'busy', ringMs: 1500 };
      if (r < shares.answer + shares.busy + shares.noAnswer) return { result: 'no-answer', ringMs: Number.POSITIVE_INFINITY };
      return { result: 'fail' };
    };
  }

  trunk(number: string): TrunkRule {
    return this.trunkRules.get(number) ?? this.draw?.() ?? { result: 'answer' };
  }

  phone(iface: string): PhoneRule {
    const rule = this.phoneRules.get(iface);
    const agent = this.devices.agent(iface);
    return { answerAfterMs: agent?.answerAfterMs ?? 1000, noAnswer: agent?.noAnswer ?? false, ...rule };
  }
}
