import type { FieldError } from '../../requests/field-errors.js';
import { phoneDigits } from '../../requests/phone-numbers.js';
import type { ApplicationSource } from '../../requests/request-states.js';
import { parseApplicationDate, fromSpreadsheetDate } from './application-date.js';
import { normaliseApplicationNumber } from './application-number.js';
import { normaliseName, type NameLookup } from './name-lookup.js';

/**
 * One CİMER / Açık Kapı application checked field by field, the same way for the entry form and for each row of
 * an imported list: every problem comes back under its field as a code (the screen words it in Turkish or
 * English) with an English message for API clients and logs.
 */

/** A value as it arrived: JSON and CSV bring text; an XLSX cell may also be a number, a date or a formula. */
export type Cell = { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'date'; date: Date } | { kind: 'formula' } | { kind: 'other' };

export const APPLICATION_FIELDS = ['source', 'externalRef', 'appliedAt', 'callerName', 'callerNumber', 'email', 'address', 'district', 'categoryCode', 'description'] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];
export type RawApplication = Partial<Record<ApplicationField, Cell>>;

export type ApplicationFieldCode =
  | 'required' | 'invalid-type' | 'too-long' | 'invalid-text' | 'formula' | 'invalid-source' | 'invalid-number' | 'invalid-date'
  | 'in-the-future' | 'too-old' | 'invalid-phone' | 'invalid-email' | 'unknown-category' | 'invalid-district'
  | 'date-mismatch' | 'closed' | 'category-locked' | 'duplicate-in-file';
export type ApplicationProblems = Partial<Record<ApplicationField, FieldError<ApplicationFieldCode>>>;

export interface Application {
  source: ApplicationSource;
  externalRef: string;
  appliedAt: Date;
  callerName: string;
  callerNumber: string | null;
  email: string | null;
  address: string | null;
  district: string | null;
  categoryCode: string;
  description: string;
}

export interface CheckContext {
  now: Date;
  maxAgeDays: number;
  /** Category codes and names (any case, with or without Turkish letters) → the code. */
  categories: NameLookup;
  /** District names → the site's spelling. */
  districts: NameLookup;
  /** The source of a row that names none (an import of one portal's list). */
  defaultSource: ApplicationSource;
  /** Imported cells: text that a spreadsheet would run as a formula is refused, never stored. */
  refuseFormulas: boolean;
}

const MESSAGES: Record<ApplicationFieldCode, string> = {
  required: 'is required',
  'invalid-type': 'has the wrong type',
  'too-long': 'is too long',
  'invalid-text': 'contains a control character',
  formula: 'looks like a spreadsheet formula (=, +, -, @ at the start); type it without',
  'invalid-source': 'must be cimer or acik-kapi (CİMER, Açık Kapı)',
  'invalid-number': 'must be a CİMER number of 6 to 15 digits, or an Açık Kapı number of 4 to 30 capital letters, digits and hyphens',
  'invalid-date': 'must be a date such as 03.12.2026, 03.12.2026 14:05 or 2026-12-03T14:05:00+03:00',
  'in-the-future': 'must not be in the future',
  'too-old': 'is older than the oldest date accepted',
  'invalid-phone': 'must be a Turkish phone number (10 digits after 0 or +90)',
  'invalid-email': 'must be an e-mail address',
  'unknown-category': 'is not a category code or name',
  'invalid-district': 'is not one of the districts',
  'date-mismatch': 'differs from the stored application of this number',
  closed: 'belongs to an application already closed: the change was not applied',
  'category-locked': 'cannot change once the application is with a department',
  'duplicate-in-file': 'repeats a number of an earlier row of this file',
};

export const problem = (field: ApplicationField, code: ApplicationFieldCode, detail?: string): FieldError<ApplicationFieldCode> => ({
  code,
  message: `${field} ${MESSAGES[code]}${detail ? ` (${detail})` : ''}`,
});

const LIMITS: Partial<Record<ApplicationField, number>> = { callerName: 200, address: 500, description: 4000, email: 254 };
/**
 * What Excel, LibreOffice and Sheets run as a formula when a cell starts with it (OWASP's CSV injection list: = @ tab
 * CR, and + or - before anything but a digit or a space), or a signed cell carrying a DDE or formula operator
 * (`-2+3+cmd|' /C calc'!A0`). A phone number (+90 532…) and a dash list ("- çöp") stay text.
 */
const FORMULA = /^[=@\t\r]|^[+-][^\d\s]|^[+-][^\n]*[|!=]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const SOURCES: Readonly<Record<string, ApplicationSource>> = { cimer: 'cimer', acikkapi: 'acik-kapi' };

type Read = { value: string } | { problem: ApplicationFieldCode } | undefined;

