import type { Logger } from '../logging/logger.js';
import type { AgentPresence, DeskUser } from './agent-presence.js';
import type { DeskState } from './desk-protocol.js';

export interface DeskNotifierOptions {
  presence: Pick<AgentPresence, 'state'>;
  send: (userId: number, state: DeskState) => void;
  logger: Logger;
  /** Re-evaluates the desks this often without events (wrap-up ends by the clock). */
  tickMs?: number;
}

interface Watched {
  user: DeskUser;
  sockets: number;
  last: string;
}

/**
 * Sends `desk:state` to each connected desk when its state changed: after a desk action, after queue
 * events (coalesced), and once a second for what the clock changes. Unchanged states are not resent.
 */
export class DeskNotifier {
  private readonly watched = new Map<number, Watched>();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DeskNotifierOptions) {}

  start(): void {
    this.timer = setInterval(() => this.publishAll(), this.options.tickMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A desk socket of `user` connected: it gets the state at once (also when unchanged for others). */
  attach(user: DeskUser): DeskState {
    const entry = this.watched.get(user.id) ?? { user, sockets: 0, last: '' };
    entry.user = user;
    entry.sockets += 1;
    this.watched.set(user.id, entry);
    const state = this.options.presence.state(user);
    entry.last = JSON.stringify(state);
    return state;
  }

  detach(userId: number): void {
    const entry = this.watched.get(userId);
    if (!entry) return;
    entry.sockets -= 1;
    if (entry.sockets <= 0) this.watched.delete(userId);
  }

  /** Something changed for one user (a desk action) or for anyone (a queue event). */
  changed(userId?: number): void {
    if (userId !== undefined) {
      this.publish(userId);
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.publishAll());
  }

  private publishAll(): void {
    this.scheduled = false;
    for (const userId of this.watched.keys()) this.publish(userId);
  }

  private publish(userId: number): void {
    const entry = this.watched.get(userId);
    if (!entry) return;
    try {
      const state = this.options.presence.state(entry.user);
      const json = JSON.stringify(state);
      if (json === entry.last) return;
      entry.last = json;
      this.options.send(userId, state);
    } catch (error) {
      this.options.logger.error('desk state not sent', { userId, error: (error as Error).message });
    }
  }
}
