import type { Knex } from 'knex';
import { REQUEST_STATUSES } from '../src/requests/request-states.js';

const OLD_STATUSES = ['open', 'in_progress', 'forwarded', 'resolved', 'closed', 'abandoned'];
const TIME_COLUMNS = ['accepted_at', 'answered_at', 'informed_at', 'closed_at', 'ack_due_at', 'due_soon_at', 'due_soon_notified_at', 'overdue_notified_at', 'ack_overdue_notified_at', 'first_attempt_at', 'call_back_at'];
const TEXT_COLUMNS = ['answer', 'question'];
const INT_COLUMNS = ['accept_s', 'answer_s', 'inform_s'];
const INDEXES = {
  inbox: 'tickets_inbox_idx',
  relay: 'tickets_relay_idx',
  openDue: 'tickets_open_due_idx',
  departmentFigures: 'tickets_department_figures_idx',
  closedAt: 'tickets_closed_at_idx',
};

const isSqlite = (db: Knex): boolean => db.client.config.client === 'sqlite3';
const checkList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(',');

/**
 * SQLite cannot alter a CHECK constraint; its documented way (ALTER TABLE, "other kinds of table schema changes")
 * for a change that leaves the stored rows valid is to edit the table's SQL text with writable_schema. A new,
 * wider status list keeps every existing row valid, so the table need not be rebuilt (its rows referenced by
 * calls and ticket_events stay where they are).
 */
async function replaceStatusCheck(db: Knex, from: readonly string[], to: readonly string[]): Promise<void> {
  if (!isSqlite(db)) {
    await db.raw('alter table tickets drop constraint if exists tickets_status_check');
    await db.raw(`alter table tickets add constraint tickets_status_check check (status in (${checkList(to)}))`);
    return;
  }
  const oldCheck = `\`status\` in (${checkList(from)})`;
  const newCheck = `\`status\` in (${checkList(to)})`;
  const rows = (await db.raw("select sql from sqlite_master where type = 'table' and name = 'tickets'")) as { sql: string }[];
  const sql = rows[0]?.sql;
  if (!sql || !sql.includes(oldCheck)) throw new Error('tickets: the status CHECK constraint is not the one this migration knows');
  const version = (await db.raw('pragma schema_version')) as { schema_version: number }[];
  await db.raw('pragma writable_schema = on');
  await db.raw("update sqlite_master set sql = ? where type = 'table' and name = 'tickets'", [sql.replace(oldCheck, newCheck)]);
  await db.raw(`pragma schema_version = ${(version[0]?.schema_version ?? 0) + 1}`);
  await db.raw('pragma writable_schema = off');
}

/**
 * The request lifecycle (src/requests/lifecycle.ts):
 * - statuses needs_info, returned and answered; `resolved` (resolved on the call) becomes closed with
 *   close_reason resolved-on-call: the citizen was told at once;
 * - the times of each step, the department's answer and question, the tries to reach the citizen;
 * - deadlines: due_at (the answer), ack_due_at (the department's acknowledgement), due_soon_at (when
 *   lifecycle.dueSoonRatio of the deadline is used), and the notification marks of the deadline clock;
 * - accept_s, answer_s, inform_s and answered_in_time: the durations the figures take medians of, written by the
 *   lifecycle when the step happens, so no query computes them from text timestamps row by row;
 * - partial indexes for the department inbox, the relay list and the escalation view.
 * Times stay UTC ISO-8601 text (see src/storage/time.ts): fixed width, so comparisons against a bound use the index.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('tickets', (table) => {
    for (const column of TIME_COLUMNS) table.string(column, 30).nullable();
    for (const column of TEXT_COLUMNS) table.text(column).nullable();
    for (const column of INT_COLUMNS) table.integer(column).nullable();
    table.string('close_reason', 30).nullable();
    table.boolean('answered_in_time').nullable();
    table.integer('contact_attempts').notNullable().defaultTo(0);
    table.integer('reopen_count').notNullable().defaultTo(0);
    table.boolean('sms_opt_out').notNullable().defaultTo(false);
  });
  await replaceStatusCheck(db, OLD_STATUSES, REQUEST_STATUSES);
  await db('tickets').where({ status: 'resolved' }).update({ status: 'closed', close_reason: 'resolved-on-call', closed_at: db.ref('resolved_at'), informed_at: db.ref('resolved_at') });
  await db('tickets').where({ status: 'in_progress' }).update({ accepted_at: db.ref('updated_at') });
  await db.raw(`create index ${INDEXES.inbox} on tickets (department_code, due_at, id) where status in ('forwarded', 'in_progress')`);
  await db.raw(`create index ${INDEXES.relay} on tickets (answered_at, id) where status in ('answered', 'needs_info')`);
  await db.raw(`create index ${INDEXES.openDue} on tickets (due_at, id) where status <> 'closed'`);
  await db.raw(`create index ${INDEXES.departmentFigures} on tickets (department_code, source, status)`);
  await db.raw(`create index ${INDEXES.closedAt} on tickets (closed_at)`);
}

export async function down(db: Knex): Promise<void> {
  for (const index of Object.values(INDEXES)) await db.raw(`drop index if exists ${index}`);
  await db('tickets').where({ close_reason: 'resolved-on-call' }).update({ status: 'resolved' });
  await db('tickets').whereIn('status', ['needs_info', 'answered']).update({ status: 'in_progress' });
  await db('tickets').where({ status: 'returned' }).update({ status: 'open' });
  await replaceStatusCheck(db, REQUEST_STATUSES, OLD_STATUSES);
  const columns = [...TIME_COLUMNS, ...TEXT_COLUMNS, ...INT_COLUMNS, 'close_reason', 'answered_in_time', 'contact_attempts', 'reopen_count', 'sms_opt_out'];
  if (!isSqlite(db)) {
    await db.schema.alterTable('tickets', (table) => table.dropColumns(...columns));
    return;
  }
  for (const column of columns) await db.raw('alter table "tickets" drop column ??', [column]);
}
