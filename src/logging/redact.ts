/**
 * KVKK: logs never hold a full phone number or a national ID (TC kimlik no, 11 digits).
 * A phone number keeps its last two digits so staff can still tell calls apart.
 *
 * The patterns are Turkish-shaped on purpose, and the shapes alo153 itself writes are protected
 * before any number is looked for: AMI uniqueids (`1795888883.12`, epoch seconds that will start
 * with 2 from 2033 on), call ids (UUIDs, whose last group can be twelve decimal digits), ticket
 * numbers (`153-2026-000001`), ISO timestamps and IPv4 addresses (`212.175.23.45` is also an
 * Istanbul number written with dots; the address wins).
 */

export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

const SPACE = String.raw`(?:[ \t\u00a0\u202f+]|%20)`;
// Between digit groups: nothing, blanks, or one of - . / with blanks around it.
const GAP = String.raw`(?:${SPACE}*[-./]${SPACE}*|${SPACE}+)?`;
// Landline area codes are 2xx–4xx with a middle digit 1–8 and an even last digit (212, 352, 488);
// mobiles are 5xx. Years (202x) and 0850/0800 service numbers do not fit.
const AREA = String.raw`(?:[2-4][1-8][02468]|5\d{2})`;
const COUNTRY = String.raw`(?:(?:\+|00)${SPACE}*90|\(\+?90\))${GAP}|90${SPACE}*`;
const NATIONAL = String.raw`(?:0${SPACE}*)?(?:\(${SPACE}*0?${SPACE}*${AREA}${SPACE}*\)|${AREA})`;
// Not glued to a digit or a `+`, nor to a decimal point (`1.5321234567` is a fraction).
const PHONE = new RegExp(String.raw`(?<![\d+]|\d\.)(?:${COUNTRY})?${NATIONAL}${GAP}\d{3}${GAP}\d{2}${GAP}\d{2}(?!\d|\.\d)`, 'g');
const ELEVEN_DIGITS = /(?<!\d|\d\.)[1-9]\d{10}(?!\d|\.\d)/g;

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const PROTECTED = new RegExp(
  [
    String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
    String.raw`(?<![\d.])\d{9,10}\.\d{1,6}(?![\d.])`,
    String.raw`(?<!\d)153-\d{4}-\d{6,7}(?!\d)`,
    String.raw`(?<!\d)\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)`,
    String.raw`(?<![\d.])${OCTET}(?:\.${OCTET}){3}(?!\.?\d)`,
  ].join('|'),
  'gi',
);

/** The official TC kimlik check: d10 = (7·odd − even) mod 10 over d1..d9, d11 = sum(d1..d10) mod 10, d1 ≠ 0. */
export function isNationalId(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const tenth = (((odd * 7 - even) % 10) + 10) % 10;
  const eleventh = d.slice(0, 10).reduce((sum, digit) => sum + digit, 0) % 10;
  return d[9] === tenth && d[10] === eleventh;
}

function protectedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(PROTECTED)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count += 1;
  }
  return count;
}

export function redactText(text: string): string {
  // Every number worth masking has at least ten digits; most log lines have fewer and skip the regexes.
  if (countDigits(text) < 10) return text;
  const spans = protectedSpans(text);
  const isProtected = (start: number, length: number): boolean => spans.some(([from, to]) => start < to && start + length > from);
  const phonesMasked = text.replace(PHONE, (match: string, offset: number) => (isProtected(offset, match.length) ? match : maskPhone(match.replaceAll('%20', ' '))));
  if (phonesMasked.length !== text.length) spans.splice(0, spans.length, ...protectedSpans(phonesMasked));
  return phonesMasked.replace(ELEVEN_DIGITS, (match: string, offset: number) =>
    isNationalId(match) && !isProtected(offset, match.length) ? maskPhone(match) : match,
  );
}
