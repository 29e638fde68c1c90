import type { Knex } from 'knex';
import { isRefusal, ruleFor, transition, type RequestAction, type RequestActor } from '../requests/lifecycle.js';
import { REQUEST_STATUSES } from '../requests/request-states.js';
import { DuplicateWrite, lifecycleTicket, type TicketWriter } from '../requests/ticket-writer.js';
import type { TicketView } from '../requests/ticket-store-type.js';
import type { PendingFacts } from './call-writes/pending-facts.js';

/** The call path's unattended steps never give up: the unreachable thresholds do not apply to them. */
const POLICY = { unreachableAttempts: Number.MAX_SAFE_INTEGER, unreachableDays: Number.MAX_SAFE_INTEGER };

/** Read from the table, not assumed: a plain system note is allowed in every status, so it needs no read of the ticket. */
const NOTE = ruleFor('note');
const NOTES_ALWAYS_ALLOWED = NOTE !== undefined && NOTE.by.includes('system') && REQUEST_STATUSES.every((status) => NOTE.in.includes(status));

/**
 * A call-path write on a call's ticket, through the lifecycle, inside the call's transaction. A step the
 * lifecycle refuses (the IVR's hand-off reaching a ticket an agent already closed) leaves the ticket alone:
 * the call row still records what happened. A retried write whose history is stored already does nothing.
 */
export async function writeSystemAction(
  writer: TicketWriter,
  trx: Knex.Transaction,
  /** The ticket's id, or the ticket itself when the caller read it already in this transaction (a group commit). */
  ticket: { id: number } | TicketView,
  action: RequestAction,
  actor: RequestActor,
  at: Date,
  dedupeKey: string,
  /** A group commit's facts: a fact joins them ('written' then means queued; a stored dedupe key is skipped when they are). */
  facts?: PendingFacts,
): Promise<'written' | 'refused' | 'duplicate'> {
  // A call's facts (call-ended, agent-answered …): one INSERT instead of a read and an INSERT per fact.
  if (action.name === 'note' && action.mark === undefined && NOTES_ALWAYS_ALLOWED && actor.kind === 'system') {
    const fact = { kind: action.kind, data: action.data };
    if (!facts) return (await writer.appendFact(trx, ticket.id, fact, actor, at, dedupeKey)) ? 'written' : 'duplicate';
    facts.add(ticket.id, fact, actor, at, dedupeKey);
    return 'written';
  }
  const current = 'version' in ticket ? ticket : await loadAfterPending(writer, trx, ticket, facts);
  if (!current) return 'refused';
  const result = transition(lifecycleTicket(current), action, actor, at, POLICY);
  if (isRefusal(result)) return 'refused';
  // A ticket read by the batch whose key it checked waits for the batch's one INSERT and UPDATE (a hand-off's route).
  const deferred = facts && 'version' in ticket ? facts.defer(current, writer.plan(current, result, actor, at, { dedupeKey }), dedupeKey) : undefined;
  if (deferred) return deferred;
  await facts?.before(trx, current.id);
  try {
    // No read-back: nothing on the call path uses the stored row.
    await writer.write(trx, current, result, actor, at, { dedupeKey });
    return 'written';
  } catch (error) {
    if (error instanceof DuplicateWrite) return 'duplicate';
    throw error;
  }
}

async function loadAfterPending(writer: TicketWriter, trx: Knex.Transaction, ticket: { id: number }, facts: PendingFacts | undefined): Promise<TicketView | undefined> {
  await facts?.before(trx, ticket.id);
  return writer.load(trx, ticket);
}
