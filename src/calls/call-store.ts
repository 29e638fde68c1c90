import type { Knex } from 'knex';
import type { TicketSummary as PopTicketSummary } from '../requests/read/ticket-summary.js';
import { z } from 'zod';
import { isUniqueViolation } from '../storage/db-errors.js';
import { toDbTime } from '../storage/time.js';
import { CallNotFoundError, DuplicateCallIdError } from '../requests/errors.js';
import { shippedTicketWriter } from '../requests/create-requests.js';
import type { TicketWriter } from '../requests/ticket-writer.js';
import { writeSystemAction } from './system-actions.js';
import { writeCallEnd } from './call-end.js';
import { toCallView, toTicketCall, toTicketEventView, toTicketView } from '../requests/ticket-rows.js';
import { searchTickets, ticketHistory } from '../requests/read/ticket-search.js';
import {
  FALLBACK_CATEGORY,
  type CallEnd,
  type CallView,
  type HandOff,
  type HandOffReason,
  type IvrProgress,
  type OpenCallTicket,
  type OpenCallTicketResult,
  type TicketDetail,
  type TicketHistory,
  type TicketListQuery,
  type TicketStore,
  type TicketView,
} from '../requests/ticket-store-type.js';

const callIdsSchema = z.object({ id: z.string(), ticket_id: z.coerce.number().int().nullable(), number: z.string().nullable() });
const categorySchema = z.object({ code: z.string(), department_code: z.string() });

const HAND_OFF_ACTOR: Record<HandOffReason, 'ivr' | 'reconciler' | 'shutdown'> = {
  selected: 'ivr',
  'retries-exhausted': 'ivr',
  reconciled: 'reconciler',
  shutdown: 'shutdown',
};
const IVR = { kind: 'system', name: 'ivr' } as const;

export interface KnexTicketStoreOptions {
  now?: () => Date;
  /** The lifecycle's writer of tickets and their history; default: one on the shipped lifecycle config. */
  writer?: TicketWriter;
}

export class KnexTicketStore implements TicketStore, TicketHistory {
  private readonly now: () => Date;
  private readonly writer: TicketWriter;

  constructor(
    private readonly db: Knex,
    options: KnexTicketStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.writer = options.writer ?? shippedTicketWriter();
  }

  async openCallTicket(input: OpenCallTicket): Promise<OpenCallTicketResult> {
    // An existing call for the channel is found inside the transaction (one statement less per call).
    try {
      return await this.db.transaction((trx) => this.insertCallAndTicket(trx, input));
    } catch (error) {
      // Two writers raced for one channel (PostgreSQL): the loser's rollback also returned its number.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findCall(this.db, input.channelId);
      if (!winner) throw (await this.callIdTaken(input.callId)) ? new DuplicateCallIdError(input.callId, input.channelId) : error;
      return { callId: winner.id, ticketNumber: winner.number ?? '', created: false };
    }
  }

  private async insertCallAndTicket(trx: Knex.Transaction, input: OpenCallTicket): Promise<OpenCallTicketResult> {
    const existing = await this.findCall(trx, input.channelId);
    if (existing) return { callId: existing.id, ticketNumber: existing.number ?? '', created: false };
    const openedAtDate = input.answeredAt ?? input.startedAt;
    const openedAt = toDbTime(openedAtDate);
    const now = toDbTime(this.now());
    const ticket = await this.writer.insert(
      trx,
      { source: 'phone', createdAt: openedAtDate, callerNumber: input.callerNumber, callerName: input.callerName, openedData: { callId: input.callId, channelId: input.channelId } },
      IVR,
    );
    await trx('calls').insert({
      id: input.callId,
      channel_id: input.channelId,
      linkedid: input.linkedid ?? null,
      caller_number: input.callerNumber || null,
      caller_name: input.callerName || null,
      started_at: toDbTime(input.startedAt),
      answered_at: input.answeredAt ? openedAt : null,
      ivr_path: '[]',
      ticket_id: ticket.id,
      created_at: now,
      updated_at: now,
    });
    return { callId: input.callId, ticketNumber: ticket.number, created: true };
  }

  async recordIvrProgress(channelId: string, progress: IvrProgress): Promise<void> {
    const updated = await this.db('calls')
      .where({ channel_id: channelId })
      .update({ ivr_path: JSON.stringify(progress.path), last_step: progress.lastStep, updated_at: toDbTime(this.now()) });
    if (updated === 0) throw new CallNotFoundError(channelId);
  }

