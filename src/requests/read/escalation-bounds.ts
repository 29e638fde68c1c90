/**
 * The escalation view's conditions, as plain data (unit-tested), applied to SQL by escalations.ts.
 * Times are the stored fixed-width ISO text (src/storage/time.ts), so every bound is a range on an index.
 * - due-soon:    not closed nor abandoned, due_soon_at <= now < due_at   (past lifecycle.dueSoonRatio of the deadline);
 * - overdue:     not closed nor abandoned, due_at <= now (an answer not yet told still counts);
 * - ack-overdue: forwarded (not yet accepted), ack_due_at <= now.
 */
import { z } from 'zod';
import type { TicketView } from '../ticket-store-type.js';

export const ESCALATION_KINDS = ['due-soon', 'overdue', 'ack-overdue'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export type Comparison = '<=' | '<' | '>' | '>=';

export interface EscalationBounds {
  /** The list's order (oldest deadline first) and its keyset column. */
  deadline: 'due_at' | 'ack_due_at';
  /** `status <> 'closed'` (the partial index tickets_open_due_idx) or `status = 'forwarded'`. */
  status: { not: 'closed' } | { is: 'forwarded' };
  conditions: Array<{ column: 'due_at' | 'due_soon_at' | 'ack_due_at'; op: Comparison; value: string }>;
}

export function escalationBounds(kind: EscalationKind, now: string): EscalationBounds {
  switch (kind) {
    case 'due-soon':
      return {
        deadline: 'due_at',
        status: { not: 'closed' },
        conditions: [
          { column: 'due_at', op: '>', value: now },
          { column: 'due_soon_at', op: '<=', value: now },
        ],
      };
    case 'overdue':
      return { deadline: 'due_at', status: { not: 'closed' }, conditions: [{ column: 'due_at', op: '<=', value: now }] };
    case 'ack-overdue':
      return { deadline: 'ack_due_at', status: { is: 'forwarded' }, conditions: [{ column: 'ack_due_at', op: '<=', value: now }] };
  }
}

/**
 * What the clock crossed in (from, to]: each moment column as a half-open range, so consecutive ticks neither
 * miss nor repeat an item. The ticket's kinds at `to` are computed afterwards (an item can cross both at once).
 */
export function crossingBounds(from: string, to: string): EscalationBounds[] {
  const range = (column: 'due_at' | 'due_soon_at' | 'ack_due_at'): EscalationBounds['conditions'] => [
    { column, op: '>', value: from },
    { column, op: '<=', value: to },
  ];
  return [
    { deadline: 'due_at', status: { not: 'closed' }, conditions: range('due_soon_at') },
    { deadline: 'due_at', status: { not: 'closed' }, conditions: range('due_at') },
    { deadline: 'ack_due_at', status: { is: 'forwarded' }, conditions: range('ack_due_at') },
  ];
}

type Moments = Pick<TicketView, 'status' | 'dueAt' | 'dueSoonAt' | 'ackDueAt'>;

/** The same rules in memory, for a ticket that just changed (RequestService.onChange). */
export function escalationKinds(ticket: Moments, now: Date): EscalationKind[] {
  const kinds: EscalationKind[] = [];
  const t = now.getTime();
  if (ticket.status !== 'closed' && ticket.status !== 'abandoned' && ticket.dueAt !== null) {
    if (ticket.dueAt.getTime() <= t) kinds.push('overdue');
    else if (ticket.dueSoonAt !== null && ticket.dueSoonAt.getTime() <= t) kinds.push('due-soon');
  }
  if (ticket.status === 'forwarded' && ticket.ackDueAt !== null && ticket.ackDueAt.getTime() <= t) kinds.push('ack-overdue');
  return kinds;
}

const cursorSchema = z.strictObject({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), i: z.number().int().min(1) });
export type EscalationCursor = z.infer<typeof cursorSchema>;

export const encodeCursor = (cursor: EscalationCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** Undefined for anything not made by encodeCursor (the route answers 400). */
export function decodeCursor(text: string): EscalationCursor | undefined {
  if (text.length > 200) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
