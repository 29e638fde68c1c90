import { CATEGORIES } from '../../migrations/20261128_0002_catalogue.js';
import type { PopTicketSummary } from '../../src/agents/desk-protocol.js';
import { CallNotFoundError, DuplicateCallIdError } from '../../src/requests/errors.js';
import { callerNumberVariants } from '../../src/requests/phone-numbers.js';
import { formatTicketNumber, istanbulYear } from '../../src/requests/ticket-numbers.js';
import { toTicketCall } from '../../src/requests/ticket-rows.js';
import {
  FALLBACK_CATEGORY,
  IVR_ACTOR,
  NO_CHANNEL_DATA,
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
} from '../../src/requests/ticket-store-type.js';

type WriteMethod = 'openCallTicket' | 'recordIvrProgress' | 'recordHandOff' | 'recordCallEnd';

/** `before`: the write fails and changes nothing. `after-commit`: the write lands, then the caller gets an error (a lost reply). */
export type InjectedFailure = 'before' | 'after-commit';

interface StoredTicket {
  view: TicketView;
  events: TicketDetail['events'];
  dedupeKeys: Set<string>;
}

const clone = <T>(value: T): T => structuredClone(value);

/** The knex search's rules, in memory (case folding as JavaScript does it, which SQLite does only for ASCII). */
function matchesQuery(ticket: TicketView, query: TicketListQuery): boolean {
  const text = query.q?.toLowerCase();
  return (
    (!query.status || ticket.status === query.status) &&
    (query.department === undefined || ticket.departmentCode === query.department) &&
    (query.owner === undefined || ticket.ownerUserId === query.owner) &&
    (!query.number || ticket.number === query.number || (query.number.length < 15 && ticket.number.startsWith(query.number))) &&
    (query.phone === undefined || (ticket.callerNumber !== null && callerNumberVariants(query.phone).includes(ticket.callerNumber))) &&
    (!text || [ticket.callerName, ticket.description, ticket.address, ticket.neighbourhood].some((value) => value?.toLowerCase().includes(text)))
  );
}

/** In-memory TicketStore with the knex store's behaviour, plus failure injection for service tests. */
export class FakeTicketStore implements TicketStore, TicketHistory {
  /** Writes that landed, in order: what a test checks for ordering and "exactly once". */
  readonly appliedWrites: { method: WriteMethod; channelId: string }[] = [];
  private readonly calls = new Map<string, CallView>();
  private readonly tickets = new Map<string, StoredTicket>();
  private readonly counters = new Map<number, number>();
  private readonly departmentOf = new Map(CATEGORIES.map((category) => [category.code, category.department_code]));
  private failures: InjectedFailure[] = [];
  private nextTicketId = 1;
  private nextEventId = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The next `count` writes fail (reads are unaffected). */
  failNextWrites(count: number, mode: InjectedFailure = 'before'): void {
    this.failures.push(...Array.from({ length: count }, () => mode));
  }

  clearInjectedFailures(): void {
    this.failures = [];
  }

