import type { ColumnDef } from '../report-types.js';

/** The column definitions of the calls report's tables (labels Turkish and English). */
export const COLUMNS = {
  offered: { key: 'offered', label: { tr: 'Gelen çağrı', en: 'Offered' }, kind: 'count' },
  abandonedInIvr: { key: 'abandonedInIvr', label: { tr: 'IVR’da kapatan', en: 'Abandoned in IVR' }, kind: 'count' },
  queued: { key: 'queued', label: { tr: 'Kuyruğa aktarılan', en: 'Queued' }, kind: 'count' },
  answered: { key: 'answered', label: { tr: 'Temsilcinin cevapladığı', en: 'Answered by an agent' }, kind: 'count' },
  abandonedInQueue: { key: 'abandonedInQueue', label: { tr: 'Kuyrukta kapatan', en: 'Abandoned in queue' }, kind: 'count' },
  unanswered: { key: 'unanswered', label: { tr: 'Kuyruktan cevapsız çıkan', en: 'Left the queue unanswered' }, kind: 'count' },
  serviceLevel: { key: 'serviceLevel', label: { tr: 'Hizmet seviyesi', en: 'Service level' }, kind: 'percent' },
  asa: { key: 'asa', label: { tr: 'Ort. bekleme (ASA)', en: 'ASA' }, kind: 'seconds' },
  handled: { key: 'handled', label: { tr: 'Tamamlanan görüşme', en: 'Handled' }, kind: 'count' },
  aht: { key: 'aht', label: { tr: 'Ort. işlem süresi (AHT)', en: 'AHT' }, kind: 'seconds' },
  talk: { key: 'talk', label: { tr: 'Ort. konuşma süresi', en: 'Average talk time' }, kind: 'seconds' },
  abandonment: { key: 'abandonment', label: { tr: 'Terk oranı', en: 'Abandonment rate' }, kind: 'percent' },
  queue: { key: 'queue', label: { tr: 'Kuyruk', en: 'Queue' }, kind: 'text' },
  date: { key: 'date', label: { tr: 'Gün', en: 'Day' }, kind: 'text' },
  hour: { key: 'hour', label: { tr: 'Saat', en: 'Hour' }, kind: 'number' },
  weekday: { key: 'weekday', label: { tr: 'Haftanın günü (1 = Pazartesi)', en: 'Weekday (1 = Monday)' }, kind: 'number' },
  step: { key: 'step', label: { tr: 'Son IVR adımı', en: 'Last IVR step' }, kind: 'text' },
  choice: { key: 'choice', label: { tr: 'IVR seçimi', en: 'IVR choice' }, kind: 'text' },
} as const satisfies Record<string, ColumnDef>;

const c = COLUMNS;
export const TOTAL_COLUMNS: readonly ColumnDef[] = [c.offered, c.abandonedInIvr, c.queued, c.answered, c.abandonedInQueue, c.unanswered, c.serviceLevel, c.asa, c.handled, c.aht, c.talk, c.abandonment];
export const HEATMAP_COLUMNS: readonly ColumnDef[] = [c.weekday, c.hour, c.offered, c.answered, c.abandonedInIvr, c.abandonedInQueue, c.serviceLevel];
export const QUEUE_COLUMNS: readonly ColumnDef[] = [c.queue, c.queued, c.answered, c.abandonedInQueue, c.unanswered, c.serviceLevel, c.asa, c.handled, c.aht, c.talk, c.abandonment];
export const IVR_COLUMNS: readonly ColumnDef[] = [c.choice, c.step, c.offered, c.abandonedInIvr, c.queued, c.answered, c.abandonedInQueue, c.serviceLevel];
export const DAY_COLUMNS: readonly ColumnDef[] = [c.date, c.offered, c.abandonedInIvr, c.queued, c.answered, c.abandonedInQueue, c.serviceLevel, c.asa, c.aht, c.abandonment];

export const pick = (row: Readonly<Record<string, unknown>>, columns: readonly ColumnDef[]): Record<string, string | number | null> => {
  const out: Record<string, string | number | null> = {};
  for (const column of columns) out[column.key] = (row[column.key] as string | number | null | undefined) ?? null;
  return out;
};
