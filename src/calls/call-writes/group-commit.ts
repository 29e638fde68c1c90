import type { Knex } from 'knex';

/** What a batch's executor says about one write: its result, or the error that write alone must report. */
export type WriteOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions<W> {
  db: Knex;
  /**
   * Runs `writes` inside `trx` and returns one outcome per write, in order. An outcome with an error leaves
   * the others to commit (that write must then have changed nothing); throwing rolls the whole batch back.
   */
  execute(trx: Knex.Transaction, writes: readonly W[]): Promise<WriteOutcome[]>;
  /** At most this many writes per transaction (keeps every multi-row statement well inside SQLite's variable limit). */
  maxBatch?: number;
  /**
   * Whether a failed batch is worth running again one write per transaction (default: always). False for a
   * database that is away: one write at a time would only wait for it as many times, so every write of the
   * batch gets the error and its caller's retry takes over.
   */
  split?: (error: unknown) => boolean;
}

export interface GroupCommitStats {
  batches: number;
  writes: number;
  /** Batches that failed as a whole and were run again one write per transaction. */
  splits: number;
}

interface Pending<W> {
  write: W;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const DEFAULT_MAX_BATCH = 64;

/**
 * Group commit of the call path's writes: writes from many calls share one transaction. A batch starts on the
 * next turn of the event loop (a burst of calls joins it) and the next one as soon as the previous commit
 * finishes, so an idle system waits for nothing and a busy one commits many writes per BEGIN/COMMIT.
 * Durability is unchanged: each write's promise settles only after its transaction committed (and the ticket
 * outbox has made it durable before that). When a batch fails as a whole (a deadlock, a constraint raced by
 * another process, one write the database refuses), every write in it is tried again alone, so one bad write
 * never fails the others (nor poisons every batch it would join on its retries).
 */
export class GroupCommit<W> {
  private queue: Pending<W>[] = [];
  private running = false;
  private readonly maxBatch: number;
  private readonly counters: GroupCommitStats = { batches: 0, writes: 0, splits: 0 };

  constructor(private readonly options: GroupCommitOptions<W>) {
    this.maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** Settles once the write's transaction committed (with the executor's value) or failed (with its error). */
  submit<T>(write: W): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.running) return;
      this.running = true;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // One turn of the event loop first: what the last commit's callers write next (a call's hand-off after
      // its opening) joins this batch instead of starting a batch of one.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.queue.splice(0, this.maxBatch);
      this.counters.batches += 1;
      this.counters.writes += batch.length;
      try {
        settle(batch, await this.options.db.transaction((trx) => this.options.execute(trx, batch.map((p) => p.write))));
      } catch (error) {
        if (batch.length === 1 || !(this.options.split?.(error) ?? true)) {
          for (const pending of batch) pending.reject(error);
          continue;
        }
        this.counters.splits += 1;
        for (const pending of batch) {
          try {
            settle([pending], await this.options.db.transaction((trx) => this.options.execute(trx, [pending.write])));
          } catch (alone) {
            pending.reject(alone);
          }
        }
      }
    }
    this.running = false;
  }
}

function settle<W>(batch: readonly Pending<W>[], outcomes: readonly WriteOutcome[]): void {
  batch.forEach((pending, index) => {
    const outcome = outcomes[index];
    if (!outcome) pending.reject(new Error('group commit: the executor returned no outcome for a write'));
    else if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  });
}
