/**
 * The engine's own validation (src/ivr/definition.ts) speaks English to the person who edits config/ivr.json in a
 * shell; the admin form shows the same problems in Turkish, field by field. The text is translated here, never the
 * rules: an English message without a translation still reaches the form, in Turkish words around it.
 */
import type { IvrDefinitionProblem } from '../../ivr/definition.js';

export interface FieldProblem {
  /** `menus.main.options.7.queue`; `(root)` for the whole menu. */
  path: string;
  message: string;
}

const EXACT: Readonly<Record<string, string>> = {
  'a key is one digit 0-9': 'Tuş tek bir rakam olmalı (0-9)',
  'a menu needs at least one option': 'Menüde en az bir seçenek olmalı',
  'a menu option has no category (its sub-menu options do)': 'Alt menüye giden seçeneğin kategorisi olmaz (alt menünün seçeneklerinin olur)',
  'a queue option needs a ticket category': 'Kuyruğa aktaran seçenek için bir başvuru kategorisi seçin',
  'a status option has no category': 'Başvuru durumu seçeneğinin kategorisi olmaz',
  'an option has one of "menu", "queue" or "action", not several': 'Bir seçenek ya alt menüye, ya kuyruğa, ya da başvuru durumuna gider; birden fazlasına değil',
  'an option needs "menu" (a sub-menu), "queue" (a transfer) or "action": "status"': 'Seçeneğin hedefini seçin: alt menü, kuyruk veya başvuru durumu',
  'announcementServedWindowMs must be 0 or more': 'Duyuru dinlenme süresi 0 veya daha büyük olmalı',
  'announcementServedWindowMs must be at most 60000': 'Duyuru dinlenme süresi en çok 60000 ms olabilir',
  'budgetMs must be at least 100': 'Sorgu süresi en az 100 ms olmalı',
  'budgetMs must be at most 10000': 'Sorgu süresi en çok 10000 ms olabilir',
  'category codes are lower-case letters, digits, _ and -': 'Kategori kodu küçük harf, rakam, _ ve - içerebilir',
  'every option needs a label': 'Her seçeneğin bir adı olmalı',
  'keys must not contain * or # (# ends an entry, * goes back)': 'Tuşlarda * veya # olamaz (# girişi bitirir, * geri döner)',
  'language is an Asterisk language code such as "tr"': 'Dil, "tr" gibi bir Asterisk dil kodu olmalı',
  'lookupBudgetMs must be 0 or more': 'Açık başvuru sorgu süresi 0 veya daha büyük olmalı',
  'lookupBudgetMs must be at most 10000': 'Açık başvuru sorgu süresi en çok 10000 ms olabilir',
  'maxRetries must be 0 or more': 'Tekrar sayısı 0 veya daha büyük olmalı',
  'maxTries must be 1 or more': 'Deneme sayısı en az 1 olmalı',
  'maxTries must be at most 5': 'Deneme sayısı en çok 5 olabilir',
  'menu names are letters, digits, _ and -': 'Menü adı harf, rakam, _ ve - içerebilir',
  'option keys are digits 0-9 (one or more)': 'Seçenek tuşu bir veya daha fazla rakamdan (0-9) oluşmalı',
  'prompt names are file base names: letters, digits, _ - / (no extension, no spaces)':
    'Anons adı uzantısız bir ses dosyası adıdır: harf, rakam, _ - / (boşluk yok)',
  'queue names are letters, digits, _ and - (they are extensions in [alo153-queues])': 'Kuyruk adı harf, rakam, _ ve - içerebilir',
  'queue names must not be "general" (app_queue reserves [general])': 'Kuyruk adı "general" olamaz (Asterisk bu adı ayırır)',
  'soundPrefix is a media URI prefix such as "sound:alo153/"': 'Ses öneki "sound:alo153/" gibi bir medya öneki olmalı',
  'start names a menu': 'Başlangıç menüsünün adı harf, rakam, _ ve - içerebilir',
  'the two keys of the returning-caller offer must differ': 'Tekrar arayan teklifinin iki tuşu farklı olmalı',
  'ticketWaitMs must be 0 or more': 'Başvuru numarası bekleme süresi 0 veya daha büyük olmalı',
  'ticketWaitMs must be at most 10000': 'Başvuru numarası bekleme süresi en çok 10000 ms olabilir',
  'timeouts are whole milliseconds': 'Süreler tam sayı milisaniye olmalı',
  'timeouts must be positive': 'Süreler sıfırdan büyük olmalı',
};

const TYPES: Readonly<Record<string, string>> = {
  string: 'metin',
  number: 'sayı',
  int: 'tam sayı',
  boolean: 'evet/hayır',
  object: 'nesne',
  record: 'nesne',
  array: 'liste',
  null: 'boş değer',
};

const typeName = (name: string): string => TYPES[name] ?? name;

const PATTERNS: readonly [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^start menu "(.*)" is not defined in menus$/, (m) => `Başlangıç menüsü "${m[1]}" tanımlı değil`],
  [/^menu "(.*)" is not defined in menus$/, (m) => `"${m[1]}" adlı bir menü yok`],
  [/^key (\S+) clashes with the survey consent key (\S+)$/, (m) => `${m[1]} tuşu anket onay tuşu ${m[2]} ile çakışıyor`],
  [/^Invalid input: expected (\w+), received undefined$/, () => 'Bu alan zorunlu'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `Beklenen: ${typeName(m[1] ?? '')}, gelen: ${typeName(m[2] ?? '')}`],
  [/^Invalid input: expected "(.*)"$/, (m) => `Değer "${m[1]}" olmalı`],
  [/^Unrecognized keys?: (.*)$/, (m) => `Tanınmayan alan: ${m[1]}`],
];

export function turkishMessage(message: string): string {
  const exact = EXACT[message];
  if (exact !== undefined) return exact;
  for (const [pattern, say] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return `Geçersiz değer (${message})`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

export function turkishProblems(problems: readonly IvrDefinitionProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ path: fieldPath(problem.path), message: turkishMessage(problem.message) }));
}
