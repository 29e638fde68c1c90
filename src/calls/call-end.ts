import type { Knex } from 'knex';
import { toDbTime } from '../storage/time.js';
import type { CallEnd } from '../requests/ticket-store-type.js';
import type { TicketWriter } from '../requests/ticket-writer.js';
import { writeSystemAction } from './system-actions.js';
import type { PendingFacts } from './call-writes/pending-facts.js';
import type { CallRowChanges, CallState } from './call-writes/call-rows.js';

const IVR = { kind: 'system', name: 'ivr' } as const;

/**
 * The call session's end write: how the call left alo153. Queue outcomes come from AMI on their own path
 * (src/calls/queue-outcomes.ts) and can land first, when this write was queued behind a slow database or
 * replayed from the outbox after a crash: so it never replaces an outcome or an end already there.
 */
export async function writeCallEnd(
  trx: Knex.Transaction,
  writer: TicketWriter,
  call: { id: string; ticketId: number | null; state: CallState },
  end: CallEnd,
  rows: CallRowChanges,
  facts?: PendingFacts,
): Promise<void> {
  // A `left_ivr_at` already there makes the first end win, even against a concurrent duplicate (the row is locked).
  if (call.state.left_ivr_at !== null) return;
  const leftAt = toDbTime(end.endedAt);
  const outcome = call.state.outcome ?? end.outcome;
  rows.set(call, {
    left_ivr_at: leftAt,
    outcome,
    // A call handed to a queue goes on in Asterisk: its end is AMI's to tell.
    ...(end.outcome === 'handed-to-queue' ? {} : { ended_at: call.state.ended_at ?? leftAt }),
    last_step: end.lastStep,
    ...(end.path ? { ivr_path: JSON.stringify(end.path) } : {}),
  });
  if (call.ticketId === null) return;
  const ticket = { id: call.ticketId };
  await writeSystemAction(writer, trx, ticket, { name: 'note', kind: 'call-ended', data: { outcome: end.outcome, lastStep: end.lastStep } }, IVR, end.endedAt, 'call-ended', facts);
  if (end.outcome !== 'abandoned-in-ivr') return;
  // A hang-up racing the continue is reported as abandoned in the IVR; if AMI saw the call reach an agent, it was not
  // (the row keeps the outcome it had, AMI's when it had one).
  if (outcome !== 'abandoned-in-ivr') return;
  // Only a ticket still `open` becomes abandoned (the lifecycle refuses the rest).
  await writeSystemAction(writer, trx, ticket, { name: 'abandon' }, IVR, end.endedAt, 'status:abandoned-in-ivr', facts);
}
