import { z } from 'zod';
import type { CatalogueIndex } from './catalogue/catalogue.js';
import { FieldValidationError, type FieldError, type FieldErrors } from './field-errors.js';
import { phoneDigits } from './phone-numbers.js';

/**
 * The agent desk's ticket form. Errors come back per field as a stable `code` (the desk words them in
 * Turkish or English) plus an English message for logs and API clients. Text is stored exactly as typed:
 * markup is the page's business to show as text, never the server's to strip.
 */

export const TICKET_OUTCOMES = ['resolved-on-call', 'forwarded', 'draft'] as const;
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];

export const SMS_CONSENTS = ['allowed', 'refused'] as const;

export const DESK_TICKET_SOURCES = ['desk', 'acik-kapi', 'phone', 'web', 'cimer'] as const;
export type DeskTicketSource = (typeof DESK_TICKET_SOURCES)[number];

export const TICKET_FIELD_CODES = [
  'required', 'too-long', 'invalid-type', 'invalid-text', 'unknown-field', 'unknown-category', 'unknown-department',
  'invalid-district', 'invalid-phone', 'invalid-priority', 'invalid-outcome', 'invalid-source', 'invalid-version', 'invalid',
] as const;
export type TicketFieldCode = (typeof TICKET_FIELD_CODES)[number];

export type TicketFieldError = FieldError<TicketFieldCode>;

/** Keyed by the form's field name (`_form` when the body itself is wrong). */
export type TicketFieldErrors = FieldErrors<TicketFieldCode>;

export class TicketValidationError extends FieldValidationError<TicketFieldCode> {
  constructor(fields: TicketFieldErrors) {
    super(fields, `invalid ticket: ${Object.entries(fields).map(([field, error]) => `${field} ${error.code}`).join(', ')}`);
    this.name = 'TicketValidationError';
  }
}

const MESSAGES: Record<TicketFieldCode, string> = {
  required: 'is required',
  'too-long': 'is too long',
  'invalid-type': 'has the wrong type',
  'invalid-text': 'contains a NUL character',
  'unknown-field': 'is not a field of the ticket form',
  'unknown-category': 'is not a known category',
  'unknown-department': 'is not a known department',
  'invalid-district': 'is not one of the districts of Kayseri',
  'invalid-phone': 'must have 7 to 20 digits (spaces, +, -, ( ) allowed)',
  'invalid-priority': 'must be low, normal, high or urgent',
  'invalid-outcome': 'must be resolved-on-call, forwarded or draft',
  'invalid-source': 'must be desk, acik-kapi, phone, web or cimer',
  'invalid-version': 'must be the version the form was loaded with (a whole number from 1)',
  invalid: 'is invalid',
};

export function fieldError(field: string, code: TicketFieldCode, detail?: string): TicketFieldError {
  return { code, message: `${field} ${MESSAGES[code]}${detail ? ` (${detail})` : ''}` };
}

const isFieldCode = (text: string): text is TicketFieldCode => (TICKET_FIELD_CODES as readonly string[]).includes(text);
const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text);

/** Free text: null or blank clears the field; anything else is kept verbatim. */
const text = (max: number) =>
  z
    .string('invalid-type')
    .max(max, 'too-long')
    // PostgreSQL refuses NUL in text; refused here so it is a 400, not a 500.
    .refine((value) => !value.includes('\u0000'), 'invalid-text')
    .transform(blankToNull)
    .nullable()
    .optional();

const code = (unknownCode: TicketFieldCode) => z.string('invalid-type').max(40, unknownCode).transform(blankToNull).nullable().optional();

const PHONE_CHARACTERS = /^[0-9 +()-]*$/;
const phone = z
  .string('invalid-type')
  .max(40, 'invalid-phone')
  .refine((value) => {
    const digits = phoneDigits(value);
    return value.trim() === '' || (PHONE_CHARACTERS.test(value) && digits.length >= 7 && digits.length <= 20);
  }, 'invalid-phone')
  // Digits only, with the 0 or 90 the agent typed: the search matches every spelling anyway.
  .transform((value) => phoneDigits(value) || null)
  .nullable()
  .optional();

