import type { Knex } from 'knex';
import { ticketFilterOf } from '../requests/request-figures.js';
import { NOT_ABANDONED } from '../requests/requests-sql.js';
import type { ColumnDef, ReportListing, Row } from '../report-types.js';
import { toDbTime } from '../../storage/time.js';
import { cellOf, keysetRows, maskToLastFour, rawRows } from './keyset.js';

const column = (key: string, kind: ColumnDef['kind'], tr: string, en: string): ColumnDef => ({ key, kind, label: { tr, en } });

/** No names, addresses or descriptions: a listing is for counting and checking, not for reading citizens' files. */
export const TICKET_LISTING_COLUMNS: readonly ColumnDef[] = [
  column('number', 'text', 'Başvuru no', 'Request number'),
  column('created_at', 'datetime', 'Açılış', 'Opened'),
  column('source', 'text', 'Kaynak', 'Source'),
  column('category', 'text', 'Konu', 'Topic'),
  column('department', 'text', 'Birim', 'Department'),
  column('district', 'text', 'İlçe', 'District'),
  column('neighbourhood', 'text', 'Mahalle', 'Neighbourhood'),
  column('status', 'text', 'Durum', 'Status'),
  column('caller', 'text', 'Telefon (son 4 hane)', 'Phone (last 4 digits)'),
  column('due_at', 'datetime', 'Son tarih', 'Deadline'),
  column('accepted_at', 'datetime', 'Kabul', 'Accepted'),
  column('answered_at', 'datetime', 'Yanıt', 'Answered'),
  column('answered_in_time', 'count', 'Süresinde yanıt (1/0)', 'Answered in time (1/0)'),
  column('informed_at', 'datetime', 'Bilgilendirme', 'Informed'),
  column('closed_at', 'datetime', 'Kapanış', 'Closed'),
  column('reopen_count', 'count', 'Yeniden açılma', 'Reopened'),
  column('survey_score', 'score', 'Anket puanı', 'Survey score'),
];

interface Keyed {
  id: number;
  row: Row;
}

/**
 * Every request opened in the period (created_at in [from, to), abandoned calls' placeholders left out, as the
 * requests report counts them) with its filters (category with sub-categories, department, district, source), in
 * id order: keyset on the primary key. Ids grow with creation, so the pages walk the period's stretch of the key
 * once; a filter that keeps few rows makes pages read further, but no row is read twice.
 */
export function createTicketsListing(db: Knex): ReportListing {
  return {
    id: 'tickets',
    title: { tr: 'Başvurular', en: 'Requests' },
    columns: TICKET_LISTING_COLUMNS,
    async *rows(filters) {
      const filter = await ticketFilterOf(db, filters);
      const bindings = { ...filter.bindings, from: toDbTime(new Date(filters.from)), to: toDbTime(new Date(filters.to)) };
      const page = async (last: Keyed | null, limit: number): Promise<Keyed[]> => {
        const rows = await rawRows(
          db,
          `select id, number, created_at, source, category_code, department_code, district, neighbourhood, status, caller_number, due_at,
                  accepted_at, answered_at, answered_in_time, informed_at, closed_at, reopen_count, survey_score
             from tickets
            where id > :afterId and created_at >= :from and created_at < :to and ${NOT_ABANDONED}${filter.sql}
            order by id limit :limit`,
          { ...bindings, afterId: last?.id ?? 0, limit },
        );
        return rows.map((row) => ({ id: Number(row.id), row: toRow(row) }));
      };
      for await (const { row } of keysetRows(page)) yield row;
    },
  };
}

function toRow(row: Record<string, unknown>): Row {
  return {
    number: cellOf(row.number),
    created_at: cellOf(row.created_at),
    source: cellOf(row.source),
    category: cellOf(row.category_code),
    department: cellOf(row.department_code),
    district: cellOf(row.district),
    neighbourhood: cellOf(row.neighbourhood),
    status: cellOf(row.status),
    caller: maskToLastFour(row.caller_number),
    due_at: cellOf(row.due_at),
    accepted_at: cellOf(row.accepted_at),
    answered_at: cellOf(row.answered_at),
    answered_in_time: cellOf(row.answered_in_time, true),
    informed_at: cellOf(row.informed_at),
    closed_at: cellOf(row.closed_at),
    reopen_count: cellOf(row.reopen_count, true),
    survey_score: cellOf(row.survey_score, true),
  };
}
