import type { Knex } from 'knex';
import { toDbTime } from '../storage/time.js';
import type { CallEnd } from '../requests/ticket-store-type.js';
import type { TicketWriter } from '../requests/ticket-writer.js';
import { writeSystemAction } from './system-actions.js';
import type { PendingFacts } from './call-writes/pending-facts.js';

const IVR = { kind: 'system', name: 'ivr' } as const;

/**
 * The call session's end write: how the call left alo153. Queue outcomes come from AMI on their own path
 * (src/calls/queue-outcomes.ts) and can land first, when this write was queued behind a slow database or
 * replayed from the outbox after a crash: so it never replaces an outcome or an end already there.
 */
export async function writeCallEnd(
  trx: Knex.Transaction,
  writer: TicketWriter,
  call: { id: string; ticketId: number | null },
  end: CallEnd,
  now: string,
  facts?: PendingFacts,
): Promise<void> {
  const leftAt = toDbTime(end.endedAt);
  // The `left_ivr_at is null` guard makes the first end win, even against a concurrent duplicate.
  const updated = (await trx('calls')
    .where({ id: call.id })
    .whereNull('left_ivr_at')
    .update({
      left_ivr_at: leftAt,
      outcome: trx.raw('coalesce(outcome, ?)', [end.outcome]),
      // A call handed to a queue goes on in Asterisk: its end is AMI's to tell.
      ...(end.outcome === 'handed-to-queue' ? {} : { ended_at: trx.raw('coalesce(ended_at, ?)', [leftAt]) }),
      last_step: end.lastStep,
      updated_at: now,
      ...(end.path ? { ivr_path: JSON.stringify(end.path) } : {}),
    })
    .returning('outcome')) as Array<{ outcome: string | null }>;
  const stored = updated[0];
  if (stored === undefined || call.ticketId === null) return;
  const ticket = { id: call.ticketId };
  await writeSystemAction(writer, trx, ticket, { name: 'note', kind: 'call-ended', data: { outcome: end.outcome, lastStep: end.lastStep } }, IVR, end.endedAt, 'call-ended', facts);
  if (end.outcome !== 'abandoned-in-ivr') return;
  // A hang-up racing the continue is reported as abandoned in the IVR; if AMI saw the call reach an agent, it was not
  // (the UPDATE returns the outcome it left, AMI's when it had one).
  if (stored.outcome !== 'abandoned-in-ivr') return;
  // Only a ticket still `open` becomes abandoned (the lifecycle refuses the rest).
  await writeSystemAction(writer, trx, ticket, { name: 'abandon' }, IVR, end.endedAt, 'status:abandoned-in-ivr', facts);
}
