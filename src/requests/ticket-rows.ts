import { z } from 'zod';
import { fromDbTime, fromDbTimeOrNull } from '../storage/time.js';
import { CLOSE_REASONS, REQUEST_SOURCES, REQUEST_STATUSES } from './request-states.js';
import type { CallOutcome, CallView, TicketCall, TicketEventView, TicketView } from './ticket-store-type.js';
import { IVR_PATH_EVENTS } from '../ivr/types.js';

/* Rows are validated where they leave the database: drivers differ (pg returns bigint as string). */

const text = z.string();
const nullableText = z.string().nullable();
const integer = z.coerce.number().int();
const CALL_OUTCOMES = ['abandoned-in-ivr', 'handed-to-queue', 'failed', 'answered', 'abandoned-in-queue'] as const satisfies readonly CallOutcome[];

const ivrPathStepSchema = z.object({
  at: z.string(),
  menu: z.string(),
  event: z.enum(IVR_PATH_EVENTS),
  digits: z.string().optional(),
  target: z.string().optional(),
});

const jsonText = <T extends z.ZodType>(schema: T) =>
  z.string().transform((value, context): z.output<T> => {
    try {
      return schema.parse(JSON.parse(value));
    } catch (error) {
      context.addIssue({ code: 'custom', message: `bad JSON column: ${error instanceof Error ? error.message : String(error)}` });
      return z.NEVER;
    }
  });

