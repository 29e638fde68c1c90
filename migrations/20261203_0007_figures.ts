import type { Knex } from 'knex';

/*
 * The predicates are written out (not built from src/requests): an applied migration must not change when the
 * code's lists do. The queries repeat them verbatim (src/requests/deadlines/deadline-due.ts,
 * src/requests/read/figures-sql.ts) and test/integration/requests-figures-plans.test.ts checks with EXPLAIN
 * that both engines use these indexes.
 */
const OWED = "status in ('open', 'forwarded', 'in_progress', 'needs_info', 'returned')";

const INDEXES: Record<string, string> = {
  // The deadline clock: each holds only the tickets still owed that notification, so a run reads what is due.
  tickets_clock_due_soon_idx: `on tickets (due_soon_at, id) where ${OWED} and due_soon_notified_at is null`,
  tickets_clock_overdue_idx: `on tickets (due_at, id) where ${OWED} and overdue_notified_at is null`,
  tickets_clock_ack_idx: "on tickets (ack_due_at, id) where status = 'forwarded' and ack_overdue_notified_at is null",
  // The figures: a period's steps by their time, covering what the medians and shares read. (The open backlog
  // is read through the status index the tickets table already has.)
  tickets_accepted_figures_idx: 'on tickets (accepted_at, department_code, source, accept_s) where accepted_at is not null',
  tickets_answered_figures_idx: 'on tickets (answered_at, department_code, source, answer_s, answered_in_time) where answered_at is not null',
  tickets_informed_figures_idx: 'on tickets (informed_at, department_code, source, inform_s) where informed_at is not null',
};

/** Indexes for the deadline clock's range queries and the lifecycle figures (no column changes). */
export async function up(db: Knex): Promise<void> {
  for (const [name, definition] of Object.entries(INDEXES)) await db.raw(`create index ${name} ${definition}`);
}

export async function down(db: Knex): Promise<void> {
  for (const name of Object.keys(INDEXES)) await db.raw(`drop index if exists ${name}`);
}
