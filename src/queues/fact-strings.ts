import type { CallFact } from './queue-state-types.js';

/**
 * V8 keeps a substring of 13 characters or more as a slice of its parent string, and asterisk-manager splits
 * event values out of the whole TCP read: a uniqueid kept in a day-long fact pinned kilobytes of AMI text.
 * A JSON round trip is a portable way to get a string of its own.
 */
const SLICE_MIN_LENGTH = 13;

function ownCopy(value: string): string {
  return value.length < SLICE_MIN_LENGTH ? value : (JSON.parse(JSON.stringify(value)) as string);
}

/** Queue names, member interfaces and names, completion reasons: a few dozen values repeated in every fact. */
const POOL_LIMIT = 4096;
const pool = new Map<string, string>();

function pooled(value: string): string {
  const known = pool.get(value);
  if (known !== undefined) return known;
  const own = ownCopy(value);
  if (pool.size < POOL_LIMIT) pool.set(own, own);
  return own;
}

/**
 * The fact as kept for the day: strings of its own (shared where they repeat), and none of the call's other
 * links — facts are built from events that carry the call id and ticket, but nothing reads them from a fact.
 * `previous` is the fact this one replaces: its uniqueid is reused rather than copied again.
 */
export function compactFact(fact: CallFact, previous?: CallFact): CallFact {
  const { callId: _callId, ticket: _ticket, ...rest } = fact as CallFact & { callId?: string; ticket?: string };
  const uniqueid = previous?.uniqueid === fact.uniqueid ? previous.uniqueid : ownCopy(fact.uniqueid);
  const compact: CallFact = {
    ...rest,
    uniqueid,
    // Fact 8: the caller's uniqueid is usually the linkedid too; then both fields share one string.
    linkedid: fact.linkedid === uniqueid ? uniqueid : previous?.linkedid === fact.linkedid ? previous.linkedid : ownCopy(fact.linkedid),
    queue: pooled(fact.queue),
  };
  if (fact.member !== undefined) compact.member = pooled(fact.member);
  if (fact.memberName !== undefined) compact.memberName = pooled(fact.memberName);
  if (fact.completionReason !== undefined) compact.completionReason = pooled(fact.completionReason);
  return compact;
}