export const callRowSchema = z.object({
  id: text,
  channel_id: text,
  linkedid: nullableText,
  caller_number: nullableText,
  caller_name: nullableText,
  started_at: text,
  answered_at: nullableText,
  queued_at: nullableText,
  left_ivr_at: nullableText,
  agent_connected_at: nullableText,
  ended_at: nullableText,
  ivr_path: jsonText(z.array(ivrPathStepSchema)),
  last_step: nullableText,
  queue: nullableText,
  agent: nullableText,
  agent_name: nullableText,
  wait_s: integer.nullable(),
  talk_s: integer.nullable(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  ticket_number: nullableText,
  created_at: text,
  updated_at: text,
});

export const ticketRowSchema = z.object({
  id: integer,
  number: text,
  year: integer,
  seq: integer,
  source: z.enum(REQUEST_SOURCES),
  caller_number: nullableText,
  caller_name: nullableText,
  category_code: nullableText,
  department_code: nullableText,
  district: nullableText,
  neighbourhood: nullableText,
  address: nullableText,
  description: nullableText,
  status: z.enum(REQUEST_STATUSES),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  due_at: nullableText,
  owner_user_id: integer.nullable(),
  resolution: nullableText,
  resolved_at: nullableText,
  forwarded_at: nullableText,
  updated_by: nullableText,
  created_at: text,
  updated_at: text,
  version: integer,
  answer: nullableText,
  question: nullableText,
  close_reason: z.enum(CLOSE_REASONS).nullable(),
  accepted_at: nullableText,
  answered_at: nullableText,
  informed_at: nullableText,
  closed_at: nullableText,
  ack_due_at: nullableText,
  due_soon_at: nullableText,
  contact_attempts: integer,
  first_attempt_at: nullableText,
  call_back_at: nullableText,
  reopen_count: integer,
  // SQLite stores booleans as 0/1.
  sms_opt_out: z.union([z.boolean(), z.number()]).transform(Boolean),
  email: nullableText,
  // pg returns double precision as a number; keep coerce for drivers that send text.
  latitude: z.coerce.number().nullable(),
  longitude: z.coerce.number().nullable(),
  kvkk_consent_at: nullableText,
  field_event: nullableText,
  external_ref: nullableText,
  applied_at: nullableText,
});

export const ticketEventRowSchema = z.object({
  id: integer,
  at: text,
  actor: text,
  kind: text,
  data: jsonText(z.record(z.string(), z.unknown())),
});

export function toCallView(row: unknown): CallView {
  const call = callRowSchema.parse(row);
  return {
    id: call.id,
    channelId: call.channel_id,
    linkedid: call.linkedid,
    callerNumber: call.caller_number,
    callerName: call.caller_name,
    startedAt: fromDbTime(call.started_at),
    answeredAt: fromDbTimeOrNull(call.answered_at),
    queuedAt: fromDbTimeOrNull(call.queued_at),
    leftIvrAt: fromDbTimeOrNull(call.left_ivr_at),
    agentConnectedAt: fromDbTimeOrNull(call.agent_connected_at),
    endedAt: fromDbTimeOrNull(call.ended_at),
    ivrPath: call.ivr_path,
    lastStep: call.last_step,
    queue: call.queue,
    agent: call.agent,
    agentName: call.agent_name,
    waitS: call.wait_s,
    talkS: call.talk_s,
    outcome: call.outcome,
    ticketNumber: call.ticket_number,
    createdAt: fromDbTime(call.created_at),
    updatedAt: fromDbTime(call.updated_at),
  };
}

/** What a ticket shows of each of its calls. */
export function toTicketCall(call: CallView): TicketCall {
  const { id, startedAt, leftIvrAt, endedAt, queue, agent, agentName, agentConnectedAt, waitS, talkS, outcome } = call;
  return { id, startedAt, leftIvrAt, endedAt, queue, agent, agentName, agentConnectedAt, waitS, talkS, outcome };
}

export function toTicketView(row: unknown): TicketView {
  const ticket = ticketRowSchema.parse(row);
  return {
    id: ticket.id,
    number: ticket.number,
    year: ticket.year,
    seq: ticket.seq,
    source: ticket.source,
    callerNumber: ticket.caller_number,
    callerName: ticket.caller_name,
    categoryCode: ticket.category_code,
    departmentCode: ticket.department_code,
    district: ticket.district,
    neighbourhood: ticket.neighbourhood,
    address: ticket.address,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    dueAt: fromDbTimeOrNull(ticket.due_at),
    ownerUserId: ticket.owner_user_id,
    resolution: ticket.resolution,
    resolvedAt: fromDbTimeOrNull(ticket.resolved_at),
    forwardedAt: fromDbTimeOrNull(ticket.forwarded_at),
    updatedBy: ticket.updated_by,
    createdAt: fromDbTime(ticket.created_at),
    updatedAt: fromDbTime(ticket.updated_at),
    version: ticket.version,
    answer: ticket.answer,
    question: ticket.question,
    closeReason: ticket.close_reason,
    acceptedAt: fromDbTimeOrNull(ticket.accepted_at),
    answeredAt: fromDbTimeOrNull(ticket.answered_at),
    informedAt: fromDbTimeOrNull(ticket.informed_at),
    closedAt: fromDbTimeOrNull(ticket.closed_at),
    ackDueAt: fromDbTimeOrNull(ticket.ack_due_at),
    dueSoonAt: fromDbTimeOrNull(ticket.due_soon_at),
    contactAttempts: ticket.contact_attempts,
    firstAttemptAt: fromDbTimeOrNull(ticket.first_attempt_at),
    callBackAt: fromDbTimeOrNull(ticket.call_back_at),
    reopenCount: ticket.reopen_count,
    smsOptOut: ticket.sms_opt_out,
    email: ticket.email,
    latitude: ticket.latitude,
    longitude: ticket.longitude,
    kvkkConsentAt: fromDbTimeOrNull(ticket.kvkk_consent_at),
    fieldEvent: ticket.field_event,
    externalRef: ticket.external_ref,
    appliedAt: fromDbTimeOrNull(ticket.applied_at),
  };
}

export function toTicketEventView(row: unknown): TicketEventView {
  const event = ticketEventRowSchema.parse(row);
  return { id: event.id, at: fromDbTime(event.at), actor: event.actor, kind: event.kind, data: event.data };
}