  async openCallTicket(input: OpenCallTicket): Promise<OpenCallTicketResult> {
    return this.write('openCallTicket', input.channelId, () => {
      const existing = this.calls.get(input.channelId);
      if (existing) return { callId: existing.id, ticketNumber: existing.ticketNumber ?? '', created: false };
      if ([...this.calls.values()].some((call) => call.id === input.callId)) throw new DuplicateCallIdError(input.callId, input.channelId);
      const openedAt = input.answeredAt ?? input.startedAt;
      const year = istanbulYear(openedAt);
      const seq = (this.counters.get(year) ?? 0) + 1;
      this.counters.set(year, seq);
      const number = formatTicketNumber(year, seq);
      const now = this.now();
      const view: TicketView = {
        id: this.nextTicketId++, number, year, seq, source: 'phone',
        callerNumber: input.callerNumber || null, callerName: input.callerName || null,
        categoryCode: null, departmentCode: null, district: null, neighbourhood: null, address: null, description: null,
        status: 'open', priority: 'normal', dueAt: null,
        ownerUserId: null, resolution: null, resolvedAt: null, forwardedAt: null, updatedBy: null,
        createdAt: openedAt, updatedAt: openedAt, version: 1,
        answer: null, question: null, closeReason: null, acceptedAt: null, answeredAt: null, informedAt: null, closedAt: null,
        ackDueAt: null, dueSoonAt: null, contactAttempts: 0, firstAttemptAt: null, callBackAt: null, reopenCount: 0, smsOptOut: false,
        ...NO_CHANNEL_DATA,
      };
      this.tickets.set(number, { view, events: [], dedupeKeys: new Set() });
      this.calls.set(input.channelId, {
        id: input.callId, channelId: input.channelId, linkedid: input.linkedid ?? null,
        callerNumber: input.callerNumber || null, callerName: input.callerName || null,
        startedAt: input.startedAt, answeredAt: input.answeredAt, queuedAt: null, leftIvrAt: null, agentConnectedAt: null, endedAt: null,
        ivrPath: [], lastStep: null, queue: null, agent: null, agentName: null, waitS: null, talkS: null, outcome: null,
        ticketNumber: number, createdAt: now, updatedAt: now,
      });
      this.appendEvent(number, 'opened', openedAt, IVR_ACTOR, 'opened', { source: 'phone', callId: input.callId, channelId: input.channelId });
      return { callId: input.callId, ticketNumber: number, created: true };
    });
  }

  async recordIvrProgress(channelId: string, progress: IvrProgress): Promise<void> {
    await this.write('recordIvrProgress', channelId, () => {
      const call = this.requireCall(channelId);
      Object.assign(call, { ivrPath: clone(progress.path), lastStep: progress.lastStep, updatedAt: this.now() });
    });
  }

  async recordHandOff(channelId: string, handOff: HandOff): Promise<void> {
    await this.write('recordHandOff', channelId, () => {
      const call = this.requireCall(channelId);
      const ticket = call.ticketNumber ? this.tickets.get(call.ticketNumber) : undefined;
      const at = handOff.at.toISOString();
      if (ticket) {
        const categoryCode = this.departmentOf.has(handOff.categoryCode) ? handOff.categoryCode : FALLBACK_CATEGORY;
        const actor = handOff.reason === 'reconciled' ? 'system:reconciler' : handOff.reason === 'shutdown' ? 'system:shutdown' : IVR_ACTOR;
        const data = {
          queue: handOff.queue, categoryCode,
          ...(categoryCode === handOff.categoryCode ? {} : { requestedCategoryCode: handOff.categoryCode }),
          reason: handOff.reason,
          version: ticket.view.version + 1,
        };
        if (!this.appendEvent(ticket.view.number, `handed-off:${handOff.queue}:${at}`, handOff.at, actor, 'handed-off', data)) return;
        Object.assign(ticket.view, {
          categoryCode, departmentCode: this.departmentOf.get(categoryCode) ?? null, updatedAt: this.now(), version: ticket.view.version + 1,
        });
      }
      Object.assign(call, { queue: handOff.queue, queuedAt: handOff.at, updatedAt: this.now() });
      if (handOff.progress) Object.assign(call, { ivrPath: clone(handOff.progress.path), lastStep: handOff.progress.lastStep });
    });
  }

