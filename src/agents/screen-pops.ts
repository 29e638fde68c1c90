import type { AccessLog } from '../audit/access-log.js';
import type { IvrDefinition } from '../ivr/types.js';
import type { Logger } from '../logging/logger.js';
import type { QueueEvent } from '../queues/queue-events.js';
import type { CallView, TicketView } from '../requests/ticket-store-type.js';
import type { PopTicketSummary, ScreenPop } from './desk-protocol.js';
import { ivrChoices } from './ivr-choices.js';
import { QueueJoinTimes } from './queue-wait.js';

/** Where a pop's parts come from (the stores; fakes in tests). */
export interface PopSources {
  userIdByInterface(agentInterface: string): Promise<number | undefined>;
  callByChannel(uniqueid: string): Promise<CallView | undefined>;
  ticket(number: string): Promise<TicketView | undefined>;
  /** The caller's earlier tickets, newest first, without `excludeNumber`. */
  history(phone: string, excludeNumber: string | null): Promise<PopTicketSummary[]>;
  /** Makes the agent who took the call the ticket's owner (only when it has none). */
  assignOwner(ticketNumber: string, userId: number): Promise<void>;
}

/** A screen that was sent a pop: its user and the socket's address (for the KVKK access log). */
export interface PopViewer {
  userId: number;
  username: string;
  address: string | null;
}

export interface ScreenPopsOptions {
  sources: PopSources;
  /** The menu in use: an admin's new menu labels the choices of the pops after it. */
  ivr: () => IvrDefinition;
  /** Sends the pop to the agent's room. */
  deliver: (userId: number, pop: ScreenPop) => void;
  /** Every pop shown is recorded here (the caller's number and earlier tickets are personal data)... */
  accessLog?: AccessLog;
  /** ...once for each screen of the agent's room that `deliver` reached. */
  viewersOf?: (userId: number) => readonly PopViewer[];
  logger: Logger;
}

type Connect = Extract<QueueEvent, { kind: 'agentConnect' }>;

const summary = (ticket: TicketView): PopTicketSummary => ({
  number: ticket.number,
  status: ticket.status,
  categoryCode: ticket.categoryCode,
  departmentCode: ticket.departmentCode,
  description: ticket.description,
  createdAt: ticket.createdAt.toISOString(),
  updatedAt: ticket.updatedAt.toISOString(),
});

/**
 * On AgentConnect the agent's desk gets the call, its ticket, the IVR path and the caller's earlier
 * tickets. The lookups run in parallel; the pop is kept until AgentComplete/AgentDump so a desk that
 * (re)connects mid-call gets it again. Only the connected agent's room receives it.
 */
export class ScreenPops {
  private readonly current = new Map<number, ScreenPop>();
  private readonly counters = { delivered: 0, noUser: 0, failed: 0 };
  /** Per call (uniqueid): the viewers (`userId address`) already recorded in the access log. */
  private readonly shown = new Map<string, Set<string>>();
  /** When each waiting caller joined their queue: the pop says how long they waited. */
  private readonly joins = new QueueJoinTimes();

  constructor(private readonly options: ScreenPopsOptions) {}

  get stats(): Readonly<typeof this.counters> {
    return { ...this.counters };
  }

  /** The call on this agent's desk right now, if any. */
  currentFor(userId: number): ScreenPop | undefined {
    return this.current.get(userId);
  }

  /** The pop on `userId`'s desk, recorded as shown to `viewer` (the agent's own desk, or a supervisor's list). */
  showTo(userId: number, viewer: PopViewer): ScreenPop | undefined {
    const pop = this.current.get(userId);
    if (pop) this.recordShown(pop, viewer);
    return pop;
  }

  /**
   * Records that `viewer` was shown `pop`: call it wherever a pop leaves alo153 other than through `deliver`.
   * Once per viewer, address and call: a desk reconnecting or the supervisors' list polling every two
   * seconds shows nothing new, and a row each time would bury the log.
   */
  recordShown(pop: ScreenPop, viewer: PopViewer): void {
    const key = `${viewer.userId} ${viewer.address ?? ''}`;
    let viewers = this.shown.get(pop.uniqueid);
    if (viewers?.has(key)) return;
    if (!viewers) {
      // Calls whose AgentComplete never came (AMI was down) must not grow this without bound.
      if (this.shown.size >= 10_000) this.shown.clear();
      viewers = new Set();
      this.shown.set(pop.uniqueid, viewers);
    }
    viewers.add(key);
    this.options.accessLog?.record({
      kind: 'screen-pop',
      user: { userId: viewer.userId, username: viewer.username },
      tickets: [...(pop.ticket ? [pop.ticket.number] : []), ...pop.history.map((earlier) => earlier.number)],
      address: viewer.address,
      detail: { callId: pop.callId, uniqueid: pop.uniqueid, queue: pop.queue },
    });
  }

  /** Feed of live queue events (never the start-up replay). */
  handle(event: QueueEvent): void {
    this.joins.handle(event);
    if (event.kind === 'agentConnect') {
      // Read now, synchronously: the join is forgotten with this answer.
      const waitS = this.joins.answered(event);
      this.pop(event, waitS).catch((error: unknown) => {
        this.counters.failed += 1;
        this.options.logger.error('screen pop failed', { uniqueid: event.uniqueid, agent: event.member.interface, error: (error as Error).message });
      });
    } else if (event.kind === 'agentComplete' || event.kind === 'agentDump') {
      for (const [userId, pop] of this.current) if (pop.uniqueid === event.uniqueid) this.current.delete(userId);
      this.shown.delete(event.uniqueid);
    }
  }

  private async pop(event: Connect, waitS: number): Promise<void> {
    const { sources } = this.options;
    const agentInterface = event.member.interface;
    const [userId, call] = await Promise.all([sources.userIdByInterface(agentInterface), sources.callByChannel(event.uniqueid)]);
    if (userId === undefined) {
      this.counters.noUser += 1;
      this.options.logger.warn('screen pop for an interface no user has', { agent: agentInterface, queue: event.queue });
      return;
    }
    const ticketNumber = call?.ticketNumber ?? event.ticket ?? null;
    const phone = call?.callerNumber ?? null;
    const [ticket, history] = await Promise.all([
      ticketNumber ? sources.ticket(ticketNumber) : Promise.resolve(undefined),
      phone ? sources.history(phone, ticketNumber) : Promise.resolve([]),
    ]);
    const pop: ScreenPop = {
      uniqueid: event.uniqueid,
      callId: call?.id ?? event.callId ?? null,
      queue: event.queue,
      agentInterface,
      connectedAt: new Date(event.at).toISOString(),
      waitS,
      callerNumber: phone,
      callerName: call?.callerName ?? null,
      ivrChoices: call ? ivrChoices(this.options.ivr(), call.ivrPath) : [],
      ivrPath: call?.ivrPath ?? [],
      ticket: ticket ? { ...summary(ticket), version: ticket.version } : null,
      history,
    };
    this.current.set(userId, pop);
    this.counters.delivered += 1;
    this.options.deliver(userId, pop);
    for (const viewer of this.options.viewersOf?.(userId) ?? []) this.recordShown(pop, viewer);
    if (ticket) {
      await sources.assignOwner(ticket.number, userId).catch((error: unknown) =>
        this.options.logger.warn('ticket owner not set', { ticket: ticket.number, error: (error as Error).message }),
      );
    }
  }
}
