import { z } from 'zod';
import { FieldValidationError, type FieldErrors } from '../requests/field-errors.js';
import type { RequestAction } from '../requests/lifecycle.js';
import { ATTEMPT_OUTCOMES } from '../requests/request-states.js';

/**
 * The body of POST /api/tickets/:number/actions, checked at the edge and turned into a lifecycle action.
 * Each action names the fields it takes; any other field is refused (a `department` sent with `answer` is a
 * client bug, not something to ignore). Errors come back per field, as the desk's form errors do.
 */

/** The actions a person may ask for over HTTP (`edit` is PATCH /api/tickets/:number; the rest are the system's). */
export const API_ACTIONS = ['resolve', 'forward', 'accept', 'answer', 'return', 'transfer', 'ask', 'reply', 'inform', 'attempt', 'reopen', 'reassign', 'portal-reply', 'refer'] as const;
export type ApiAction = (typeof API_ACTIONS)[number];

type Field = 'text' | 'department' | 'outcome' | 'callBackAt' | 'ownerUserId' | 'channel' | 'enteredAt';

/** What each action takes, and which of those it must have (text emptiness is the service's check). */
const FIELDS: Record<ApiAction, { takes: readonly Field[]; needs: readonly Field[] }> = {
  resolve: { takes: ['text'], needs: ['text'] },
  forward: { takes: ['department', 'text'], needs: ['department'] },
  accept: { takes: ['text'], needs: [] },
  answer: { takes: ['text'], needs: ['text'] },
  return: { takes: ['text'], needs: ['text'] },
  transfer: { takes: ['department', 'text'], needs: ['department', 'text'] },
  ask: { takes: ['text'], needs: ['text'] },
  reply: { takes: ['text'], needs: ['text'] },
  inform: { takes: ['text', 'channel'], needs: [] },
  attempt: { takes: ['outcome', 'text', 'callBackAt'], needs: ['outcome'] },
  reopen: { takes: ['text'], needs: ['text'] },
  reassign: { takes: ['ownerUserId'], needs: ['ownerUserId'] },
  'portal-reply': { takes: ['enteredAt', 'text'], needs: ['enteredAt'] },
  refer: { takes: ['text'], needs: ['text'] },
};

/** A reply entered into the portal a moment ago by a PC whose clock runs a little ahead is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000;

type FieldProblems = FieldErrors;

export class ActionBodyError extends FieldValidationError {
  constructor(fields: FieldProblems) {
    super(fields, `invalid action: ${Object.keys(fields).join(', ')}`);
    this.name = 'ActionBodyError';
  }
}

const problem = (field: string, code: string, message: string): FieldProblems => ({ [field]: { code, message: `${field} ${message}` } });

export const bodySchema = z.strictObject({
  action: z.enum(API_ACTIONS),
  version: z.number().int().min(1),
  // The length limit is the service's (lifecycle.textMaxLength); this only keeps a megabyte out of the parser's way.
  text: z.string().max(100_000).nullable().optional(),
  department: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  outcome: z.enum(ATTEMPT_OUTCOMES).optional(),
  callBackAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ownerUserId: z.number().int().min(1).optional(),
  channel: z.enum(['phone', 'sms']).optional(),
  enteredAt: z.iso.datetime({ offset: true }).optional(),
});

const MESSAGES: Record<string, [string, string]> = {
  action: ['unknown-action', `must be one of ${API_ACTIONS.join(', ')}`],
  version: ['invalid-version', 'must be the version the screen showed (a whole number from 1)'],
  text: ['invalid-type', 'must be text'],
  department: ['unknown-department', 'is not a department code'],
  outcome: ['invalid-outcome', `must be ${ATTEMPT_OUTCOMES.join(' or ')}`],
  callBackAt: ['invalid-date', 'must be an ISO 8601 date and time with its offset, e.g. 2026-12-03T14:00:00+03:00'],
  ownerUserId: ['invalid-user', 'must be a user id'],
  channel: ['invalid-channel', 'must be phone or sms'],
  enteredAt: ['invalid-date', 'must be an ISO 8601 date and time with its offset, e.g. 2026-12-03T14:00:00+03:00'],
};

function problemsOf(error: z.ZodError): FieldProblems {
  const fields: FieldProblems = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= { code: 'unknown-field', message: `${key} is not a field of an action` };
      continue;
    }
    const field = issue.path.length === 0 ? '_body' : String(issue.path[0]);
    const [code, message] = MESSAGES[field] ?? ['invalid', 'is invalid'];
    fields[field] ??= { code: field === '_body' ? 'invalid-type' : code, message: field === '_body' ? 'the body must be a JSON object' : `${field} ${message}` };
  }
  return fields;
}

export interface ParsedAction {
  action: RequestAction & { name: ApiAction };
  version: number;
}

/** The lifecycle action of a request body, or ActionBodyError with a problem per field. */
export function parseActionBody(body: unknown, now: Date): ParsedAction {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new ActionBodyError(problemsOf(parsed.error));
  const input = parsed.data;
  const rules = FIELDS[input.action];
  const fields: FieldProblems = {};
  for (const field of Object.keys(MESSAGES) as (Field | 'action' | 'version')[]) {
    if (field === 'action' || field === 'version' || input[field] === undefined) continue;
    if (!rules.takes.includes(field)) Object.assign(fields, problem(field, 'not-used', `is not used by ${input.action}`));
  }
  for (const field of rules.needs) {
    if (input[field] === undefined || input[field] === null) Object.assign(fields, problem(field, 'required', 'is required'));
  }
  const callBackAt = input.callBackAt ? new Date(input.callBackAt) : null;
  if (callBackAt && callBackAt.getTime() <= now.getTime()) Object.assign(fields, problem('callBackAt', 'in-the-past', 'must be in the future'));
  const enteredAt = input.enteredAt ? new Date(input.enteredAt) : null;
  if (enteredAt && enteredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) Object.assign(fields, problem('enteredAt', 'in-the-future', 'must not be in the future'));
  if (Object.keys(fields).length > 0) throw new ActionBodyError(fields);
  return { action: toAction(input, callBackAt, enteredAt ?? now), version: input.version };
}

type Body = z.output<typeof bodySchema>;

function toAction(input: Body, callBackAt: Date | null, enteredAt: Date): ParsedAction['action'] {
  const text = input.text ?? null;
  const department = input.department ?? '';
  switch (input.action) {
    case 'forward':
      return { name: 'forward', department, text };
    case 'transfer':
      return { name: 'transfer', department, text: text ?? '' };
    case 'accept':
      return { name: 'accept', text };
    case 'inform':
      return { name: 'inform', text, channel: input.channel ?? 'phone' };
    case 'attempt':
      return { name: 'attempt', outcome: input.outcome ?? 'not-reachable', text, callBackAt };
    case 'reassign':
      return { name: 'reassign', ownerUserId: input.ownerUserId ?? 0 };
    case 'portal-reply':
      return { name: 'portal-reply', enteredAt, text };
    default:
      // resolve, answer, return, ask, reply, reopen, refer: their text is required (checked above) and must not be blank (the service).
      return { name: input.action, text: text ?? '' };
  }
}
