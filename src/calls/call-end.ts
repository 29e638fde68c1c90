import type { Knex } from 'knex';
import { toDbTime } from '../storage/time.js';
import { IVR_ACTOR, type CallEnd } from '../requests/ticket-store-type.js';

/**
 * The call session's end write: how the call left alo153. Queue outcomes come from AMI on their own path
 * (src/tickets/queue-outcomes.ts) and can land first, when this write was queued behind a slow database or
 * replayed from the outbox after a crash: so it never replaces an outcome or an end already there.
 */
export async function writeCallEnd(trx: Knex.Transaction, call: { id: string; ticket_id: number | null }, end: CallEnd, now: string): Promise<void> {
  const leftAt = toDbTime(end.endedAt);
  // The `left_ivr_at is null` guard makes the first end win, even against a concurrent duplicate.
  const updated = await trx('calls')
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
    });
  if (updated === 0 || call.ticket_id === null) return;
  await trx('ticket_events').insert({
    ticket_id: call.ticket_id,
    at: leftAt,
    actor: IVR_ACTOR,
    kind: 'call-ended',
    data: JSON.stringify({ outcome: end.outcome, lastStep: end.lastStep }),
    dedupe_key: 'call-ended',
  });
  if (end.outcome !== 'abandoned-in-ivr') return;
  // A hang-up racing the continue is reported as abandoned in the IVR; if AMI saw the call reach an agent, it was not.
  const stored: { outcome: string | null } | undefined = await trx('calls').where({ id: call.id }).first('outcome');
  if (stored?.outcome !== 'abandoned-in-ivr') return;
  const abandoned = await trx('tickets')
    .where({ id: call.ticket_id, status: 'open' })
    .update({ status: 'abandoned', updated_at: now, version: trx.raw('version + 1') });
  if (abandoned === 0) return;
  await trx('ticket_events').insert({
    ticket_id: call.ticket_id,
    at: leftAt,
    actor: IVR_ACTOR,
    kind: 'status-changed',
    data: JSON.stringify({ from: 'open', to: 'abandoned', lastStep: end.lastStep }),
    dedupe_key: 'status:abandoned-in-ivr',
  });
}
