/**
 * The desk's pure parts, free of the DOM so Node tests can drive them: the ticket form's values and
 * what a save sends, dirty tracking, merging a 409's stored ticket with what the agent typed, the
 * texts for a 400's field codes, and small formatting of a screen pop and the agent's status.
 */

import { t, TIME_ZONE } from './i18n.js';
import { pauseReasonText } from './site-data.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./desk-api.js').Category} Category */
/** @typedef {import('./desk-api.js').TicketJson} TicketJson */
/** @typedef {import('./desk-api.js').TicketChanges} TicketChanges */
/** @typedef {import('./desk-api.js').TicketPatch} TicketPatch */
/** @typedef {import('./desk-api.js').NewTicket} NewTicket */
/** @typedef {import('./desk-api.js').NewTicketSource} NewTicketSource */
/** @typedef {import('./desk-api.js').Outcome} Outcome */
/** @typedef {import('./desk-api.js').FieldProblem} FieldProblem */
/** @typedef {import('../../agents/desk-protocol.js').DeskState} DeskState */

/**
 * What the form holds, as typed. The ticket's one `categoryCode` is split into the top-level topic
 * and its sub-topic because the form picks them in two steps.
 * @typedef {object} FormValues
 * @property {string} category
 * @property {string} subcategory
 * @property {string} departmentCode
 * @property {string} district
 * @property {string} neighbourhood
 * @property {string} address
 * @property {string} description
 * @property {string} priority
 * @property {string} callerName
 * @property {string} callerNumber
 * @property {string} resolution
 * @property {string} smsConsent 'allowed' or 'refused' (KVKK: the citizen may refuse SMS)
 */

/** @typedef {keyof FormValues} FormField */
/** @typedef {Exclude<keyof TicketChanges, 'outcome'>} TicketField */

/** The ticket fields a save can change, in the form's order (also the keys of a 400's `fields`). */
/** @type {readonly TicketField[]} */
export const TICKET_FIELDS = [
  'categoryCode',
  'departmentCode',
  'district',
  'neighbourhood',
  'address',
  'description',
  'priority',
  'callerName',
  'callerNumber',
  'resolution',
  'smsConsent',
];

/** @type {readonly Outcome[]} */
export const OUTCOMES = ['resolved-on-call', 'forwarded', 'draft'];
/** @type {readonly NewTicketSource[]} */
export const NEW_TICKET_SOURCES = ['desk', 'acik-kapi', 'phone'];
export const DEFAULT_PRIORITY = 'normal';

/**
 * @param {Partial<FormValues>} [prefill]
 * @returns {FormValues}
 */
export function emptyFormValues(prefill = {}) {
  return {
    category: '',
    subcategory: '',
    departmentCode: '',
    district: '',
    neighbourhood: '',
    address: '',
    description: '',
    priority: DEFAULT_PRIORITY,
    callerName: '',
    callerNumber: '',
    resolution: '',
    smsConsent: 'allowed',
    ...prefill,
  };
}

/**
 * A stored category code as the form's two selects. An unknown code stays as the topic so that it
 * is shown (and kept) rather than silently dropped.
 * @param {string | null} code
 * @param {readonly Category[]} categories
 * @returns {{ category: string, subcategory: string }}
 */
export function splitCategory(code, categories) {
  if (!code) return { category: '', subcategory: '' };
  for (const category of categories) {
    if (category.code === code) return { category: code, subcategory: '' };
    if (category.children.some((child) => child.code === code)) return { category: category.code, subcategory: code };
  }
  return { category: code, subcategory: '' };
}

/** @param {Pick<FormValues, 'category' | 'subcategory'>} values */
export function categoryCodeOf(values) {
  return values.subcategory || values.category;
}

/**
 * The department the chosen (sub-)topic belongs to: a proposal the agent may change.
 * @param {readonly Category[]} categories
 * @param {string} category
 * @param {string} subcategory
 * @returns {string | null}
 */
export function proposedDepartment(categories, category, subcategory) {
  const top = categories.find((candidate) => candidate.code === category);
  if (!top) return null;
  const child = subcategory ? top.children.find((candidate) => candidate.code === subcategory) : undefined;
  return (child ?? top).departmentCode || null;
}

/**
 * @param {TicketJson} ticket
 * @param {readonly Category[]} categories
 * @returns {FormValues}
 */
