import { z } from 'zod';
import type { AmiRawMessage } from 'asterisk-manager';
import type { CallLink, QueueEvent, QueueMemberRef } from '../../queues/queue-events.js';
import { queueEventKey } from '../../queues/queue-events.js';
import { amiTimestampMicros, callerText, describeIssues, integer, memberEventSchema, parseAmiTimestamp, stringField, text, toMemberInfo } from './ami-fields.js';

export type NormalisedAmiEvent = { event: QueueEvent } | { ignored: true } | { error: string };

/** The caller-leg block of channel-based events (the agent leg is `Dest*`). */
const callerLeg = {
  uniqueid: text,
  linkedid: text,
  queue: text,
  chanvariable: z.record(z.string(), z.string()).optional(),
};
const memberRef = { interface: text, membername: text };

const schemas = {
  QueueCallerJoin: z.object({ ...callerLeg, position: integer, count: integer, calleridnum: callerText, calleridname: callerText }),
  QueueCallerLeave: z.object({ ...callerLeg, position: integer, count: integer }),
  QueueCallerAbandon: z.object({ ...callerLeg, position: integer, originalposition: integer, holdtime: integer }),
  AgentCalled: z.object({ ...callerLeg, ...memberRef }),
  AgentRingNoAnswer: z.object({ ...callerLeg, ...memberRef, ringtime: integer }),
  AgentConnect: z.object({ ...callerLeg, ...memberRef, holdtime: integer, ringtime: integer }),
  AgentComplete: z.object({ ...callerLeg, ...memberRef, holdtime: integer, talktime: integer, reason: text }),
  AgentDump: z.object({ ...callerLeg, ...memberRef }),
  QueueMemberAdded: memberEventSchema,
  QueueMemberRemoved: memberEventSchema,
  QueueMemberStatus: memberEventSchema,
  QueueMemberPause: memberEventSchema,
  QueueMemberPenalty: memberEventSchema,
  Hangup: z.object({ uniqueid: text, linkedid: text, cause: integer.default(0), chanvariable: callerLeg.chanvariable }),
  FullyBooted: z.object({}),
  Shutdown: z.object({ restart: text.default('False') }),
} as const;

type QueueEventName = keyof typeof schemas;

/** Every AMI event the queue feed reads: the filters asked for at login (ami-connection.ts). */
export const AMI_QUEUE_EVENT_NAMES: readonly QueueEventName[] = Object.keys(schemas) as QueueEventName[];
type Parsed<N extends QueueEventName> = z.infer<(typeof schemas)[N]>;

// Asterisk writes an empty channel variable as `ChanVariable: ALO153_TICKET=`: no ticket yet.
const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);

function link(fields: { uniqueid: string; linkedid: string; chanvariable?: Record<string, string> | undefined }): CallLink {
  const vars = fields.chanvariable ?? {};
  const result: CallLink = { uniqueid: fields.uniqueid, linkedid: fields.linkedid };
  const callId = nonEmpty(vars.ALO153_CALL_ID);
  const ticket = nonEmpty(vars.ALO153_TICKET);
  if (callId !== undefined) result.callId = callId;
  if (ticket !== undefined) result.ticket = ticket;
  return result;
}

const member = (fields: { interface: string; membername: string }): QueueMemberRef => ({ interface: fields.interface, name: fields.membername });

type Builders = { [N in QueueEventName]: (fields: Parsed<N>, at: number) => QueueEvent | undefined };