  async recordHandOff(channelId: string, handOff: HandOff): Promise<void> {
    await this.db.transaction(async (trx) => {
      const call = await this.findCall(trx, channelId);
      if (!call) throw new CallNotFoundError(channelId);
      const now = toDbTime(this.now());
      const at = toDbTime(handOff.at);
      if (call.ticket_id !== null) {
        const category = await this.findCategory(trx, handOff.categoryCode);
        const data = {
          queue: handOff.queue,
          categoryCode: category.code,
          ...(category.code === handOff.categoryCode ? {} : { requestedCategoryCode: handOff.categoryCode }),
          reason: handOff.reason,
        };
        const written = await writeSystemAction(
          this.writer,
          trx,
          { id: call.ticket_id },
          { name: 'route', categoryCode: category.code, departmentCode: category.department_code, data },
          { kind: 'system', name: HAND_OFF_ACTOR[handOff.reason] },
          handOff.at,
          `handed-off:${handOff.queue}:${at}`,
        );
        if (written === 'duplicate') return;
      }
      await trx('calls')
        .where({ id: call.id })
        .update({
          queue: handOff.queue,
          queued_at: at,
          updated_at: now,
          ...(handOff.progress ? { ivr_path: JSON.stringify(handOff.progress.path), last_step: handOff.progress.lastStep } : {}),
        });
    });
  }

  async recordCallEnd(channelId: string, end: CallEnd): Promise<void> {
    await this.db.transaction(async (trx) => {
      const call = await this.findCall(trx, channelId);
      if (!call) throw new CallNotFoundError(channelId);
      await writeCallEnd(trx, this.writer, call, end, toDbTime(this.now()));
    });
  }

  async getCall(callId: string): Promise<CallView | undefined> {
    const row: unknown = await this.callQuery().where('calls.id', callId).first();
    return row ? toCallView(row) : undefined;
  }

  async getCallByChannel(channelId: string): Promise<CallView | undefined> {
    const row: unknown = await this.callQuery().where('calls.channel_id', channelId).first();
    return row ? toCallView(row) : undefined;
  }

  /** The ticket without its history (one query; the screen pop needs no more). */
  async findTicket(number: string): Promise<TicketView | undefined> {
    const row: unknown = await this.db('tickets').where({ number }).first();
    return row ? toTicketView(row) : undefined;
  }

  async getTicket(number: string): Promise<TicketDetail | undefined> {
    const ticket = await this.findTicket(number);
    if (!ticket) return undefined;
    const events: unknown[] = await this.db('ticket_events')
      .where({ ticket_id: ticket.id })
      .orderBy('id', 'asc')
      .select('id', 'at', 'actor', 'kind', 'data');
    const callRows: unknown[] = await this.callQuery()
      .where('calls.ticket_id', ticket.id)
      .orderBy([
        { column: 'calls.started_at', order: 'asc' },
        { column: 'calls.id', order: 'asc' },
      ]);
    const calls = callRows.map((row) => toTicketCall(toCallView(row)));
    return { ...ticket, callIds: calls.map((call) => call.id), calls, events: events.map(toTicketEventView) };
  }

  async listTickets(query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
    return searchTickets(this.db, query);
  }

  async history(phone: string, excludeNumber: string | null, limit = 10): Promise<PopTicketSummary[]> {
    return ticketHistory(this.db, phone, excludeNumber, limit);
  }

  async openCallsWithoutEnd(): Promise<CallView[]> {
    const rows: unknown[] = await this.callQuery().whereNull('calls.left_ivr_at').orderBy([
      { column: 'calls.started_at', order: 'asc' },
      { column: 'calls.id', order: 'asc' },
    ]);
    return rows.map(toCallView);
  }

  private callQuery(): Knex.QueryBuilder {
    return this.db('calls').leftJoin('tickets', 'tickets.id', 'calls.ticket_id').select('calls.*', 'tickets.number as ticket_number');
  }

  private async findCall(db: Knex | Knex.Transaction, channelId: string): Promise<z.infer<typeof callIdsSchema> | undefined> {
    const row: unknown = await db('calls')
      .leftJoin('tickets', 'tickets.id', 'calls.ticket_id')
      .where('calls.channel_id', channelId)
      .first('calls.id', 'calls.ticket_id', 'tickets.number');
    return row ? callIdsSchema.parse(row) : undefined;
  }

  private async callIdTaken(callId: string): Promise<boolean> {
    const row: unknown = await this.db('calls').where({ id: callId }).first('id');
    return row !== undefined;
  }

  private async findCategory(trx: Knex.Transaction, code: string): Promise<z.infer<typeof categorySchema>> {
    const row: unknown =
      (await trx('categories').where({ code }).first('code', 'department_code')) ??
      (await trx('categories').where({ code: FALLBACK_CATEGORY }).first('code', 'department_code'));
    if (!row) throw new Error(`category ${code} and the fallback ${FALLBACK_CATEGORY} are both missing; were migrations run?`);
    return categorySchema.parse(row);
  }
}
