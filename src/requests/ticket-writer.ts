import type { Knex } from 'knex';
import { toDbTime } from '../storage/time.js';
import type { Deadlines } from './deadlines/deadlines.js';
import { actorLabel, type LifecycleTicket, type RequestActor, type TicketChanges, type Transition } from './lifecycle.js';
import { allocateTicketSeq, formatTicketNumber, istanbulYear } from './ticket-numbers.js';
import { toTicketView } from './ticket-rows.js';
import type { TicketSource, TicketView } from './ticket-store-type.js';

/**
 * The only code that writes `tickets` and `ticket_events` (the call path's group commit writes this module's rows
 * and plans a batch at a time: src/calls/call-writes/ticket-row-updates.ts). Everything runs inside the caller's transaction: the
 * request service (one transaction per action) and the call path (a call row and its ticket in one transaction).
 * The lifecycle decides (src/requests/lifecycle.ts); this module turns its decision into rows, and derives what
 * follows from the new state: deadlines, the due-soon moment, and the durations the figures take medians of.
 */

export interface NewTicket {
  source: TicketSource;
  createdAt: Date;
  callerNumber?: string | null;
  callerName?: string | null;
  ownerUserId?: number | null;
  updatedBy?: string | null;
  /** The history's `opened` event data (the call ids of a phone ticket). */
  openedData?: Record<string, unknown>;
  /** What the web form, a field desk, Open311 or an application entry bring besides the form's fields. */
  email?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  kvkkConsentAt?: Date | null;
  fieldEvent?: string | null;
  /** CİMER / Açık Kapı application number: unique per source (the database refuses a second one). */
  externalRef?: string | null;
  /** The application's date: its deadline runs from here instead of createdAt. */
  appliedAt?: Date | null;
  /** A channel submission's idempotency key: unique (the database refuses a second one). */
  submissionKey?: string | null;
}

/** When a ticket's answer deadline starts: an application's own date, else its creation. */
export const deadlineStart = (ticket: { appliedAt: Date | null; createdAt: Date }): Date => ticket.appliedAt ?? ticket.createdAt;

const FIELD_COLUMNS: Record<string, string> = {
  categoryCode: 'category_code',
  departmentCode: 'department_code',
  district: 'district',
  neighbourhood: 'neighbourhood',
  address: 'address',
  description: 'description',
  priority: 'priority',
  callerName: 'caller_name',
  callerNumber: 'caller_number',
  resolution: 'resolution',
  smsConsent: 'sms_opt_out',
  // A CİMER / Açık Kapı list import corrects the applicant's e-mail like any other field.
  email: 'email',
};

/** A field's stored value as the form names it (the consent is the sms_opt_out flag). */
export const storedValue = (ticket: TicketView, field: string): string | null =>
  field === 'smsConsent' ? (ticket.smsOptOut ? 'refused' : 'allowed') : ((ticket as unknown as Record<string, string | null>)[field] ?? null);
const columnValue = (field: string, value: string | null): string | boolean | null => (field === 'smsConsent' ? value === 'refused' : value);

export const isTicketField = (field: string): boolean => field in FIELD_COLUMNS;

/**
 * Columns whose change leaves the version alone, so a desk's open form stays current: who owns the ticket, and
 * the deadline clock's marks (a notification must not make an agent's save fail with 409).
 */
const UNVERSIONED = new Set(['owner_user_id', 'due_soon_notified_at', 'overdue_notified_at', 'ack_overdue_notified_at']);

/** A fact for a ticket's history that changes nothing on the ticket (appendFact). */
export interface TicketFact {
  ticketId: number;
  kind: string;
  data: Readonly<Record<string, unknown>>;
  actor: RequestActor;
  at: Date;
  dedupeKey: string;
}

/** A fact as its history row. */
export const factRow = (fact: TicketFact): PlannedWrite['events'][number] => ({
  ticket_id: fact.ticketId,
  at: toDbTime(fact.at),
  actor: actorLabel(fact.actor),
  kind: fact.kind,
  data: JSON.stringify(fact.data),
  dedupe_key: fact.dedupeKey,
});

/** A transition as rows (TicketWriter.plan). */
export interface PlannedWrite {
  events: Array<Record<string, unknown> & { ticket_id: number; dedupe_key: string | null }>;
  columns?: Record<string, unknown>;
}

interface WriteOptions {
  dedupeKey?: string;
  updatedBy?: string | null;
  baseVersion?: number;
}

