import { z } from 'zod';
import type { StreamName } from './protocol.js';

/** The kind of a stream: its name up to the colon. Authorisation and openers are per kind. */
export type StreamKind = 'supervisors' | 'relay' | 'escalations' | 'announcements' | 'survey' | 'site' | 'queue' | 'desk' | 'inbox';

export const STREAM_KINDS: readonly StreamKind[] = ['supervisors', 'relay', 'escalations', 'announcements', 'survey', 'site', 'queue', 'desk', 'inbox'];

/** Queue names as app_queue allows them (Turkish letters included); department codes as users.department. */
const QUEUE_NAME = /^queue:[\p{L}\p{N}_.-]{1,80}$/u;
const DESK = /^desk:[1-9][0-9]{0,9}$/;
const INBOX = /^inbox:[a-z0-9-]{1,40}$/;

/** zod at the socket edge: a stream name any client may send (whether it may follow it is stream-access's call). */
export const streamNameSchema = z.union([
  z.literal('supervisors'),
  z.literal('relay'),
  z.literal('escalations'),
  z.literal('announcements'),
  z.literal('survey'),
  z.literal('site'),
  z.string().regex(QUEUE_NAME),
  z.string().regex(DESK),
  z.string().regex(INBOX),
]);

export function isStreamName(value: unknown): value is StreamName {
  return streamNameSchema.safeParse(value).success;
}

export function kindOf(stream: StreamName): StreamKind {
  const colon = stream.indexOf(':');
  return (colon < 0 ? stream : stream.slice(0, colon)) as StreamKind;
}

/** What follows the colon: the queue name, the user id, the department code ('' for the plain kinds). */
export function argumentOf(stream: StreamName): string {
  const colon = stream.indexOf(':');
  return colon < 0 ? '' : stream.slice(colon + 1);
}

export const queueStream = (queue: string): StreamName => `queue:${queue}`;
export const deskStream = (userId: number): StreamName => `desk:${userId}`;
export const inboxStream = (departmentCode: string): StreamName => `inbox:${departmentCode}`;
