import type { Cell, ColumnDef } from '../report-types.js';
import type { GroupSums } from './request-figures.js';

/** The figure columns every requests table has after its key columns (definitions: README, "Raporlar"). */
export const FIGURE_COLUMNS: readonly ColumnDef[] = [
  { key: 'opened', label: { tr: 'Açılan', en: 'Opened' }, kind: 'count' },
  { key: 'accepted', label: { tr: 'Kabul edilen', en: 'Accepted' }, kind: 'count' },
  { key: 'answered', label: { tr: 'Yanıtlanan', en: 'Answered' }, kind: 'count' },
  { key: 'answered_in_time', label: { tr: 'Süresinde yanıtlanan', en: 'Answered within deadline' }, kind: 'count' },
  { key: 'in_time_pct', label: { tr: 'Süresinde %', en: 'Within deadline %' }, kind: 'percent' },
  { key: 'informed', label: { tr: 'Bilgilendirilen', en: 'Informed' }, kind: 'count' },
  { key: 'accept_median_s', label: { tr: 'Kabul süresi (medyan)', en: 'Time to accept (median)' }, kind: 'seconds' },
  { key: 'answer_median_s', label: { tr: 'Yanıt süresi (medyan)', en: 'Time to answer (median)' }, kind: 'seconds' },
  { key: 'inform_median_s', label: { tr: 'Bilgilendirme süresi (medyan)', en: 'Time to inform (median)' }, kind: 'seconds' },
  { key: 'reopened', label: { tr: 'Yeniden açılan', en: 'Reopened' }, kind: 'count' },
  { key: 'reopen_pct', label: { tr: 'Yeniden açılma %', en: 'Reopen rate %' }, kind: 'percent' },
  { key: 'survey_avg', label: { tr: 'Anket puanı', en: 'Survey score' }, kind: 'score' },
  { key: 'survey_n', label: { tr: 'Anket sayısı', en: 'Surveys' }, kind: 'count' },
];

/** part ÷ whole as a percentage with one decimal; null when there is no whole. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Seconds are whole: an even count's median (the mean of the two middle values) may end in .5 and rounds up. */
const seconds = (value: number | null): number | null => (value === null ? null : Math.round(value));

export function figureCells(sums: GroupSums): Record<string, Cell> {
  return {
    opened: sums.opened,
    accepted: sums.accepted,
    answered: sums.answered,
    answered_in_time: sums.inTime,
    in_time_pct: percent(sums.inTime, sums.withDeadline),
    informed: sums.informed,
    accept_median_s: seconds(sums.acceptMedianS),
    answer_median_s: seconds(sums.answerMedianS),
    inform_median_s: seconds(sums.informMedianS),
    reopened: sums.reopened,
    reopen_pct: percent(sums.reopened, sums.answered),
    survey_avg: sums.surveyN === 0 ? null : Math.round((sums.surveySum / sums.surveyN) * 100) / 100,
    survey_n: sums.surveyN,
  };
}