  async recordCallEnd(channelId: string, end: CallEnd): Promise<void> {
    await this.write('recordCallEnd', channelId, () => {
      const call = this.requireCall(channelId);
      if (call.leftIvrAt) return;
      Object.assign(call, { leftIvrAt: end.endedAt, outcome: call.outcome ?? end.outcome, lastStep: end.lastStep, updatedAt: this.now() });
      if (end.outcome !== 'handed-to-queue') call.endedAt ??= end.endedAt;
      if (end.path) call.ivrPath = clone(end.path);
      const ticket = call.ticketNumber ? this.tickets.get(call.ticketNumber) : undefined;
      if (!ticket) return;
      this.appendEvent(ticket.view.number, 'call-ended', end.endedAt, IVR_ACTOR, 'call-ended', { outcome: end.outcome, lastStep: end.lastStep });
      if (end.outcome !== 'abandoned-in-ivr' || ticket.view.status !== 'open') return;
      Object.assign(ticket.view, { status: 'abandoned', updatedAt: this.now(), version: ticket.view.version + 1 });
      const data = { from: 'open', to: 'abandoned', lastStep: end.lastStep };
      this.appendEvent(ticket.view.number, 'status:abandoned-in-ivr', end.endedAt, IVR_ACTOR, 'status-changed', data);
    });
  }

  async getCall(callId: string): Promise<CallView | undefined> {
    await Promise.resolve();
    const call = [...this.calls.values()].find((candidate) => candidate.id === callId);
    return call && clone(call);
  }

  async getCallByChannel(channelId: string): Promise<CallView | undefined> {
    await Promise.resolve();
    const call = this.calls.get(channelId);
    return call && clone(call);
  }

  async getTicket(number: string): Promise<TicketDetail | undefined> {
    await Promise.resolve();
    const ticket = this.tickets.get(number);
    if (!ticket) return undefined;
    const calls = [...this.calls.values()]
      .filter((call) => call.ticketNumber === number)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id))
      .map(toTicketCall);
    return clone({ ...ticket.view, callIds: calls.map((call) => call.id), calls, events: ticket.events });
  }

  async listTickets(query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
    await Promise.resolve();
    const matching = this.newestFirst().filter((ticket) => matchesQuery(ticket, query));
    return { items: clone(matching.slice(query.offset, query.offset + query.limit)), total: matching.length };
  }

  async history(phone: string, excludeNumber: string | null, limit = 10): Promise<PopTicketSummary[]> {
    await Promise.resolve();
    const variants = callerNumberVariants(phone);
    return this.newestFirst()
      .filter((ticket) => ticket.callerNumber !== null && variants.includes(ticket.callerNumber) && ticket.number !== excludeNumber)
      .slice(0, Math.max(0, limit))
      .map((ticket) => ({
        number: ticket.number, status: ticket.status, categoryCode: ticket.categoryCode, departmentCode: ticket.departmentCode,
        description: ticket.description, createdAt: ticket.createdAt.toISOString(), updatedAt: ticket.updatedAt.toISOString(),
      }));
  }

  private newestFirst(): TicketView[] {
    return [...this.tickets.values()].map((ticket) => ticket.view).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  }

  async openCallsWithoutEnd(): Promise<CallView[]> {
    await Promise.resolve();
    const open = [...this.calls.values()].filter((call) => call.leftIvrAt === null);
    return clone(open.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id)));
  }

  private async write<T>(method: WriteMethod, channelId: string, apply: () => T): Promise<T> {
    await Promise.resolve();
    const failure = this.failures.shift();
    if (failure === 'before') throw new Error(`injected ${method} failure`);
    const result = apply();
    this.appliedWrites.push({ method, channelId });
    if (failure === 'after-commit') throw new Error(`injected ${method} failure after commit`);
    return result;
  }

  private requireCall(channelId: string): CallView {
    const call = this.calls.get(channelId);
    if (!call) throw new CallNotFoundError(channelId);
    return call;
  }

  private appendEvent(number: string, dedupeKey: string, at: Date, actor: string, kind: string, data: Record<string, unknown>): boolean {
    const ticket = this.tickets.get(number);
    if (!ticket || ticket.dedupeKeys.has(dedupeKey)) return false;
    ticket.dedupeKeys.add(dedupeKey);
    ticket.events.push({ id: this.nextEventId++, at, actor, kind, data: clone(data) });
    return true;
  }
}
