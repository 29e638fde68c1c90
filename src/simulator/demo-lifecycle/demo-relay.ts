import type { Knex } from 'knex';
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { CallbackAttemptStore } from '../../relay/callback/callback-ports.js';
import type { CallbackService } from '../../relay/callback/callback-service.js';
import { dialledNumber } from '../../relay/callback/dialled-number.js';
import type { RequestActor, RequestAction } from '../../requests/lifecycle.js';
import type { RequestService } from '../../requests/request-service.js';
import { toDbTime } from '../../storage/time.js';

export interface DemoRelayDeps {
  db: Knex;
  requests: RequestService;
  callbacks: CallbackService;
  attempts: CallbackAttemptStore;
  logger: Logger;
  /** The demo's call-back desk: a user with a simulated phone that is in no queue. */
  agent: { userId: number; username: string; phoneInterface: string };
  /** Wall-clock ms before the same citizen is tried again after a failed try. */
  retryAfterMs: number;
  now?: () => Date;
}

const itemSchema = z.object({ number: z.string(), status: z.enum(['answered', 'needs_info']), caller_number: z.string().nullable(), version: z.coerce.number() });

/**
 * The demo's call-back desk: takes the oldest answered (or questioned) ticket from the relay list, calls the
 * citizen back over ARI exactly as an agent pressing "Ara" does, and records the outcome through the lifecycle:
 * told → informed (or the citizen's reply to a question); busy or no answer → a failed try, retried later.
 */
export class DemoRelay {
  private timer: NodeJS.Timeout | undefined;
  private current: { attemptId: string; ticket: z.infer<typeof itemSchema> } | undefined;
  private readonly lastTry = new Map<string, number>();
  private readonly now: () => Date;

  constructor(private readonly deps: DemoRelayDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(everyMs = 2000): void {
    this.timer = setInterval(() => void this.tick().catch((error: unknown) => this.deps.logger.warn('demo relay round failed', { error: (error as Error).message })), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async tick(): Promise<void> {
    if (this.current) {
      await this.follow(this.current);
      return;
    }
    const now = this.now().getTime();
    const rows: unknown[] = await this.deps.db('tickets')
      .whereIn('status', ['answered', 'needs_info'])
      .where((due) => due.whereNull('call_back_at').orWhere('call_back_at', '<=', toDbTime(this.now())))
      .orderBy([{ column: 'answered_at', order: 'asc' }, { column: 'id', order: 'asc' }])
      .limit(20)
      .select('number', 'status', 'caller_number', 'version');
    const next = rows.map((row) => itemSchema.parse(row)).find((item) => now - (this.lastTry.get(item.number) ?? 0) >= this.deps.retryAfterMs);
    if (!next) return;
    this.lastTry.set(next.number, now);
    const citizenNumber = next.caller_number ? dialledNumber(next.caller_number) : undefined;
    if (!citizenNumber) {
      await this.record(next, { name: 'attempt', outcome: 'not-reachable', text: 'Numara aranabilir değil.', callBackAt: null });
      return;
    }
    const { attemptId } = await this.deps.callbacks.start({
      ticketNumber: next.number,
      callId: null,
      citizenNumber,
      agent: { userId: this.deps.agent.userId, phoneInterface: this.deps.agent.phoneInterface },
    });
    this.current = { attemptId, ticket: next };
  }

  private async follow(current: { attemptId: string; ticket: z.infer<typeof itemSchema> }): Promise<void> {
    const attempt = await this.deps.attempts.get(current.attemptId);
    if (!attempt || attempt.endedAt === null) return;
    this.current = undefined;
    if (attempt.outcome === 'answered') {
      const action: RequestAction =
        current.ticket.status === 'answered'
          ? { name: 'inform', text: 'Vatandaş arandı, cevap iletildi.', channel: 'phone' }
          : { name: 'reply', text: 'Vatandaş arandı: adres okulun arka sokağı.' };
      await this.record(current.ticket, action);
      return;
    }
    await this.record(current.ticket, { name: 'attempt', outcome: 'not-reachable', text: `Geri arama: ${attempt.outcome ?? 'failed'}`, callBackAt: null });
  }

  private async record(ticket: z.infer<typeof itemSchema>, action: RequestAction): Promise<void> {
    const actor: RequestActor = { kind: 'user', userId: this.deps.agent.userId, username: this.deps.agent.username, role: 'agent', department: null };
    try {
      await this.deps.requests.act(ticket.number, action, actor);
    } catch (error) {
      this.deps.logger.debug('demo relay left a ticket', { ticket: ticket.number, error: (error as Error).message });
    }
  }
}
