import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../storage/time.js';

const queueRows = z.array(z.object({ queue_name: z.string() }));

/**
 * users.queues (what a desk login joins; null: every queue, []: none) and its queue_members rows (with penalties and what the
 * PBX has, src/admin/queues) written together, in the caller's transaction. A queue kept keeps its penalty unless
 * `penalties` names it; a queue dropped loses its row.
 */
export async function writeUserQueues(trx: Knex | Knex.Transaction, userId: number, queues: readonly string[] | null, penalties: Readonly<Record<string, number>>, now: Date): Promise<void> {
  const list = queues === null ? null : [...new Set(queues)];
  await trx('users')
    .where({ id: userId })
    .update({ queues: list === null ? null : JSON.stringify(list), updated_at: toDbTime(now) });
  const kept = list ?? [];
  await trx('queue_members').where({ user_id: userId }).whereNotIn('queue_name', kept).delete();
  await writeMemberRows(trx, userId, kept, penalties, now);
}

/** Adds the missing member rows (penalty 0 unless given) and sets the penalties given for existing ones. */
export async function writeMemberRows(trx: Knex | Knex.Transaction, userId: number, queues: readonly string[], penalties: Readonly<Record<string, number>>, now: Date): Promise<void> {
  const existing = new Set(queueRows.parse(await trx('queue_members').where({ user_id: userId }).select('queue_name')).map((row) => row.queue_name));
  const at = toDbTime(now);
  for (const queue of new Set(queues)) {
    const penalty = penalties[queue];
    if (!existing.has(queue)) await trx('queue_members').insert({ queue_name: queue, user_id: userId, penalty: penalty ?? 0, pbx_state: 'at-login', updated_at: at });
    else if (penalty !== undefined) await trx('queue_members').where({ queue_name: queue, user_id: userId }).update({ penalty, updated_at: at });
  }
}
