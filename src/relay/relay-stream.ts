import type { Knex } from 'knex';
import type { Logger } from '../logging/logger.js';
import { maskPhone } from '../logging/redact.js';
import type { JsonValue } from '../realtime/protocol.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import { isRelayStatus, readRelayList, readRelayTicket, type AbandonedCaller, type AbandonedCallersSource, type RelayTicket } from '../requests/read/relay-list.js';
import type { RequestChange } from '../requests/request-service.js';
import type { QueueChange } from '../queues/queue-monitor.js';

export const RELAY_STREAM = 'relay';

/**
 * What the `relay` stream carries of an item. Every agent's socket gets it without a KVKK record, so it holds
 * no personal data: the number masked, no name. The full number is in GET /api/relay and the ticket (both logged).
 */
export function relayTicketEntry(item: RelayTicket): JsonValue {
  return {
    kind: 'ticket',
    number: item.number,
    status: item.status,
    departmentCode: item.departmentCode,
    categoryCode: item.categoryCode,
    source: item.source,
    text: item.text,
    since: item.since.toISOString(),
    contactAttempts: item.contactAttempts,
    callBackAt: item.callBackAt?.toISOString() ?? null,
    caller: item.callerNumber === null ? null : maskPhone(item.callerNumber),
    smsPossible: item.smsPossible,
    smsOptOut: item.smsOptOut,
    version: item.version,
  };
}

export function abandonedEntry(caller: AbandonedCaller): JsonValue {
  return {
    kind: 'abandoned',
    callId: caller.callId,
    caller: maskPhone(caller.callerNumber),
    day: caller.day,
    firstAbandonedAt: caller.firstAbandonedAt,
    lastAbandonedAt: caller.lastAbandonedAt,
    calls: caller.abandonedCalls,
    queue: caller.queue,
    ticketNumber: caller.ticketNumber,
  };
}

export const ticketKey = (number: string): string => `ticket:${number}`;
export const abandonedKey = (callId: string): string => `abandoned:${callId}`;

export interface RelayStreamOptions {
  hub: StreamHub;
  db: Knex;
  abandoned?: AbandonedCallersSource;
  logger: Logger;
  /** How often the whole list is read again: the abandoned callers change without a ticket action. */
  refreshMs?: number;
  now?: () => Date;
}

/**
 * Keeps the `relay` stream current: a ticket's item is patched after each committed change into, within or out of
 * RELAY_STATUSES; the whole list (abandoned callers included) is read again every refreshMs. All reads run one
 * after another, so an older read never lands after a newer one.
 */
export class RelayStream {
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private soon: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly options: RelayStreamOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.logger.child({ component: 'relay-stream' });
  }

  start(): void {
    this.options.hub.onOpen('relay', () => void this.refresh());
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? 10_000);
    this.timer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    return this.chain;
  }

  /** RequestService.onChange listener. */
  readonly onChange = (change: RequestChange): void => {
    const touches = isRelayStatus(change.after.status) || (change.before !== null && isRelayStatus(change.before.status));
    if (touches) void this.patchTicket(change.after.number);
    // A callback to a caller who hung up is noted on their (abandoned) ticket: the abandoned part may have changed.
    else if (change.after.status === 'abandoned' || change.before?.status === 'abandoned') this.refreshSoon();
  };

  /** QueueMonitor.onChange listener: a caller gave up (joins the list) or a number got through (leaves it). */
  readonly onQueueChange = (change: QueueChange): void => {
    if (change.kind === 'event' && (change.event.kind === 'callerAbandon' || change.event.kind === 'agentConnect')) this.refreshSoon();
  };

  /** One whole read a moment later: the call's outcome is written after the queue event, and bursts fold into one read. */
  refreshSoon(delayMs = 500): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.refresh();
    }, delayMs);
    this.soon.unref();
  }

  /** Reads one ticket again and patches (or removes) its item. */
  patchTicket(number: string): Promise<void> {
    return this.enqueue(async () => {
      const item = await readRelayTicket(this.options.db, number);
      if (item) this.options.hub.patch(RELAY_STREAM, { [ticketKey(number)]: relayTicketEntry(item) });
      else this.options.hub.patch(RELAY_STREAM, {}, [ticketKey(number)]);
    });
  }

  /** The whole list again (ticket items and abandoned callers). */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const list = await readRelayList(this.options.db, { now: this.now(), ...(this.options.abandoned ? { abandoned: this.options.abandoned } : {}) });
      const entries: Record<string, JsonValue> = {};
      for (const item of [...list.tickets, ...list.later]) entries[ticketKey(item.number)] = relayTicketEntry(item);
      for (const caller of list.abandoned) entries[abandonedKey(caller.callId)] = abandonedEntry(caller);
      this.options.hub.replace(RELAY_STREAM, entries);
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => {
      // The next refresh repairs the stream.
      this.log.warn('relay stream not updated', { error: (error as Error).message });
    });
    return this.chain;
  }
}