export function formValuesFromTicket(ticket, categories) {
  return {
    ...splitCategory(ticket.categoryCode, categories),
    departmentCode: ticket.departmentCode ?? '',
    district: ticket.district ?? '',
    neighbourhood: ticket.neighbourhood ?? '',
    address: ticket.address ?? '',
    description: ticket.description ?? '',
    priority: ticket.priority || DEFAULT_PRIORITY,
    callerName: ticket.callerName ?? '',
    callerNumber: ticket.callerNumber ?? '',
    resolution: ticket.resolution ?? '',
    smsConsent: ticket.smsOptOut ? 'refused' : 'allowed',
  };
}

/**
 * Agents type numbers the way they are read out ("0532 123 45 67", "(0352) 222-33-44"); the
 * server wants digits with at most a leading +.
 * @param {string} text
 */
export function normalisePhone(text) {
  return text.trim().replace(/[\s().-]/g, '');
}

/**
 * A field's value as a save would send it: trimmed, and null when empty (the ticket has no value).
 * @param {FormValues} values
 * @param {TicketField} field
 * @returns {string | null}
 */
export function ticketValue(values, field) {
  const raw = field === 'categoryCode' ? categoryCodeOf(values) : field === 'callerNumber' ? normalisePhone(values.callerNumber) : values[field];
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The ticket fields whose value differs between two states of the form (whitespace at the ends
 * and phone separators do not count).
 * @param {FormValues} from
 * @param {FormValues} to
 * @returns {TicketField[]}
 */
export function changedFields(from, to) {
  return TICKET_FIELDS.filter((field) => ticketValue(from, field) !== ticketValue(to, field));
}

/**
 * Whether the agent has typed something a new pop must not overwrite.
 * @param {FormValues} baseline what the form was loaded with (or last saved)
 * @param {FormValues} values what it holds now
 */
export function isDirty(baseline, values) {
  return changedFields(baseline, values).length > 0;
}

/**
 * PATCH body: only the changed fields, plus the outcome (always sent: it is the agent's decision).
 * @param {FormValues} baseline
 * @param {FormValues} values
 * @param {number} version the version the baseline was read at
 * @param {Outcome} outcome
 * @returns {TicketPatch}
 */
export function patchBody(baseline, values, version, outcome) {
  /** @type {TicketChanges} */
  const changes = { outcome };
  for (const field of changedFields(baseline, values)) changes[field] = ticketValue(values, field);
  return { version, changes };
}

/**
 * POST body of a ticket without a call: every filled field, the outcome and where it came from.
 * @param {FormValues} values
 * @param {Outcome} outcome
 * @param {NewTicketSource} source
 * @returns {NewTicket}
 */
export function createBody(values, outcome, source) {
  /** @type {NewTicket} */
  const body = { source, outcome };
  for (const field of TICKET_FIELDS) {
    const value = ticketValue(values, field);
    if (value !== null) body[field] = value;
  }
  return body;
}

/**
 * @typedef {object} ConflictMerge
 * @property {FormValues} baseline the stored ticket as the form's new starting point
 * @property {number} version the stored ticket's version: the next save goes against it
 * @property {FormValues} values what the form shows now
 * @property {TicketField[]} changed fields someone else changed since the form was loaded
 * @property {TicketField[]} kept of those, the ones where the agent's own different value stays
 * @property {TicketField[]} differing fields where the form now differs from the stored ticket (what the next save sends)
 */

/**
 * After a 409: what the agent changed stays as typed (typed wins); a field only someone else
 * changed takes the stored value, so saving again cannot silently undo their change.
 * @param {FormValues} baseline what the form was loaded with
 * @param {FormValues} values what the agent has typed
 * @param {TicketJson} current the stored ticket from the 409
 * @param {readonly Category[]} categories
 * @returns {ConflictMerge}
 */
export function mergeConflict(baseline, values, current, categories) {
  const stored = formValuesFromTicket(current, categories);
  const typedByAgent = new Set(changedFields(baseline, values));
  const changed = changedFields(baseline, stored);
  const merged = { ...stored };
  for (const field of typedByAgent) copyField(merged, values, field);
  const differing = changedFields(stored, merged);
  const kept = changed.filter((field) => typedByAgent.has(field) && differing.includes(field));
  return { baseline: stored, version: current.version, values: merged, changed, kept, differing };
}

/**
 * @param {FormValues} target
 * @param {FormValues} source
 * @param {TicketField} field
 */
function copyField(target, source, field) {
  if (field === 'categoryCode') {
    target.category = source.category;
    target.subcategory = source.subcategory;
  } else {
    target[field] = source[field];
  }
}

/**
 * The text for one 400 field code; a code this page does not know falls back to a general text.
 * The server's English message may name a length limit ("at most 500 characters"), worth repeating.
 * @param {string} code
 * @param {Lang} lang
 * @param {string} [serverMessage]
 */
export function fieldErrorMessage(code, lang, serverMessage = '') {
  const limit = code === 'too-long' ? /at most (\d+)/.exec(serverMessage)?.[1] : undefined;
  if (limit) return t('desk.error.too-long-max', { max: limit }, lang);
  const key = `desk.error.${code}`;
  const text = t(key, undefined, lang);
  return text === key ? t('desk.error.invalid', undefined, lang) : text;
}

/**
 * @param {Record<string, FieldProblem>} fields the 400's `fields`
 * @param {Lang} lang
 * @returns {Record<string, string>} field → message
 */
export function fieldErrorMessages(fields, lang) {
  /** @type {Record<string, string>} */
  const messages = {};
  for (const [field, problem] of Object.entries(fields)) messages[field] = fieldErrorMessage(problem.code, lang, problem.message);
  return messages;
}

/**
 * The caller's way through the voice menu, as the agent reads it: "Ulaşım → Kentkart".
 * @param {readonly string[]} choices
 */
export function formatIvrChoices(choices) {
  return choices
    .map((choice) => choice.trim())
    .filter((choice) => choice !== '')
    .join(' → ');
}

/**
 * @param {string | null | undefined} text
 * @param {number} max characters
 */
export function excerpt(text, max) {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** @type {Map<string, Intl.DateTimeFormat>} */
const shortFormats = new Map();

/**
 * "28.11.2026 14:05" (Istanbul wall clock) — dates of tickets, whatever the PC's zone.
 * @param {string | number} at ISO string or epoch ms
 * @param {Lang} lang
 */
export function formatDateTime(at, lang) {
  const epoch = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(epoch)) return '—';
  let format = shortFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'tr' ? 'tr-TR' : 'en-GB', {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    shortFormats.set(lang, format);
  }
  return format.format(epoch).replace(',', '');
}

/** @typedef {'logged-out' | 'ready' | 'ringing' | 'on-call' | 'wrap-up' | 'paused' | 'unavailable'} DeskStatusKind */

/**
 * The one status the badge shows. A call outranks a pause (a paused agent can still finish a call)
 * and wrap-up is its own status even though app_queue reports it as a pause.
 * @param {DeskState} state
 * @returns {{ kind: DeskStatusKind, reason: string | null }}
 */
export function deskStatus(state) {
  if (!state.loggedIn) return { kind: 'logged-out', reason: null };
  if (state.boardState === 'ringing' || state.boardState === 'on-call') return { kind: state.boardState, reason: null };
  if (state.boardState === 'wrap-up' || state.reason === 'wrap-up') return { kind: 'wrap-up', reason: null };
  if (state.paused || state.boardState === 'paused') return { kind: 'paused', reason: state.reason };
  if (state.boardState === 'unavailable') return { kind: 'unavailable', reason: null };
  return { kind: 'ready', reason: null };
}

/**
 * A pause reason for people: the site's label (config/site.json via the catalogue), the after-call
 * state's own text, or — for a reason the site does not list — the code as the PBX has it.
 * @param {string | null} reason
 * @param {Lang} lang
 */
export function pauseReasonLabel(reason, lang) {
  if (!reason) return '';
  if (reason === 'wrap-up') return t('pause.wrap-up', undefined, lang);
  return pauseReasonText(reason, lang);
}

/** A whole ticket number or its start from the year on ("153-2026-", "153-2026-0001"). */
const TICKET_NUMBER = /^153-\d{4}(-\d{0,7})?$/;
const PHONE = /^\+?\d{7,15}$/;

/**
 * What the search box means: a ticket number, a phone number, or free text. Null when too short to search.
 * @param {string} text
 * @returns {{ number: string } | { phone: string } | { q: string } | null}
 */
export function searchQuery(text) {
  const trimmed = text.trim();
  if (trimmed.length < 2) return null;
  if (TICKET_NUMBER.test(trimmed)) return { number: trimmed };
  const phone = normalisePhone(trimmed);
  if (PHONE.test(phone)) return { phone };
  return { q: trimmed };
}