const time = (date: Date | null | undefined): string | null | undefined => (date === undefined ? undefined : date === null ? null : toDbTime(date));
const seconds = (from: Date | null, to: Date): number | null => (from === null ? null : Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)));

export class TicketWriter {
  constructor(private readonly deadlines: Deadlines) {}

  async insert(trx: Knex.Transaction, input: NewTicket, actor: RequestActor): Promise<TicketView> {
    const year = istanbulYear(input.createdAt);
    const seq = await allocateTicketSeq(trx, year);
    const [row] = (await trx('tickets').insert(this.ticketRow(input, year, seq)).returning('*')) as unknown[];
    const ticket = toTicketView(row);
    await trx('ticket_events').insert(this.openedEvent(ticket.id, input, actor));
    return ticket;
  }

  /**
   * Several new tickets in one INSERT each for the tickets and their `opened` events (the call path's group
   * commit): numbers in input order, one block of the counter per year. Returns only what the caller keeps.
   */
  async insertMany(trx: Knex.Transaction, inputs: readonly NewTicket[], actor: RequestActor): Promise<Array<{ id: number; number: string }>> {
    if (inputs.length === 0) return [];
    const years = inputs.map((input) => istanbulYear(input.createdAt));
    const next = new Map<number, number>();
    for (const year of new Set(years)) next.set(year, await allocateTicketSeq(trx, year, years.filter((y) => y === year).length));
    const rows = inputs.map((input, index) => {
      const year = years[index]!;
      const seq = next.get(year)!;
      next.set(year, seq + 1);
      return this.ticketRow(input, year, seq);
    });
    const stored = (await trx('tickets').insert(rows).returning(['id', 'number'])) as Array<{ id: number | string; number: string }>;
    const idOf = new Map(stored.map((row) => [row.number, Number(row.id)]));
    const tickets = rows.map((row) => ({ id: idOf.get(row.number)!, number: row.number }));
    await trx('ticket_events').insert(tickets.map((ticket, index) => this.openedEvent(ticket.id, inputs[index]!, actor)));
    return tickets;
  }

  private openedEvent(ticketId: number, input: NewTicket, actor: RequestActor): Record<string, unknown> {
    return {
      ticket_id: ticketId,
      at: toDbTime(input.createdAt),
      actor: actorLabel(actor),
      kind: 'opened',
      data: JSON.stringify({ source: input.source, ...input.openedData }),
      dedupe_key: 'opened',
    };
  }

