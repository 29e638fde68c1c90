import type { Knex } from 'knex';
import type { IvrDefinition } from '../../ivr/types.js';
import type { ReportBuilder, ReportFilters, ReportTable, Row } from '../report-types.js';
import { callPredicate, rawRows, type Bindings } from './call-filter.js';
import { addSums, callCells, emptySums, type CallSums, type WrapUp } from './call-sums.js';
import { DAY_COLUMNS, HEATMAP_COLUMNS, IVR_COLUMNS, QUEUE_COLUMNS, TOTAL_COLUMNS, pick } from './calls-columns.js';
import { callsRow, callsSql, wrapUpSql } from './calls-sql.js';
import { ivrChoiceLabel } from './ivr-choice-label.js';
import { istanbulDays, istanbulHourOf } from './istanbul-hours.js';

export interface CallsReportOptions {
  /** config queues.serviceLevelSeconds: answered within this many seconds of joining the queue. */
  serviceLevelSeconds: number;
  /** config queues.wrapUpS: added to each handled call's talk time for AHT, as the wallboard does (default 0). */
  wrapUpS?: WrapUp;
  /** The IVR menu in use, for the labels of the choices (without it the raw step is the label). */
  ivr?: () => IvrDefinition;
}

/** Sums keyed by a string, created on first use. */
class Buckets extends Map<string, CallSums> {
  at(key: string): CallSums {
    let sums = this.get(key);
    if (!sums) this.set(key, (sums = emptySums()));
    return sums;
  }
}

/** The calls report: totals, hour × weekday heat map, per queue, per IVR choice and per day (periods over one day). */
export function createCallsReport(db: Knex, options: CallsReportOptions): ReportBuilder {
  const wrapUp = options.wrapUpS ?? { default: 0, perQueue: {} };
  return {
    id: 'calls',
    async build(filters: ReportFilters): Promise<readonly ReportTable[]> {
      const predicate = await callPredicate(db, filters);
      const bindings: Bindings = { ...predicate.bindings, sl: options.serviceLevelSeconds };
      const sql = callsSql(predicate.none ? '1 = 0' : predicate.where, wrapUpSql(wrapUp, bindings));

      const total = emptySums();
      const cells = new Buckets();
      const days = new Buckets();
      const queues: [string, CallSums][] = [];
      const steps: [string | null, CallSums][] = [];
      for (const raw of await rawRows(db, sql, bindings)) {
        const { g, k, ...sums } = callsRow.parse(raw);
        if (g === 'queue') {
          if (k !== null) queues.push([k, sums]);
        } else if (g === 'step') {
          steps.push([k, sums]);
        } else if (k !== null) {
          const hour = istanbulHourOf(k);
          for (const target of [total, cells.at(`${hour.weekday}:${hour.hour}`), days.at(hour.date)]) addSums(target, sums);
        }
      }

      const heatmap: Row[] = [];
      for (let weekday = 1; weekday <= 7; weekday += 1) {
        for (let hour = 0; hour < 24; hour += 1) heatmap.push(pick({ weekday, hour, ...callCells(cells.at(`${weekday}:${hour}`)) }, HEATMAP_COLUMNS));
      }
      const byQueue = queues.sort(([a], [b]) => a.localeCompare(b)).map(([queue, sums]) => pick({ queue, ...callCells(sums) }, QUEUE_COLUMNS));
      const ivr = options.ivr?.();
      const byChoice = steps
        .sort(([stepA, a], [stepB, b]) => b.offered - a.offered || (stepA ?? '').localeCompare(stepB ?? ''))
        .map(([step, sums]) => pick({ choice: ivrChoiceLabel(ivr, step), step, ...callCells(sums) }, IVR_COLUMNS));

      const tables: ReportTable[] = [
        { id: 'totals', title: { tr: 'Çağrı özeti', en: 'Call totals' }, columns: TOTAL_COLUMNS, rows: [pick(callCells(total), TOTAL_COLUMNS)] },
        {
          id: 'heatmap',
          title: { tr: 'Saat ve güne göre gelen çağrı', en: 'Calls by hour and weekday' },
          columns: HEATMAP_COLUMNS,
          rows: heatmap,
          chart: { kind: 'heatmap', xKey: 'hour', yKey: 'weekday', valueKey: 'offered' },
        },
        { id: 'by-queue', title: { tr: 'Kuyruklara göre', en: 'By queue' }, columns: QUEUE_COLUMNS, rows: byQueue, chart: { kind: 'bar', labelKey: 'queue', valueKeys: ['answered', 'abandonedInQueue'] } },
        { id: 'by-ivr-choice', title: { tr: 'IVR seçimlerine göre', en: 'By IVR choice' }, columns: IVR_COLUMNS, rows: byChoice, chart: { kind: 'bar', labelKey: 'choice', valueKeys: ['offered'] } },
      ];
      const periodDays = istanbulDays(filters.from, filters.to);
      if (periodDays.length > 1) {
        const byDay = periodDays.map((date) => pick({ date, ...callCells(days.get(date) ?? emptySums()) }, DAY_COLUMNS));
        tables.push({ id: 'by-day', title: { tr: 'Günlere göre', en: 'By day' }, columns: DAY_COLUMNS, rows: byDay, chart: { kind: 'line', labelKey: 'date', valueKeys: ['offered', 'answered', 'abandonedInQueue'] } });
      }
      return tables;
    },
  };
}
