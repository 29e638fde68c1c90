import type { Knex } from 'knex';
import { toDbTime } from '../../storage/time.js';
import { CallNotFoundError } from '../../requests/errors.js';
import type { TicketWriter } from '../../requests/ticket-writer.js';
import type { CallEnd, HandOff, HandOffReason, IvrProgress, OpenCallTicket, TicketView } from '../../requests/ticket-store-type.js';
import { writeCallEnd } from '../call-end.js';
import { writeQueueOutcome, type QueueOutcome } from '../queue-outcomes.js';
import { writeSystemAction } from '../system-actions.js';
import { openCalls } from './call-opens.js';
import { PendingFacts } from './pending-facts.js';
import { CallRowChanges } from './call-rows.js';
import { findCalls, findCategories, findStoredKeys, loadTickets, type CallRef, type Category } from './call-lookup.js';
import type { WriteOutcome } from './group-commit.js';

/** One write of the call path, as the group commit carries it. */
export type CallWrite =
  | { kind: 'open'; input: OpenCallTicket }
  | { kind: 'progress'; channelId: string; progress: IvrProgress }
  | { kind: 'handOff'; channelId: string; handOff: HandOff }
  | { kind: 'end'; channelId: string; end: CallEnd }
  /** AMI's facts about the call in app_queue; resolves false when no call of ours has the channel. */
  | { kind: 'queueOutcome'; channelId: string; outcome: QueueOutcome };

const HAND_OFF_ACTOR: Record<HandOffReason, 'ivr' | 'reconciler' | 'shutdown'> = {
  selected: 'ivr',
  'retries-exhausted': 'ivr',
  reconciled: 'reconciler',
  shutdown: 'shutdown',
};

const ok = (value: unknown): WriteOutcome => ({ ok: true, value });
const handOffKey = (handOff: HandOff): string => `handed-off:${handOff.queue}:${toDbTime(handOff.at)}`;
const channelOf = (write: CallWrite): string => (write.kind === 'open' ? write.input.channelId : write.channelId);

/**
 * Runs a group commit's writes in its transaction with what they share read once: one SELECT of the calls of
 * every channel in the batch, one of the hand-offs' categories and one of their tickets; the openings, and the
 * history's facts (PendingFacts), become multi-row INSERTs, and the call rows' changes one UPDATE (CallRowChanges). Each write keeps its own guards (first end wins, dedupe keys, the lifecycle's refusals),
 * so running a write twice, or alone after its batch failed, changes nothing more.
 */
export async function executeCallWrites(trx: Knex.Transaction, writer: TicketWriter, writes: readonly CallWrite[], now: Date): Promise<WriteOutcome[]> {
  const calls = await findCalls(trx, writes.map(channelOf));
  const outcomes: WriteOutcome[] = new Array<WriteOutcome>(writes.length);
  const openIndexes = writes.flatMap((write, index) => (write.kind === 'open' ? [index] : []));
  if (openIndexes.length > 0) {
    const opened = await openCalls(trx, writer, openIndexes.map((index) => (writes[index] as Extract<CallWrite, { kind: 'open' }>).input), calls, now);
    openIndexes.forEach((index, position) => (outcomes[index] = ok(opened[position])));
  }
  const handOffs = writes.flatMap((write) => (write.kind === 'handOff' ? [write] : []));
  const routes = handOffs.flatMap((write) => {
    const ticketId = calls.get(write.channelId)?.ticketId;
    return ticketId == null ? [] : [{ ticketId, dedupeKey: handOffKey(write.handOff) }];
  });
  const handOffTickets = routes.map((route) => route.ticketId);
  const category = handOffTickets.length > 0 ? await findCategories(trx, handOffs.map((write) => write.handOff.categoryCode)) : undefined;
  const tickets = await loadTickets(trx, handOffTickets);
  // A lone route is written at once (its INSERT tells a duplicate): waiting would only add the SELECT of its key.
  const deferred = routes.length > 1 ? routes : [];
  // After the tickets' lock: what the history holds of these keys cannot change before the commit.
  const stored = await findStoredKeys(trx, deferred);
  const stamp = toDbTime(now);
  const facts = new PendingFacts(new Set(deferred.map((route) => `${route.ticketId}|${route.dedupeKey}`)), stored);
  const rows = new CallRowChanges();
  for (const [index, write] of writes.entries()) {
    if (write.kind === 'open') continue;
    const call = calls.get(write.channelId);
    if (!call) {
      outcomes[index] = write.kind === 'queueOutcome' ? ok(false) : { ok: false, error: new CallNotFoundError(write.channelId) };
      continue;
    }
    switch (write.kind) {
      case 'progress':
        rows.set(call, { ivr_path: JSON.stringify(write.progress.path), last_step: write.progress.lastStep });
        break;
      case 'handOff':
        await writeHandOff(trx, writer, call, write.handOff, { categoryOf: category, tickets, facts, rows });
        break;
      case 'end':
        await writeCallEnd(trx, writer, call, write.end, rows, facts);
        break;
      case 'queueOutcome':
        await writeQueueOutcome(trx, writer, call, write.outcome, rows, facts);
        break;
    }
    outcomes[index] = ok(true);
  }
  await rows.flush(trx, stamp);
  await facts.flush(trx);
  return outcomes;
}

async function writeHandOff(
  trx: Knex.Transaction,
  writer: TicketWriter,
  call: CallRef,
  handOff: HandOff,
  shared: { categoryOf: ((code: string) => Category) | undefined; tickets: Map<number, TicketView>; facts: PendingFacts; rows: CallRowChanges },
): Promise<void> {
  const at = toDbTime(handOff.at);
  const { categoryOf, tickets, facts, rows } = shared;
  if (call.ticketId !== null && categoryOf) {
    const category = categoryOf(handOff.categoryCode);
    const data = {
      queue: handOff.queue,
      categoryCode: category.code,
      ...(category.code === handOff.categoryCode ? {} : { requestedCategoryCode: handOff.categoryCode }),
      reason: handOff.reason,
    };
    // Read once for the batch; once written, a second write of the same ticket in this batch reads it again.
    const ticket = tickets.get(call.ticketId) ?? { id: call.ticketId };
    tickets.delete(call.ticketId);
    const written = await writeSystemAction(
      writer,
      trx,
      ticket,
      { name: 'route', categoryCode: category.code, departmentCode: category.departmentCode, data },
      { kind: 'system', name: HAND_OFF_ACTOR[handOff.reason] },
      handOff.at,
      handOffKey(handOff),
      facts,
    );
    if (written === 'duplicate') return;
  }
  rows.set(call, {
    queue: handOff.queue,
    queued_at: at,
    ...(handOff.progress ? { ivr_path: JSON.stringify(handOff.progress.path), last_step: handOff.progress.lastStep } : {}),
  });
}