  private ticketRow(input: NewTicket, year: number, seq: number): Record<string, unknown> & { number: string } {
    const number = formatTicketNumber(year, seq);
    const at = toDbTime(input.createdAt);
    const startedAt = input.appliedAt ?? input.createdAt;
    const dueAt = this.deadlines.dueAt({ source: input.source, categoryCode: null, startedAt });
    return {
      number,
      year,
      seq,
      source: input.source,
      caller_number: input.callerNumber || null,
      caller_name: input.callerName || null,
      status: 'open',
      priority: 'normal',
      due_at: toDbTime(dueAt),
      due_soon_at: toDbTime(this.deadlines.dueSoonAt(startedAt, dueAt)),
      email: input.email || null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      kvkk_consent_at: time(input.kvkkConsentAt) ?? null,
      field_event: input.fieldEvent || null,
      external_ref: input.externalRef || null,
      applied_at: time(input.appliedAt) ?? null,
      submission_key: input.submissionKey || null,
      owner_user_id: input.ownerUserId ?? null,
      updated_by: input.updatedBy ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  }

  /**
   * A fact for the history that changes nothing on the ticket (a call ended, an agent answered), without
   * reading the ticket first: the lifecycle allows such a note from the system in every status. False when
   * `dedupeKey` finds it stored already.
   */
  async appendFact(trx: Knex.Transaction, ticketId: number, fact: { kind: string; data: Readonly<Record<string, unknown>> }, actor: RequestActor, at: Date, dedupeKey: string): Promise<boolean> {
    const inserted = (await trx('ticket_events')
      .insert(factRow({ ticketId, kind: fact.kind, data: fact.data, actor, at, dedupeKey }))
      .onConflict(['ticket_id', 'dedupe_key'])
      .ignore()
      .returning('id')) as unknown[];
    return inserted.length > 0;
  }

  /** Reads the ticket for an action; on PostgreSQL the row stays locked until the transaction ends. */
  async load(trx: Knex.Transaction, where: { number: string } | { id: number }): Promise<TicketView | undefined> {
    const query = trx('tickets').where(where).first();
    const row: unknown = await (trx.client.config.client === 'pg' ? query.forUpdate() : query);
    return row ? toTicketView(row) : undefined;
  }

  /**
   * Writes a transition and returns the ticket as stored. The history goes first: when `dedupeKey` finds its
   * events already stored (a retried system write whose first try committed) nothing is written and
   * DuplicateWrite is thrown before any change. A row whose version moved on since `current` was read throws
   * VersionConflict, which rolls the caller's transaction back (a concurrent writer won: 409).
   */
  async apply(trx: Knex.Transaction, current: TicketView, result: Transition, actor: RequestActor, now: Date, options: WriteOptions = {}): Promise<TicketView> {
    if (!(await this.write(trx, current, result, actor, now, options))) return current;
    const stored = await this.load(trx, { id: current.id });
    if (!stored) throw new VersionConflict(current.number);
    return stored;
  }

  /**
   * `apply` without reading the row back (the call path's hand-off needs no view of it): true when the ticket
   * row changed. The same checks: DuplicateWrite, VersionConflict.
   */
  async write(trx: Knex.Transaction, current: TicketView, result: Transition, actor: RequestActor, now: Date, options: WriteOptions = {}): Promise<boolean> {
    const planned = this.plan(current, result, actor, now, options);
    if (planned.events.length > 0) {
      const inserted = (await trx('ticket_events').insert(planned.events).onConflict(['ticket_id', 'dedupe_key']).ignore().returning('id')) as unknown[];
      if (options.dedupeKey && inserted.length === 0) throw new DuplicateWrite();
    }
    if (!planned.columns) return false;
    const updated = await trx('tickets').where({ id: current.id, version: current.version }).update(planned.columns);
    if (updated === 0) throw new VersionConflict(current.number);
    return true;
  }

  /**
   * What `write` writes, without writing it: the history's rows, and the ticket row's columns (absent when the
   * row stays as it is) to set where its version is still `current.version`. The call path's group commit
   * writes the plans of a batch together.
   */
  plan(current: TicketView, result: Transition, actor: RequestActor, now: Date, options: WriteOptions = {}): PlannedWrite {
    const columns = this.columns(current, result.changes, now, result.tasks.some((task) => task.kind === 'restart-deadline'));
    const changesTicket = Object.keys(columns).length > 0;
    const bumps = changesTicket && Object.keys(columns).some((column) => !UNVERSIONED.has(column));
    // Several actions of one change (the desk's save) make one version step from the version it started at.
    const version = bumps ? (options.baseVersion ?? current.version) + 1 : current.version;
    const fieldChanges = this.fieldChanges(current, result.changes);
    const events = result.events.map((event, index) => ({
      ticket_id: current.id,
      at: toDbTime(now),
      actor: actorLabel(actor),
      kind: event.kind,
      data: JSON.stringify({
        ...event.data,
        ...(event.kind === 'updated' ? { changes: fieldChanges } : {}),
        ...(event.from !== event.to ? { from: event.from, to: event.to } : {}),
        ...(event.text !== null ? { text: event.text } : {}),
        ...(bumps ? { version } : {}),
      }),
      dedupe_key: options.dedupeKey ? `${options.dedupeKey}${index === 0 ? '' : `:${index}`}` : bumps ? `${event.kind}:v${version}` : null,
    }));
    if (!changesTicket) return { events };
    return { events, columns: { ...columns, updated_at: toDbTime(now), version, ...(options.updatedBy !== undefined ? { updated_by: options.updatedBy } : {}) } };
  }

  /** What an edit changes, field by field, for the history (from → to). */
  private fieldChanges(current: TicketView, changes: TicketChanges): Record<string, { from: string | null; to: string | null }> {
    const out: Record<string, { from: string | null; to: string | null }> = {};
    for (const [field, to] of Object.entries(changes.fields ?? {})) {
      const from = storedValue(current, field);
      if (from !== to) out[field] = { from, to };
    }
    return out;
  }

  private columns(current: TicketView, changes: TicketChanges, now: Date, restartAck: boolean): Record<string, unknown> {
    const columns: Record<string, unknown> = {};
    const set = (column: string, value: unknown) => {
      if (value !== undefined) columns[column] = value;
    };
    for (const [field, value] of Object.entries(changes.fields ?? {})) {
      const column = FIELD_COLUMNS[field];
      if (!column) throw new Error(`not a ticket field: ${field}`);
      if (storedValue(current, field) !== value) columns[column] = columnValue(field, value);
    }
    set('status', changes.status !== current.status ? changes.status : undefined);
    set('department_code', changes.departmentCode !== undefined && changes.departmentCode !== current.departmentCode ? changes.departmentCode : undefined);
    set('owner_user_id', changes.ownerUserId);
    set('resolution', changes.resolution);
    set('answer', changes.answer);
    set('question', changes.question);
    set('close_reason', changes.closeReason);
    set('forwarded_at', time(changes.forwardedAt));
    set('accepted_at', time(changes.acceptedAt));
    set('answered_at', time(changes.answeredAt));
    set('informed_at', time(changes.informedAt));
    set('closed_at', time(changes.closedAt));
    set('first_attempt_at', time(changes.firstAttemptAt));
    set('call_back_at', time(changes.callBackAt));
    set('contact_attempts', changes.contactAttempts);
    set('reopen_count', changes.reopenCount);
    set('due_soon_notified_at', time(changes.dueSoonNotifiedAt));
    set('overdue_notified_at', time(changes.overdueNotifiedAt));
    set('ack_overdue_notified_at', time(changes.ackOverdueNotifiedAt));
    if (changes.status === 'closed' && changes.closeReason === 'resolved-on-call') set('resolved_at', toDbTime(now));
    if (restartAck) set('ack_due_at', toDbTime(this.deadlines.ackDueAt(now)));
    this.derive(current, changes, columns);
    return columns;
  }

  /** Deadlines follow the category; the durations are fixed when their step happens. */
  private derive(current: TicketView, changes: TicketChanges, columns: Record<string, unknown>): void {
    const category = changes.fields?.categoryCode;
    if (category !== undefined && category !== current.categoryCode) {
      const dueAt = this.deadlines.dueAt({ source: current.source, categoryCode: category, startedAt: deadlineStart(current) });
      // A new deadline's notifications are owed anew; a category with the same deadline changes nothing (told once).
      if (dueAt.getTime() !== current.dueAt?.getTime()) {
        columns.due_at = toDbTime(dueAt);
        columns.due_soon_at = toDbTime(this.deadlines.dueSoonAt(deadlineStart(current), dueAt));
        columns.due_soon_notified_at = null;
        columns.overdue_notified_at = null;
      }
    }
    const forwardedAt = changes.forwardedAt !== undefined ? changes.forwardedAt : current.forwardedAt;
    if (changes.acceptedAt) columns.accept_s = seconds(forwardedAt, changes.acceptedAt);
    if (changes.acceptedAt === null) columns.accept_s = null;
    if (changes.answeredAt) {
      columns.answer_s = seconds(forwardedAt, changes.answeredAt);
      columns.answered_in_time = current.dueAt === null ? null : changes.answeredAt.getTime() <= current.dueAt.getTime();
    }
    if (changes.answeredAt === null) {
      columns.answer_s = null;
      columns.answered_in_time = null;
    }
    if (changes.informedAt) columns.inform_s = seconds(current.answeredAt ?? current.createdAt, changes.informedAt);
    if (changes.informedAt === null) columns.inform_s = null;
    if (changes.status === 'forwarded' || changes.status === 'closed') columns.ack_overdue_notified_at = null;
  }
}

/** The ticket changed between the read and the write of one transaction (PostgreSQL re-checks the version after its lock). */
export class VersionConflict extends Error {
  constructor(readonly number: string) {
    super(`ticket ${number} changed meanwhile`);
    this.name = 'VersionConflict';
  }
}

/** A retried system write found its events already stored: the first try committed, nothing more to do. */
export class DuplicateWrite extends Error {
  constructor() {
    super('this write is already stored');
    this.name = 'DuplicateWrite';
  }
}

export function lifecycleTicket(ticket: TicketView): LifecycleTicket {
  return {
    number: ticket.number,
    status: ticket.status,
    source: ticket.source,
    departmentCode: ticket.departmentCode,
    ownerUserId: ticket.ownerUserId,
    createdAt: ticket.createdAt,
    forwardedAt: ticket.forwardedAt,
    acceptedAt: ticket.acceptedAt,
    answeredAt: ticket.answeredAt,
    dueAt: ticket.dueAt,
    contactAttempts: ticket.contactAttempts,
    firstAttemptAt: ticket.firstAttemptAt,
    reopenCount: ticket.reopenCount,
  };
}
