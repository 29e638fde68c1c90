import type { Knex } from 'knex';

/**
 * The escalation view's counts per department and its acknowledgement list (src/requests/read/escalations.ts),
 * measured with bench/inbox.ts on 1,000,000 tickets (100,000 open): without these the counts read every open
 * item's row (SQLite p99 ~680 ms, ~130 ms with indexes SQLite would not cover with) and the ack-overdue list walked all forwarded items (~250 ms).
 * - tickets_open_due_soon_idx: due-soon counts and the clock's due-soon crossings, covering (no row read);
 * - tickets_open_deadline_idx: overdue counts, covering (tickets_open_due_idx has no department);
 * - tickets_ack_due_idx: forwarded items by acknowledgement deadline, per department.
 * `status` is in the first two although their WHERE fixes it: SQLite counts an index as covering only when it
 * holds every column the query names, and a `<>` predicate of a partial index does not count (an `=` one does).
 * Partial like the lifecycle's: closed items (most of the table) are in none of them.
 */
const INDEXES: Array<[string, string, string]> = [
  ['tickets_open_due_soon_idx', 'due_soon_at, due_at, department_code, status', "status <> 'closed'"],
  ['tickets_open_deadline_idx', 'due_at, due_soon_at, department_code, status', "status <> 'closed'"],
  ['tickets_ack_due_idx', 'ack_due_at, department_code, id', "status = 'forwarded'"],
];

export async function up(db: Knex): Promise<void> {
  for (const [name, columns, where] of INDEXES) await db.raw(`create index ${name} on tickets (${columns}) where ${where}`);
}

export async function down(db: Knex): Promise<void> {
  for (const [name] of INDEXES) await db.raw(`drop index if exists ${name}`);
}
