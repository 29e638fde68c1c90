import type { Knex } from 'knex';
import type { TicketSummary as PopTicketSummary } from '../requests/read/ticket-summary.js';
import { isUniqueViolation } from '../storage/db-errors.js';
import { DuplicateCallIdError } from '../requests/errors.js';
import { shippedTicketWriter } from '../requests/create-requests.js';
import type { TicketWriter } from '../requests/ticket-writer.js';
import type { CallWrite } from './call-writes/call-write-batch.js';
import { findCalls } from './call-writes/call-lookup.js';
import { createCallWrites } from './call-writes/call-writes.js';
import type { GroupCommit } from './call-writes/group-commit.js';
import { toCallView, toTicketCall, toTicketEventView, toTicketView } from '../requests/ticket-rows.js';
import { searchTickets, ticketHistory } from '../requests/read/ticket-search.js';
import {
  type CallEnd,
  type CallView,
  type HandOff,
  type IvrProgress,
  type OpenCallTicket,
  type OpenCallTicketResult,
  type TicketDetail,
  type TicketHistory,
  type TicketListQuery,
  type TicketStore,
  type TicketView,
} from '../requests/ticket-store-type.js';

export interface KnexTicketStoreOptions {
  now?: () => Date;
  /** The lifecycle's writer of tickets and their history; default: one on the shipped lifecycle config. */
  writer?: TicketWriter;
}

/**
 * The call path's store: its writes go through one group commit (several calls' writes per transaction, see
 * call-writes/group-commit.ts), which the queue outcome recorder shares (`writes`); reads go straight to knex.
 */
export class KnexTicketStore implements TicketStore, TicketHistory {
  /** The group commit of the call path's writes (the queue outcome recorder joins it). */
  readonly writes: GroupCommit<CallWrite>;

  constructor(
    private readonly db: Knex,
    options: KnexTicketStoreOptions = {},
  ) {
    this.writes = createCallWrites(db, options.writer ?? shippedTicketWriter(), options.now);
  }

  async openCallTicket(input: OpenCallTicket): Promise<OpenCallTicketResult> {
    try {
      return await this.writes.submit<OpenCallTicketResult>({ kind: 'open', input });
    } catch (error) {
      // Two writers raced for one channel (PostgreSQL): the loser's rollback also returned its number.
      if (!isUniqueViolation(error)) throw error;
      const winner = (await findCalls(this.db, [input.channelId])).get(input.channelId);
      if (!winner) throw (await this.callIdTaken(input.callId)) ? new DuplicateCallIdError(input.callId, input.channelId) : error;
      return { callId: winner.id, ticketNumber: winner.ticketNumber ?? '', created: false };
    }
  }

  async recordIvrProgress(channelId: string, progress: IvrProgress): Promise<void> {
    await this.writes.submit({ kind: 'progress', channelId, progress });
  }

  async recordHandOff(channelId: string, handOff: HandOff): Promise<void> {
    await this.writes.submit({ kind: 'handOff', channelId, handOff });
  }

  async recordCallEnd(channelId: string, end: CallEnd): Promise<void> {
    await this.writes.submit({ kind: 'end', channelId, end });
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

  private async callIdTaken(callId: string): Promise<boolean> {
    const row: unknown = await this.db('calls').where({ id: callId }).first('id');
    return row !== undefined;
  }
}
