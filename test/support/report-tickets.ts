import type { Knex } from 'knex';

/**
 * Hand-made tickets for the requests and summary reports, in March 2025 (Istanbul): an odd and an even median,
 * a late answer, a sub-category under its parent, an abandoned call's ticket, a ticket opened before the period
 * but answered in it, one opened exactly at the period's end, reopenings in and outside the period.
 */
export const MARCH = { from: Date.parse('2025-02-28T21:00:00.000Z'), to: Date.parse('2025-03-31T21:00:00.000Z') };
export const IN = '2025-03-10T10:00:00.000Z';
export const BEFORE = '2025-02-20T10:00:00.000Z';
export const AT_END = '2025-03-31T21:00:00.000Z';

export interface ReportTicket {
  category: string;
  department: string | null;
  district: string;
  neighbourhood: string | null;
  source: string;
  status: string;
  created: string;
  accept?: number;
  answer?: [number, boolean];
  inform?: number;
  survey?: number;
  /** Times of `reopened` history facts. */
  reopened?: string[];
}

export const REPORT_TICKETS: readonly ReportTicket[] = [
  { category: 'kentkart', department: 'kayseri-ulasim', district: 'Melikgazi', neighbourhood: 'Alpaslan', source: 'phone', status: 'closed', created: IN, accept: 100, answer: [1000, true], inform: 50, survey: 5, reopened: [IN] },
  // Answered after its deadline.
  { category: 'kentkart', department: 'kayseri-ulasim', district: 'Melikgazi', neighbourhood: 'Alpaslan', source: 'web', status: 'answered', created: IN, accept: 300, answer: [3000, false] },
  { category: 'ulasim', department: 'ulasim', district: 'Kocasinan', neighbourhood: 'Erkilet', source: 'cimer', status: 'in_progress', created: IN, accept: 200, survey: 3 },
  { category: 'hayvan', department: 'veteriner', district: 'Talas', neighbourhood: 'Mevlana', source: 'phone', status: 'closed', created: IN, accept: 400, answer: [2000, true], inform: 71, survey: 4, reopened: [BEFORE] },
  // An abandoned call: not a request.
  { category: 'hayvan', department: 'veteriner', district: 'Talas', neighbourhood: 'Mevlana', source: 'phone', status: 'abandoned', created: IN, survey: 2 },
  // Opened before the period, answered in it.
  { category: 'hayvan', department: 'veteriner', district: 'Talas', neighbourhood: null, source: 'desk', status: 'closed', created: BEFORE, answer: [500, true], survey: 1, reopened: [AT_END] },
  // Opened at the period's (exclusive) end.
  { category: 'kentkart', department: null, district: 'Melikgazi', neighbourhood: 'Alpaslan', source: 'phone', status: 'open', created: AT_END },
  { category: 'hayvan', department: 'veteriner', district: 'Talas', neighbourhood: 'Mevlana', source: 'phone', status: 'in_progress', created: IN, accept: 900 },
];

/** Each step happens at IN (the period's middle), its duration the given seconds: the report reads the stored durations. */
export async function insertReportTickets(db: Knex, tickets: readonly ReportTicket[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, ticket] of tickets.entries()) {
    const [inserted] = (await db('tickets')
      .insert({
        number: `153-2025-${String(index + 1).padStart(6, '0')}`, year: 2025, seq: index + 1, source: ticket.source, status: ticket.status, priority: 'normal',
        category_code: ticket.category, department_code: ticket.department, district: ticket.district, neighbourhood: ticket.neighbourhood,
        created_at: ticket.created, updated_at: ticket.created, version: 1, due_at: '2025-03-20T10:00:00.000Z',
        accepted_at: ticket.accept === undefined ? null : IN, accept_s: ticket.accept ?? null,
        answered_at: ticket.answer ? IN : null, answer_s: ticket.answer?.[0] ?? null, answered_in_time: ticket.answer?.[1] ?? null,
        informed_at: ticket.inform === undefined ? null : IN, inform_s: ticket.inform ?? null, survey_score: ticket.survey ?? null,
        reopen_count: ticket.reopened?.length ?? 0,
      })
      .returning('id')) as ({ id: number } | number)[];
    const id = typeof inserted === 'object' ? inserted.id : Number(inserted);
    ids.push(id);
    for (const at of ticket.reopened ?? []) await db('ticket_events').insert({ ticket_id: id, at, actor: 'desk', kind: 'reopened', data: '{}' });
  }
  return ids;
}
