import type { UserSessionState } from '../auth/user-store.js';
import type { SessionEndReason } from './protocol.js';

export type { UserSessionState };

/** One live socket: whose it is and the token version it was opened with. */
export interface LiveSession {
  userId: number;
  tokenVersion: number;
  end(reason: SessionEndReason): void;
}

export interface SessionSweeperOptions {
  intervalMs: number;
  sessions: () => Iterable<LiveSession>;
  /** One query for all the given users. */
  lookup: (userIds: number[]) => Promise<UserSessionState[]>;
  /** The first failure of a streak, and the recovery (a database outage must not write a line every tick). */
  onLookupFailed: (error: Error) => void;
  onLookupRecovered: () => void;
}

/** Why a session opened with `tokenVersion` is over, or undefined while it still holds. */
export function endReason(tokenVersion: number, state: UserSessionState | undefined): SessionEndReason | undefined {
  if (!state) return 'revoked';
  if (!state.active) return 'deactivated';
  // token_version is bumped by a password change and by (re)activation; an active user's sockets only see the first.
  if (state.tokenVersion !== tokenVersion) return 'password-changed';
  return undefined;
}

/**
 * Deactivations and password changes are made by the user CLI, another process, so no event reaches
 * this one: every `intervalMs` the users behind live sockets are read in one query and the sockets
 * whose token no longer holds are ended. A tick while the previous query is still running is skipped,
 * so a slow database never has checks piling up.
 */
export class SessionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private failing = false;
  readonly stats = { checks: 0, skipped: 0, ended: 0 };

  constructor(private readonly options: SessionSweeperOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.stats.skipped += 1;
      return;
    }
    // Only the sockets open before the query is sent are judged: their handshake read the user
    // earlier, so the query sees at least that version. A socket opened during the query may already
    // carry a newer version than the answer.
    const live = [...this.options.sessions()];
    if (live.length === 0) return;
    this.running = true;
    try {
      this.stats.checks += 1;
      const states = new Map((await this.options.lookup([...new Set(live.map((session) => session.userId))])).map((state) => [state.id, state]));
      if (this.stopped) return;
      if (this.failing) this.options.onLookupRecovered();
      this.failing = false;
      for (const session of live) {
        const reason = endReason(session.tokenVersion, states.get(session.userId));
        if (reason === undefined) continue;
        this.stats.ended += 1;
        session.end(reason);
      }
    } catch (error) {
      if (!this.stopped && !this.failing) this.options.onLookupFailed(error as Error);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }
}
