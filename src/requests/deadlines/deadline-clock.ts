import type { Knex } from 'knex';
import type { Logger } from '../../logging/logger.js';
import { ActionRefusedError, TicketNotFoundError } from '../errors.js';
import type { RequestActor } from '../lifecycle.js';
import type { RequestService } from '../request-service.js';
import type { DeadlineMarkKind } from '../request-states.js';
import { dueTickets, type DueCursor } from './deadline-due.js';
import { DEADLINE_ORDER, deadlineNote, dedupeKeyFor, type DeadlineNotification } from './deadline-notes.js';
import { DEADLINE_CLOCK_LOCK, singleRun, type SingleRun } from './single-run.js';

/** Where notifications go (the realtime hub's escalations and inbox streams: deadline-hub-notifier.ts). */
export interface DeadlineNotifier {
  notify(notification: DeadlineNotification): void;
}

export interface DeadlineClockOptions {
  db: Knex;
  service: Pick<RequestService, 'act'>;
  notifier: DeadlineNotifier;
  logger: Logger;
  /** lifecycle.escalationCheckMs */
  intervalMs: number;
  now?: () => Date;
  /** Tickets read per query (LIMIT). */
  batchSize?: number;
  /** A backlog (the first run after a long stop) is told over several runs, so one run never holds the lock for long. */
  maxPerRun?: number;
  /** Default: the advisory lock on PostgreSQL, nothing on SQLite. */
  guard?: SingleRun;
}

export type RunCounts = Record<DeadlineMarkKind, number> & { skipped: number };

const ACTOR: RequestActor = { kind: 'system', name: 'deadline' };

const MARK_COLUMNS: Readonly<Record<DeadlineMarkKind, string>> = {
  'due-soon': 'due_soon_notified_at',
  overdue: 'overdue_notified_at',
  'ack-overdue': 'ack_overdue_notified_at',
};

/**
 * Every `intervalMs` tells supervisors and the department about tickets that passed their due-soon moment,
 * their deadline, or (forwarded, not accepted) the department's acknowledgement deadline. Each is written
 * through the request service as a history note that marks the ticket as told, with a dedupe key per deadline,
 * so a deadline is told once however often the clock runs or retries. One node runs it (single-run.ts).
 */
export class DeadlineClock {
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly guard: SingleRun;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: DeadlineClockOptions) {
    this.log = options.logger.child({ component: 'deadline-clock' });
    this.now = options.now ?? (() => new Date());
    this.guard = options.guard ?? singleRun(options.db, DEADLINE_CLOCK_LOCK);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops the timer and waits for a run under way (its writes finish before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One run; null when another node holds the lock. Runs never overlap in one process. */
  async runOnce(): Promise<RunCounts | null> {
    while (this.running) await this.running.catch(() => undefined);
    const run = this.guard(() => this.tell());
    this.running = run;
    try {
      const result = await run;
      return result.ran ? result.value : null;
    } finally {
      this.running = undefined;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .then((counts) => {
          if (counts && DEADLINE_ORDER.some((kind) => counts[kind] > 0)) this.log.info('deadlines told', counts);
        })
        .catch((error: unknown) => this.log.warn('deadline clock run failed; the next run retries', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async tell(): Promise<RunCounts> {
    const counts: RunCounts = { 'due-soon': 0, overdue: 0, 'ack-overdue': 0, skipped: 0 };
    const batchSize = this.options.batchSize ?? 100;
    let budget = this.options.maxPerRun ?? 2000;
    for (const kind of DEADLINE_ORDER) {
      const now = this.now();
      let cursor: DueCursor | null = null;
      while (budget > 0) {
        const batch = await dueTickets(this.options.db, kind, now, cursor, Math.min(batchSize, budget));
        for (const ticket of batch) {
          budget -= 1;
          cursor = { passedAt: ticket.passedAt, id: ticket.id };
          const state = await this.told(kind, ticket.id, dedupeKeyFor(kind, ticket.deadline));
          if (state === 'told') {
            counts.skipped += 1;
            continue;
          }
          const note = deadlineNote(kind, ticket, this.now(), state === 'key-taken');
          try {
            await this.options.service.act(ticket.number, note.action, ACTOR, { dedupeKey: note.dedupeKey });
          } catch (error) {
            // Changed since the query (answered, transferred, a new deadline): the next run sees it as it is now.
            if (!(error instanceof ActionRefusedError) && !(error instanceof TicketNotFoundError)) throw error;
            counts.skipped += 1;
            continue;
          }
          counts[kind] += 1;
          this.notify(note.notification);
        }
        if (batch.length < batchSize) break;
      }
    }
    return counts;
  }

  /**
   * Read again just before the write: 'told' when the mark is set by now (another node whose lock lapsed got
   * there first); 'key-taken' when this deadline's note is in the history but the mark was reset since (the
   * category went away and came back), so it is told again under a new key instead of failing as a duplicate.
   */
  private async told(kind: DeadlineMarkKind, ticketId: number, key: string): Promise<'told' | 'key-taken' | 'fresh'> {
    const column = MARK_COLUMNS[kind];
    const ticket = (await this.options.db('tickets').where({ id: ticketId }).first(column)) as Record<string, unknown> | undefined;
    if (!ticket || ticket[column] !== null) return 'told';
    const event: unknown = await this.options.db('ticket_events').where({ ticket_id: ticketId, dedupe_key: key }).first('id');
    return event === undefined ? 'fresh' : 'key-taken';
  }

  private notify(notification: DeadlineNotification): void {
    try {
      this.options.notifier.notify(notification);
    } catch (error) {
      // The note is stored and shows on the screens' next load; a failed push must not stop the run.
      this.log.error('deadline notification not pushed', { ticket: notification.ticket, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
