import type { Knex } from 'knex';
import { callPredicate } from '../calls/call-filter.js';
import type { ColumnDef, ReportListing, Row } from '../report-types.js';
import { cellOf, keysetRows, maskToLastFour, rawRows } from './keyset.js';

const column = (key: string, kind: ColumnDef['kind'], tr: string, en: string): ColumnDef => ({ key, kind, label: { tr, en } });

export const CALL_LISTING_COLUMNS: readonly ColumnDef[] = [
  column('started_at', 'datetime', 'Başlangıç', 'Started'),
  column('call_id', 'text', 'Çağrı no', 'Call id'),
  column('caller', 'text', 'Arayan (son 4 hane)', 'Caller (last 4 digits)'),
  column('last_step', 'text', 'IVR son adım', 'Last IVR step'),
  column('queue', 'text', 'Kuyruk', 'Queue'),
  column('outcome', 'text', 'Sonuç', 'Outcome'),
  column('agent', 'text', 'Temsilci', 'Agent'),
  column('wait_s', 'seconds', 'Bekleme (sn)', 'Wait (s)'),
  column('talk_s', 'seconds', 'Konuşma (sn)', 'Talk (s)'),
  column('ended_at', 'datetime', 'Bitiş', 'Ended'),
  column('survey_score', 'score', 'Anket puanı', 'Survey score'),
  column('ticket', 'text', 'Başvuru no', 'Request number'),
];

interface Keyed {
  key: { at: string; id: string };
  row: Row;
}

const HOUR_MS = 3_600_000;

/** The UTC hours `2025-03-09T06` … touching [from, to): the stored ISO text's first 13 characters. */
function* utcHours(from: number, to: number): Generator<string> {
  for (let at = Math.floor(from / HOUR_MS) * HOUR_MS; at < to; at += HOUR_MS) yield new Date(at).toISOString().slice(0, 13);
}

/**
 * Every call of the period (started_at in [from, to)) with the calls report's filters (calls/call-filter.ts), in
 * started_at order. No index on calls leads with started_at alone, so a plain keyset on (started_at, id) makes each
 * page sort every call after the cursor (SQLite: a skip-scan of calls_outcome_started_idx then a temporary B-tree,
 * 80 ms a page at 100 k calls and growing; PostgreSQL: a sequential scan per page). calls_report_hour_idx leads
 * with the UTC hour (`substr(started_at, 1, 13)`, migration 20261204_0003): the listing walks the period hour by
 * hour, each hour an index range sorted on its own, and within an hour keyset pages of PAGE_SIZE on
 * (started_at, id), so a busy hour is never held whole either; `id` breaks ties between calls of one millisecond.
 */
export function createCallsListing(db: Knex): ReportListing {
  return {
    id: 'calls',
    title: { tr: 'Çağrılar', en: 'Calls' },
    columns: CALL_LISTING_COLUMNS,
    async *rows(filters) {
      const predicate = await callPredicate(db, filters);
      if (predicate.none) return;
      for (const hour of utcHours(filters.from, filters.to)) {
        const page = async (last: Keyed | null, limit: number): Promise<Keyed[]> => {
          const after = last?.key ?? null;
          const keyset = after === null ? '' : ' and started_at >= :afterAt and (started_at > :afterAt or id > :afterId)';
          const bindings = { ...predicate.bindings, hour, ...(after === null ? {} : { afterAt: after.at, afterId: after.id }), limit };
          const rows = await rawRows(
            db,
            `select c.id, c.started_at, c.caller_number, c.last_step, c.queue, c.outcome, c.agent, c.agent_name, c.wait_s, c.talk_s, c.ended_at, c.survey_score, t.number as ticket
               from (select id, started_at, caller_number, last_step, queue, outcome, agent, agent_name, wait_s, talk_s, ended_at, survey_score, ticket_id
                     from calls where substr(started_at, 1, 13) = :hour and ${predicate.where}${keyset} order by started_at, id limit :limit) c
               left join tickets t on t.id = c.ticket_id
              order by c.started_at, c.id`,
            bindings,
          );
          return rows.map((row) => ({ key: { at: String(row.started_at), id: String(row.id) }, row: toRow(row) }));
        };
        for await (const { row } of keysetRows(page)) yield row;
      }
    },
  };
}

function toRow(row: Record<string, unknown>): Row {
  return {
    started_at: cellOf(row.started_at),
    call_id: cellOf(row.id),
    caller: maskToLastFour(row.caller_number),
    last_step: cellOf(row.last_step),
    queue: cellOf(row.queue),
    outcome: cellOf(row.outcome),
    agent: cellOf(row.agent_name ?? row.agent),
    wait_s: cellOf(row.wait_s, true),
    talk_s: cellOf(row.talk_s, true),
    ended_at: cellOf(row.ended_at),
    survey_score: cellOf(row.survey_score, true),
    ticket: cellOf(row.ticket),
  };
}