const formShape = {
  categoryCode: code('unknown-category'),
  departmentCode: code('unknown-department'),
  // Which names are districts is site data (config/site.json): checked in catalogueProblems.
  district: z.string('invalid-district').max(80, 'invalid-district').transform(blankToNull).nullable().optional(),
  neighbourhood: text(120),
  address: text(500),
  description: text(4000),
  priority: z.enum(['low', 'normal', 'high', 'urgent'], 'invalid-priority').optional(),
  callerName: text(200),
  callerNumber: phone,
  resolution: text(4000),
  /** KVKK: the citizen may refuse SMS; `refused` keeps every SMS away from this ticket. */
  smsConsent: z.enum(SMS_CONSENTS, 'invalid').optional(),
  outcome: z.enum(TICKET_OUTCOMES, 'invalid-outcome').optional(),
};

export const ticketFormSchema = z.strictObject(formShape);
export const ticketCreateSchema = z.strictObject({ ...formShape, source: z.enum(DESK_TICKET_SOURCES, 'invalid-source').default('desk') });

/** What the desk sends; absent fields stay as they are, null or blank clears one. */
export type TicketForm = z.input<typeof ticketFormSchema>;
export type ParsedTicketForm = z.output<typeof ticketFormSchema>;
export type TicketCreateForm = z.input<typeof ticketCreateSchema>;
export type ParsedTicketCreateForm = z.output<typeof ticketCreateSchema>;

/** The form's columns: the text fields an update compares and stores (outcome is not stored, it moves the status). */
export type TicketFormField = Exclude<keyof ParsedTicketForm, 'outcome'>;

function fieldErrorsOf(error: z.ZodError): TicketFieldErrors {
  const fields: TicketFieldErrors = {};
  const add = (field: string, entry: TicketFieldError) => {
    fields[field] ??= entry;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, fieldError(key, 'unknown-field'));
      continue;
    }
    const field = issue.path.length === 0 ? '_form' : issue.path.map(String).join('.');
    const errorCode = isFieldCode(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'invalid-type' : 'invalid';
    add(field, fieldError(field, errorCode, issue.code === 'too_big' ? `at most ${String(issue.maximum)} characters` : undefined));
  }
  return fields;
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new TicketValidationError(fieldErrorsOf(result.error));
  return result.data;
}

/** Throws TicketValidationError with a code per field. */
export function parseTicketForm(input: unknown): ParsedTicketForm {
  return parseWith(ticketFormSchema, input);
}

export function parseTicketCreateForm(input: unknown): ParsedTicketCreateForm {
  return parseWith(ticketCreateSchema, input);
}

/** Codes the form names must exist (checked only for fields the agent sent). */
export function catalogueProblems(form: ParsedTicketForm, catalogue: CatalogueIndex): TicketFieldErrors {
  const fields: TicketFieldErrors = {};
  if (form.categoryCode && !catalogue.categoryDepartments.has(form.categoryCode)) fields.categoryCode = fieldError('categoryCode', 'unknown-category');
  if (form.departmentCode && !catalogue.departmentCodes.has(form.departmentCode)) fields.departmentCode = fieldError('departmentCode', 'unknown-department');
  if (form.district && !catalogue.districts.has(form.district)) fields.district = fieldError('district', 'invalid-district');
  return fields;
}

export interface OutcomeFields {
  categoryCode: string | null;
  departmentCode: string | null;
  description: string | null;
  resolution: string | null;
}

/** What an outcome needs, checked on the ticket as it would be after the change. */
export function outcomeProblems(outcome: TicketOutcome | undefined, ticket: OutcomeFields): TicketFieldErrors {
  const fields: TicketFieldErrors = {};
  const require = (field: keyof OutcomeFields, detail: string) => {
    if (ticket[field] === null) fields[field] = fieldError(field, 'required', detail);
  };
  if (outcome === 'forwarded') {
    for (const field of ['departmentCode', 'categoryCode', 'description'] as const) require(field, 'to forward the ticket');
  } else if (outcome === 'resolved-on-call') {
    require('categoryCode', 'to resolve the ticket on the call');
    if (ticket.resolution === null && ticket.description === null) {
      fields.resolution = fieldError('resolution', 'required', 'a resolution or a description is needed to resolve the ticket on the call');
    }
  }
  return fields;
}

const patchEnvelopeSchema = z.strictObject({
  version: z.number('invalid-version').int('invalid-version').min(1, 'invalid-version'),
  changes: z.record(z.string(), z.unknown(), 'invalid-type'),
});

/** PATCH body `{ version, changes }`; errors in `changes` are keyed by the form field's name. */
export function parseTicketPatch(input: unknown): { version: number; changes: ParsedTicketForm } {
  const envelope = parseWith(patchEnvelopeSchema, input);
  return { version: envelope.version, changes: parseTicketForm(envelope.changes) };
}