const builders: Builders = {
  QueueCallerJoin: (f, at) => ({
    kind: 'callerJoin',
    at,
    queue: f.queue,
    position: f.position,
    count: f.count,
    callerNumber: f.calleridnum,
    callerName: f.calleridname,
    ...link(f),
  }),
  QueueCallerLeave: (f, at) => ({ kind: 'callerLeave', at, queue: f.queue, position: f.position, count: f.count, ...link(f) }),
  QueueCallerAbandon: (f, at) => ({
    kind: 'callerAbandon',
    at,
    queue: f.queue,
    position: f.position,
    originalPosition: f.originalposition,
    holdTimeS: f.holdtime,
    ...link(f),
  }),
  AgentCalled: (f, at) => ({ kind: 'agentCalled', at, queue: f.queue, member: member(f), ...link(f) }),
  // AgentRingNoAnswer's RingTime is in ms, AgentConnect's in s (transcript 04).
  AgentRingNoAnswer: (f, at) => ({ kind: 'agentRingNoAnswer', at, queue: f.queue, member: member(f), ringTimeMs: f.ringtime, ...link(f) }),
  AgentConnect: (f, at) => ({ kind: 'agentConnect', at, queue: f.queue, member: member(f), holdTimeS: f.holdtime, ringTimeS: f.ringtime, ...link(f) }),
  AgentComplete: (f, at) => ({
    kind: 'agentComplete',
    at,
    queue: f.queue,
    member: member(f),
    holdTimeS: f.holdtime,
    talkTimeS: f.talktime,
    reason: f.reason,
    ...link(f),
  }),
  AgentDump: (f, at) => ({ kind: 'agentDump', at, queue: f.queue, member: member(f), ...link(f) }),
  QueueMemberAdded: (f, at) => ({ kind: 'memberAdded', at, member: toMemberInfo(f) }),
  QueueMemberRemoved: (f, at) => ({ kind: 'memberRemoved', at, member: toMemberInfo(f) }),
  QueueMemberStatus: (f, at) => ({ kind: 'memberStatus', at, member: toMemberInfo(f) }),
  QueueMemberPause: (f, at) => ({ kind: 'memberPause', at, member: toMemberInfo(f) }),
  // A penalty set over AMI (QueuePenalty): the full member block, so the member's state is refreshed like a status.
  QueueMemberPenalty: (f, at) => ({ kind: 'memberStatus', at, member: toMemberInfo(f) }),
  // Every channel's Hangup comes by; only our callers that went on into the dialplan (ALO153_CALL_ID is set at
  // the hand-off) tell when a call really ended.
  Hangup: (f, at) => {
    if (!nonEmpty(f.chanvariable?.ALO153_CALL_ID)) return undefined;
    const queue = nonEmpty(f.chanvariable?.ALO153_QUEUE);
    return { kind: 'callerHangup', at, cause: f.cause, ...(queue === undefined ? {} : { queue }), ...link(f) };
  },
  FullyBooted: (_f, at) => ({ kind: 'fullyBooted', at }),
  Shutdown: (f, at) => ({ kind: 'shutdown', at, restart: f.restart.toLowerCase() === 'true' }),
};

const isQueueEventName = (name: string): name is QueueEventName => Object.hasOwn(schemas, name);

function build<N extends QueueEventName>(name: N, raw: AmiRawMessage, at: number, micros: string | undefined): NormalisedAmiEvent {
  const parsed = schemas[name].safeParse(raw);
  if (!parsed.success) return name === 'Hangup' ? { ignored: true } : { error: describeIssues(name, parsed.error) };
  const event = builders[name](parsed.data as Parsed<N>, at);
  if (!event) return { ignored: true };
  return { event: micros === undefined ? event : { ...event, key: queueEventKey(event, micros) } };
}

/**
 * One asterisk-manager event (lower-cased keys) → a QueueEvent, `ignored` for every other event
 * name (and for a Hangup that is not our caller's), or `error` for a queue event that lacks a field or
 * has a non-numeric number. Never throws. `at` comes from `Timestamp:` (timestampevents=yes), which
 * also gives the event its natural `key`; FullyBooted right after Login has none, so then `now()`
 * stands in and the event has no key.
 */
export function normaliseAmiEvent(raw: AmiRawMessage, now: () => number = Date.now): NormalisedAmiEvent {
  const name = stringField(raw, 'event');
  if (name === undefined || !isQueueEventName(name)) return { ignored: true };
  const timestamp = raw.timestamp;
  let at: number | undefined;
  if (timestamp === undefined) at = now();
  else if (typeof timestamp === 'string') at = parseAmiTimestamp(timestamp);
  if (at === undefined) return { error: `${name}: timestamp: not an epoch.micro time` };
  return build(name, raw, at, typeof timestamp === 'string' ? amiTimestampMicros(timestamp) : undefined);
}
