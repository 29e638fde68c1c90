import type { ColumnDef } from '../report-types.js';

const column = (key: string, tr: string, en: string, kind: ColumnDef['kind']): ColumnDef => ({ key, label: { tr, en }, kind });

export const AGENT_COLUMNS: readonly ColumnDef[] = [
  column('agent', 'Temsilci', 'Agent', 'text'),
  column('name', 'Ad', 'Name', 'text'),
  column('loggedIn', 'Oturum süresi', 'Logged-in time', 'seconds'),
  column('breaks', 'Mola süresi', 'Break time', 'seconds'),
  column('ready', 'Hazır süre', 'Ready time', 'seconds'),
  column('answered', 'Cevaplanan çağrı', 'Calls answered', 'count'),
  column('handled', 'Tamamlanan görüşme', 'Calls handled', 'count'),
  column('aht', 'Ort. işlem süresi (AHT)', 'AHT', 'seconds'),
  column('talk', 'Ort. konuşma süresi', 'Average talk time', 'seconds'),
  column('callbacks', 'Geri arama', 'Callbacks made', 'count'),
  column('callbacksReached', 'Ulaşılan geri arama', 'Callbacks reached', 'count'),
  column('surveyScore', 'Anket puanı', 'Survey score', 'score'),
  column('surveyCount', 'Anket sayısı', 'Surveys', 'count'),
];

export const BREAK_COLUMNS: readonly ColumnDef[] = [
  column('agent', 'Temsilci', 'Agent', 'text'),
  column('name', 'Ad', 'Name', 'text'),
  column('reason', 'Mola sebebi', 'Break reason', 'text'),
  column('pauses', 'Mola sayısı', 'Breaks', 'count'),
  column('seconds', 'Süre', 'Duration', 'seconds'),
];
