import type { Logger } from '../logging/logger.js';

export interface ScoreWriterOptions {
  write: (channelId: string, score: number, at: Date) => Promise<boolean>;
  /** After a score landed (the board's averages move). */
  landed?: () => void;
  logger: Logger;
  attempts?: number;
  initialDelayMs?: number;
}

/**
 * The survey's one write, off the call: the caller hears "Teşekkür ederiz" whether or not the database answers.
 * Retried with backoff (the UPDATE is idempotent on the channel id, so a retry after an ambiguous failure is
 * harmless); `drain` waits for what is in flight at shutdown.
 */
export class ScoreWriter {
  private readonly inFlight = new Set<Promise<void>>();
  readonly stats = { written: 0, repeated: 0, failed: 0 };

  constructor(private readonly options: ScoreWriterOptions) {}

  record(channelId: string, score: number, at: Date = new Date()): void {
    const work = this.attempt(channelId, score, at).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async attempt(channelId: string, score: number, at: Date): Promise<void> {
    const attempts = this.options.attempts ?? 5;
    let delay = this.options.initialDelayMs ?? 200;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        const set = await this.options.write(channelId, score, at);
        if (set) this.stats.written += 1;
        else this.stats.repeated += 1;
        this.options.landed?.();
        return;
      } catch (error) {
        if (attempt === attempts) {
          this.stats.failed += 1;
          this.options.logger.error('survey score not stored', { channelId, error: (error as Error).message });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
