/**
 * The wallboard's announcement and survey texts (Turkish default, English on the toggle), and the Istanbul
 * wall-clock helpers of their forms: a datetime-local input reads and writes Europe/Istanbul time.
 */

import { addTexts, getLang, TIME_ZONE } from './i18n.js';

addTexts({
  tr: {
    'ann.open': 'Duyurular',
    'ann.title': 'Duyurular',
    'ann.none': 'Yayında ya da planlı duyuru yok',
    'ann.new': 'Yeni duyuru',
    'ann.edit': 'Duyuruyu düzenle',
    'ann.kind': 'Ses',
    'ann.kindText': 'Metinden seslendir',
    'ann.kindUpload': 'WAV yükle',
    'ann.text': 'Duyuru metni',
    'ann.file': 'WAV dosyası (8 kHz, mono, 16 bit)',
    'ann.scope': 'Kimler duyacak',
    'ann.scopeAll': 'Tüm arayanlar (ana menüden önce)',
    'ann.scopeMenu': '{label} menüsünden önce',
    'ann.from': 'Başlangıç',
    'ann.until': 'Bitiş',
    'ann.save': 'Kaydet',
    'ann.saving': 'Kaydediliyor…',
    'ann.cancel': 'Vazgeç',
    'ann.close': 'Kapat',
    'ann.editAction': 'Düzenle',
    'ann.endAction': 'Şimdi bitir',
    'ann.deleteAction': 'Sil',
    'ann.confirmDelete': 'Bu duyuru silinsin mi?',
    'ann.recording': 'Ses kaydı',
    'ann.status.active': 'Yayında',
    'ann.status.scheduled': 'Planlı',
    'ann.status.ended': 'Bitti',
    'ann.played': 'Dinlendi',
    'ann.served': 'Yeterli oldu',
    'ann.continued': 'Menüye geçti',
    'ann.saved': 'Duyuru kaydedildi',
    'ann.error.text': 'Duyuru metni giriniz',
    'ann.error.file': 'Bir WAV dosyası seçiniz',
    'ann.error.until': 'Bitiş zamanını giriniz',
    'ann.error.failed': 'Kaydedilemedi',
    'ann.error.network': 'Sunucuya ulaşılamadı',
    'ann.error.type': 'Yalnızca WAV dosyası yüklenebilir',
    'ann.error.size': 'Dosya çok büyük',
    'survey.title': 'Arama sonu anketi',
    'survey.note': 'ortalama puan (1–5) · sayı',
    'survey.none': 'Henüz puan yok',
    'survey.queues': 'Kuyruklar',
    'survey.agents': 'Temsilciler',
    'survey.total': 'Toplam',
  },
  en: {
    'ann.open': 'Announcements',
    'ann.title': 'Announcements',
    'ann.none': 'No announcement live or planned',
    'ann.new': 'New announcement',
    'ann.edit': 'Edit announcement',
    'ann.kind': 'Audio',
    'ann.kindText': 'Speak a text',
    'ann.kindUpload': 'Upload a WAV',
    'ann.text': 'Announcement text',
    'ann.file': 'WAV file (8 kHz, mono, 16-bit)',
    'ann.scope': 'Who hears it',
    'ann.scopeAll': 'Every caller (before the main menu)',
    'ann.scopeMenu': 'Before the {label} menu',
    'ann.from': 'From',
    'ann.until': 'Until',
    'ann.save': 'Save',
    'ann.saving': 'Saving…',
    'ann.cancel': 'Cancel',
    'ann.close': 'Close',
    'ann.editAction': 'Edit',
    'ann.endAction': 'End now',
    'ann.deleteAction': 'Delete',
    'ann.confirmDelete': 'Delete this announcement?',
    'ann.recording': 'Recording',
    'ann.status.active': 'Live',
    'ann.status.scheduled': 'Planned',
    'ann.status.ended': 'Ended',
    'ann.played': 'Played',
    'ann.served': 'Served',
    'ann.continued': 'Went on',
    'ann.saved': 'Announcement saved',
    'ann.error.text': 'Enter the announcement text',
    'ann.error.file': 'Choose a WAV file',
    'ann.error.until': 'Enter the end time',
    'ann.error.failed': 'Not saved',
    'ann.error.network': 'The server cannot be reached',
    'ann.error.type': 'Only WAV files can be uploaded',
    'ann.error.size': 'The file is too large',
    'survey.title': 'Post-call survey',
    'survey.note': 'average score (1–5) · count',
    'survey.none': 'No scores yet',
    'survey.queues': 'Queues',
    'survey.agents': 'Agents',
    'survey.total': 'Total',
  },
});

const parts = (/** @type {number} */ ms) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );

/** `2026-12-03T14:05` on the Istanbul clock, for a datetime-local input. @param {number} ms */
export function toIstanbulInput(ms) {
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The instant an Istanbul datetime-local value names, whatever the PC's zone: the offset is read from Intl at that
 * instant (Turkey keeps +03:00 today; a rule change would not need this code changed).
 * @param {string} value
 * @returns {Date | null}
 */
export function fromIstanbulInput(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const naive = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  const shown = parts(naive);
  const offset = Date.UTC(Number(shown.year), Number(shown.month) - 1, Number(shown.day), Number(shown.hour), Number(shown.minute)) - naive;
  return new Date(naive - offset);
}

/** `03.12 09:00` on the Istanbul clock. @param {string} iso */
export function shortIstanbul(iso) {
  return new Intl.DateTimeFormat(getLang() === 'tr' ? 'tr-TR' : 'en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso));
}