/** A cell as text: blank is absent; integers are written out (an XLSX number column); other kinds are the wrong type. */
function textOf(cell: Cell | undefined, field: ApplicationField, context: CheckContext, numbers: boolean): Read {
  if (cell === undefined) return undefined;
  if (cell.kind === 'formula') return { problem: 'formula' };
  if (cell.kind === 'number') return numbers && Number.isSafeInteger(cell.value) && cell.value >= 0 ? { value: String(cell.value) } : { problem: 'invalid-type' };
  if (cell.kind !== 'text') return { problem: 'invalid-type' };
  const value = cell.text.trim();
  if (value === '') return undefined;
  if (context.refuseFormulas && FORMULA.test(value)) return { problem: 'formula' };
  if (CONTROL.test(value)) return { problem: 'invalid-text' };
  const limit = LIMITS[field];
  if (limit !== undefined && value.length > limit) return { problem: 'too-long' };
  return { value };
}

const turkishPhone = (typed: string): string | undefined => {
  if (!/^[0-9 +().-]*$/.test(typed)) return undefined;
  const digits = phoneDigits(typed);
  const national = digits.length === 10 ? digits : digits.length === 11 && digits.startsWith('0') ? digits.slice(1) : digits.length === 12 && digits.startsWith('90') ? digits.slice(2) : digits.length === 14 && digits.startsWith('0090') ? digits.slice(4) : undefined;
  return national !== undefined && /^[2-5]\d{9}$/.test(national) ? `0${national}` : undefined;
};

function dateOf(cell: Cell | undefined, context: CheckContext): { date: Date } | { problem: ApplicationFieldCode } {
  if (cell === undefined || (cell.kind === 'text' && cell.text.trim() === '')) return { problem: 'required' };
  let date: Date | undefined;
  if (cell.kind === 'date') date = fromSpreadsheetDate(cell.date);
  else if (cell.kind === 'text') date = parseApplicationDate(cell.text);
  else return { problem: cell.kind === 'formula' ? 'formula' : 'invalid-type' };
  if (date === undefined) return { problem: 'invalid-date' };
  // A PC whose clock runs a few minutes ahead must not make today's application "in the future".
  if (date.getTime() > context.now.getTime() + 5 * 60_000) return { problem: 'in-the-future' };
  if (date.getTime() < context.now.getTime() - context.maxAgeDays * 86_400_000) return { problem: 'too-old' };
  return { date };
}

/** The application, or its problems by field (all of them, not the first). */
export function checkApplication(raw: RawApplication, context: CheckContext): { application: Application } | { problems: ApplicationProblems } {
  const problems: ApplicationProblems = {};
  const read = (field: ApplicationField, numbers = false): string | null => {
    const result = textOf(raw[field], field, context, numbers);
    if (result === undefined) return null;
    if ('problem' in result) {
      problems[field] = problem(field, result.problem);
      return null;
    }
    return result.value;
  };
  const need = (field: ApplicationField, value: string | null): string | null => {
    if (value === null && problems[field] === undefined) problems[field] = problem(field, 'required');
    return value;
  };

  const sourceText = read('source');
  const source = sourceText === null ? context.defaultSource : SOURCES[normaliseName(sourceText)];
  if (source === undefined) problems.source = problem('source', 'invalid-source');
  const typedNumber = need('externalRef', read('externalRef', true));
  const externalRef = typedNumber !== null && source !== undefined ? normaliseApplicationNumber(source, typedNumber) : undefined;
  if (typedNumber !== null && source !== undefined && externalRef === undefined) problems.externalRef = problem('externalRef', 'invalid-number');
  const applied = dateOf(raw.appliedAt, context);
  if ('problem' in applied) problems.appliedAt = problem('appliedAt', applied.problem);
  const callerName = need('callerName', read('callerName'));
  const typedPhone = read('callerNumber', true);
  const callerNumber = typedPhone === null ? null : (turkishPhone(typedPhone) ?? null);
  if (typedPhone !== null && callerNumber === null) problems.callerNumber = problem('callerNumber', 'invalid-phone');
  const typedEmail = read('email');
  const email = typedEmail === null ? null : typedEmail.toLowerCase();
  if (email !== null && !EMAIL.test(email)) problems.email = problem('email', 'invalid-email');
  const address = read('address');
  const typedDistrict = read('district');
  const district = typedDistrict === null ? null : (context.districts.find(typedDistrict) ?? null);
  if (typedDistrict !== null && district === null) problems.district = problem('district', 'invalid-district');
  const typedCategory = need('categoryCode', read('categoryCode'));
  const categoryCode = typedCategory === null ? null : (context.categories.find(typedCategory) ?? null);
  if (typedCategory !== null && categoryCode === null) problems.categoryCode = problem('categoryCode', 'unknown-category');
  const description = need('description', read('description'));

  if (Object.keys(problems).length > 0 || source === undefined || !externalRef || 'problem' in applied || !callerName || !categoryCode || !description) return { problems };
  return { application: { source, externalRef, appliedAt: applied.date, callerName, callerNumber, email, address, district, categoryCode, description } };
}
