import type { Knex } from 'knex';

/** The calls columns the call path's writes set after the opening; every value they write is non-null. */
export interface CallColumns {
  queue?: string;
  queued_at?: string;
  ivr_path?: string;
  last_step?: string;
  left_ivr_at?: string;
  outcome?: string;
  ended_at?: string;
  agent?: string;
  agent_name?: string;
  agent_connected_at?: string;
  wait_s?: number;
  talk_s?: number;
}

/** A call row's columns as stored (and as this batch has changed them so far). */
export type CallState = { [K in keyof CallColumns]-?: NonNullable<CallColumns[K]> | null };

export const CALL_COLUMNS = [
  'queue',
  'queued_at',
  'ivr_path',
  'last_step',
  'left_ivr_at',
  'outcome',
  'ended_at',
  'agent',
  'agent_name',
  'agent_connected_at',
  'wait_s',
  'talk_s',
] as const satisfies ReadonlyArray<keyof CallColumns>;

const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['wait_s', 'talk_s']);

export const emptyCallState = (): CallState => ({
  queue: null,
  queued_at: null,
  ivr_path: '[]',
  last_step: null,
  left_ivr_at: null,
  outcome: null,
  ended_at: null,
  agent: null,
  agent_name: null,
  agent_connected_at: null,
  wait_s: null,
  talk_s: null,
});

/**
 * A group commit's changes to call rows, applied to the rows as read at the batch's start (locked until commit on
 * PostgreSQL, and SQLite has one connection) and written as one UPDATE … FROM (VALUES …) at its end: the
 * hand-off, the queue outcomes, the hang-up and the end of a call were one UPDATE each. The writes' guards (first
 * end wins, first answer wins, coalesce) read the row's state here, which each change updates in order, so they
 * decide as the statements did one after another.
 */
export class CallRowChanges {
  private readonly changed = new Map<string, CallColumns>();

  set(call: { id: string; state: CallState }, columns: CallColumns): void {
    Object.assign(call.state, columns);
    const pending = this.changed.get(call.id);
    if (pending) Object.assign(pending, columns);
    else this.changed.set(call.id, { ...columns });
  }

  /**
   * One statement for every changed row. A column no write of a row set is NULL in its VALUES row and keeps the
   * row's value (coalesce): the writes never set NULL, and what others write meanwhile (the survey's score) stays.
   * PostgreSQL types a VALUES column of parameters as text, so the integer columns are cast.
   */
  async flush(trx: Knex.Transaction, stamp: string): Promise<void> {
    const rows = [...this.changed];
    if (rows.length === 0) return;
    this.changed.clear();
    const columns = CALL_COLUMNS.filter((column) => rows.some(([, changes]) => changes[column] !== undefined));
    const placeholders = columns.map((column) => (INTEGER_COLUMNS.has(column) ? 'cast(? as integer)' : '?'));
    const tuple = `(?${placeholders.map((p) => `, ${p}`).join('')})`;
    // VALUES names its columns column1, column2 … on both engines (SQLite takes no alias list).
    const sets = columns.map((column, index) => `${column} = coalesce(v.column${index + 2}, calls.${column})`);
    const bindings: Array<string | number | null> = [stamp];
    for (const [id, changes] of rows) bindings.push(id, ...columns.map((column) => changes[column] ?? null));
    await trx.raw(
      `update calls set updated_at = ?${sets.map((set) => `, ${set}`).join('')} from (values ${rows.map(() => tuple).join(', ')}) as v where calls.id = v.column1`,
      bindings,
    );
  }
}
