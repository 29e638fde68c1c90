import type { Knex } from 'knex';
import { z } from 'zod';
import { rawRows } from '../../calls/call-writes/raw-rows.js';
import { toDbTime } from '../../storage/time.js';
import type { ColumnDef, ReportBuilder, ReportFilters, ReportTable } from '../report-types.js';
import { percent } from '../requests/request-columns.js';
import { ticketFilterOf } from '../requests/request-figures.js';
import { catalogueNames } from '../requests/requests-report.js';
import { answeredInTimeSql, callFilter, callsSql, hourRange, openedByChannelAndTopicSql } from './summary-sql.js';

/**
 * The summary the centre publishes for a year ("2025 yılında 1.190.000 çağrı …"), for any period: calls received
 * and answered, requests by channel, the ten busiest topics and the share answered within deadline.
 * Filters: queue narrows the calls; category, department, district and source narrow the requests; agent does
 * not apply (the summary is the centre's).
 */

export const TOP_TOPICS = 10;

const count = z.union([z.number(), z.string(), z.null()]).transform((value) => (value === null ? 0 : Number(value)));
const callsRow = z.object({ received: count, queued: count, answered: count });
const openedRow = z.object({ g: z.enum(['source', 'topic', 'total']), k1: z.string().nullable(), opened: count });
const inTimeRow = z.object({ answered: count, with_deadline: count, in_time: count });

const column = (key: string, tr: string, en: string, kind: ColumnDef['kind']): ColumnDef => ({ key, label: { tr, en }, kind });

const TOTALS_COLUMNS: readonly ColumnDef[] = [
  column('calls_received', 'Gelen çağrı', 'Calls received', 'count'),
  column('calls_queued', 'Kuyruğa aktarılan', 'Handed to a queue', 'count'),
  column('calls_answered', 'Cevaplanan çağrı', 'Calls answered', 'count'),
  column('calls_answered_pct', 'Cevaplanma %', 'Answered %', 'percent'),
  column('requests_opened', 'Açılan başvuru', 'Requests opened', 'count'),
  column('requests_answered', 'Yanıtlanan başvuru', 'Requests answered', 'count'),
  column('in_time_pct', 'Süresinde yanıt %', 'Answered within deadline %', 'percent'),
];

async function one<T extends z.ZodType>(db: Knex, sql: string, bindings: Record<string, string>, schema: T): Promise<z.infer<T>[]> {
  return rawRows(await db.raw(sql, bindings)).map((row) => schema.parse(row) as z.infer<T>);
}

export function createSummaryReport(db: Knex): ReportBuilder {
  return {
    id: 'summary',
    async build(filters: ReportFilters): Promise<readonly ReportTable[]> {
      const period = { from: toDbTime(new Date(filters.from)), to: toDbTime(new Date(filters.to)) };
      const tickets = await ticketFilterOf(db, filters);
      const calls = callFilter(filters.queue);
      const [[callSums], opened, [answered], names] = await Promise.all([
        one(db, callsSql(calls), { ...period, ...hourRange(filters.from, filters.to), ...calls.bindings }, callsRow),
        one(db, openedByChannelAndTopicSql(tickets), { ...period, ...tickets.bindings }, openedRow),
        one(db, answeredInTimeSql(tickets), { ...period, ...tickets.bindings }, inTimeRow),
        catalogueNames(db),
      ]);
      const total = opened.find((row) => row.g === 'total')?.opened ?? 0;
      const received = callSums?.received ?? 0;
      const totals = {
        calls_received: received,
        calls_queued: callSums?.queued ?? 0,
        calls_answered: callSums?.answered ?? 0,
        calls_answered_pct: percent(callSums?.answered ?? 0, received),
        requests_opened: total,
        requests_answered: answered?.answered ?? 0,
        in_time_pct: percent(answered?.in_time ?? 0, answered?.with_deadline ?? 0),
      };
      const busiest = (a: { opened: number; k1: string | null }, b: { opened: number; k1: string | null }) =>
        b.opened - a.opened || (a.k1 === b.k1 ? 0 : a.k1 === null ? 1 : b.k1 === null ? -1 : a.k1 < b.k1 ? -1 : 1);
      const channels = opened.filter((row) => row.g === 'source' && row.opened > 0).sort(busiest);
      const topics = opened.filter((row) => row.g === 'topic' && row.opened > 0).sort(busiest).slice(0, TOP_TOPICS);
      return [
        { id: 'totals', title: { tr: 'Özet', en: 'Summary' }, columns: TOTALS_COLUMNS, rows: [totals] },
        {
          id: 'by-channel',
          title: { tr: 'Kanala göre başvurular', en: 'Requests by channel' },
          columns: [column('source', 'Kanal', 'Channel', 'text'), column('opened', 'Açılan', 'Opened', 'count'), column('share_pct', 'Pay %', 'Share %', 'percent')],
          rows: channels.map((row) => ({ source: row.k1, opened: row.opened, share_pct: percent(row.opened, total) })),
          chart: { kind: 'bar', labelKey: 'source', valueKeys: ['opened'] },
        },
        {
          id: 'top-topics',
          title: { tr: 'En çok başvurulan konular', en: 'Top topics' },
          columns: [
            column('rank', 'Sıra', 'Rank', 'count'), column('category', 'Konu kodu', 'Topic code', 'text'), column('category_name', 'Konu', 'Topic', 'text'),
            column('parent_name', 'Üst konu', 'Parent topic', 'text'), column('opened', 'Açılan', 'Opened', 'count'), column('share_pct', 'Pay %', 'Share %', 'percent'),
          ],
          rows: topics.map((row, index) => {
            const category = row.k1 === null ? undefined : names.categories.get(row.k1);
            const parent = category?.parent ?? null;
            return { rank: index + 1, category: row.k1, category_name: category?.name ?? null, parent_name: parent === null ? null : (names.categories.get(parent)?.name ?? null), opened: row.opened, share_pct: percent(row.opened, total) };
          }),
          chart: { kind: 'bar', labelKey: 'category_name', valueKeys: ['opened'] },
        },
      ];
    },
  };
}
