import type { CallFact } from './queue-state-types.js';

type Positions = number | number[];

/**
 * Where each call's facts sit in a `facts` array, by queue and uniqueid. Copying a keyed index per new fact
 * made a busy day O(n²); instead one append-only index is shared by a state and every state derived from it,
 * and a lookup checks the candidate positions against the asking state's own `facts`. A state derived from an
 * older one (a branch) therefore never sees another branch's facts: their positions either lie past its array
 * or hold a fact of a different call there.
 */
export class FactIndex {
  private readonly byQueue = new Map<string, Map<string, Positions>>();

  static of(facts: readonly CallFact[]): FactIndex {
    const index = new FactIndex();
    facts.forEach((fact, position) => index.add(fact, position));
    return index;
  }

  add(fact: CallFact, position: number): void {
    let calls = this.byQueue.get(fact.queue);
    if (!calls) {
      calls = new Map();
      this.byQueue.set(fact.queue, calls);
    }
    const known = calls.get(fact.uniqueid);
    if (known === undefined) calls.set(fact.uniqueid, position);
    else if (typeof known === 'number') calls.set(fact.uniqueid, known === position ? known : [known, position]);
    else if (!known.includes(position)) known.push(position);
  }

  /** The position of the call's latest fact in `facts` (the highest one that is really this call's). */
  latest(facts: readonly CallFact[], queue: string, uniqueid: string): number | undefined {
    const known = this.byQueue.get(queue)?.get(uniqueid);
    if (known === undefined) return undefined;
    let best: number | undefined;
    for (const position of typeof known === 'number' ? [known] : known) {
      const fact = facts[position];
      if (fact?.queue === queue && fact.uniqueid === uniqueid && (best === undefined || position > best)) best = position;
    }
    return best;
  }
}
