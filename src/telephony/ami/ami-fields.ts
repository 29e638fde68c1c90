import { z } from 'zod';
import type { AmiRawMessage } from 'asterisk-manager';
import type { DeviceStatus, QueueMemberInfo } from '../../queues/queue-events.js';

/** Zod pieces for AMI values as asterisk-manager delivers them: strings under lower-cased keys. */

export const text = z.string();
export const integer = z
  .string()
  .regex(/^-?\d+$/, 'not an integer')
  .transform(Number);
export const flag = z.enum(['0', '1']).transform((value) => value === '1');
export const deviceStatus = z
  .string()
  .regex(/^[0-8]$/, 'not a device status 0-8')
  .transform((value) => Number(value) as DeviceStatus);

/** Channel events write a missing caller name as `<unknown>`, QueueEntry as `unknown`: both mean "none". */
export const callerText = z
  .string()
  .default('')
  .transform((value) => (value === '<unknown>' || value === 'unknown' ? '' : value));

/** `Timestamp: 1795888887.316503` (epoch seconds with microseconds) → epoch ms, truncated. */
export function parseAmiTimestamp(value: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!match) return undefined;
  const micros = Number((match[2] ?? '').padEnd(6, '0'));
  return Number(match[1]) * 1000 + Math.floor(micros / 1000);
}

/** `Timestamp: 1795888887.316503` → `1795888887316503` (epoch µs as digits): the exact instant, for natural keys. */
export function amiTimestampMicros(value: string): string | undefined {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!match) return undefined;
  return `${match[1]}${(match[2] ?? '').padEnd(6, '0')}`;
}

/** QueueMemberStatus/Added/Removed/Pause: the member block app_queue writes for every member event. */
export const memberEventSchema = z.object({
  queue: text,
  membername: text,
  interface: text,
  stateinterface: text.optional(),
  membership: z.enum(['static', 'dynamic', 'realtime']),
  penalty: integer,
  callstaken: integer,
  lastcall: integer,
  incall: flag,
  status: deviceStatus,
  paused: flag,
  pausedreason: text.default(''),
});

export function toMemberInfo(fields: z.infer<typeof memberEventSchema>): QueueMemberInfo {
  return {
    queue: fields.queue,
    interface: fields.interface,
    name: fields.membername,
    stateInterface: fields.stateinterface ?? fields.interface,
    membership: fields.membership,
    penalty: fields.penalty,
    callsTaken: fields.callstaken,
    lastCall: fields.lastcall,
    inCall: fields.incall,
    status: fields.status,
    paused: fields.paused,
    pausedReason: fields.pausedreason,
  };
}

/** `Queue: alo153-genel` → key `queue`; a zod error as one short line naming the fields. */
export function describeIssues(event: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`);
  return `${event}: ${parts.join('; ')}`;
}

/** A single string field, or undefined when absent or (a duplicated key) an array/object. */
export function stringField(raw: AmiRawMessage, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}
