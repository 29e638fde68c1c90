import type { Knex } from 'knex';
import { toDbTime } from '../../src/storage/time.js';
import type { TicketSource, TicketStatus } from '../../src/requests/ticket-store-type.js';

export interface SeedTicket {
  year: number;
  seq: number;
  source?: TicketSource;
  status?: TicketStatus;
  department?: string | null;
  callerNumber?: string | null;
  description?: string | null;
  createdAt: Date;
  dueAt?: Date | null;
  dueSoonAt?: Date | null;
  ackDueAt?: Date | null;
}

/** A ticket row as the lifecycle leaves it, written directly: read-side tests choose every moment themselves. */
export async function seedTicket(db: Knex, ticket: SeedTicket): Promise<string> {
  const number = `153-${ticket.year}-${String(ticket.seq).padStart(6, '0')}`;
  const time = (date: Date | null | undefined) => (date ? toDbTime(date) : null);
  await db('tickets').insert({
    number,
    year: ticket.year,
    seq: ticket.seq,
    source: ticket.source ?? 'phone',
    status: ticket.status ?? 'open',
    department_code: ticket.department ?? null,
    caller_number: ticket.callerNumber ?? null,
    description: ticket.description ?? null,
    priority: 'normal',
    created_at: toDbTime(ticket.createdAt),
    updated_at: toDbTime(ticket.createdAt),
    due_at: time(ticket.dueAt),
    due_soon_at: time(ticket.dueSoonAt),
    ack_due_at: time(ticket.ackDueAt),
    version: 1,
  });
  return number;
}
