/**
 * At most one log line per key per interval, carrying the count since the last line: a full disk, a
 * database down for an hour or a hostile page in a loop must show up in the log without flooding it.
 */
export class LogThrottle {
  private readonly keys = new Map<string, { at: number; count: number }>();

  constructor(
    private readonly intervalMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Adds `count` under `key`; returns the total since the last line when a line is due now, else undefined. */
  due(key: string, count = 1): number | undefined {
    const now = this.clock();
    const last = this.keys.get(key) ?? { at: Number.NEGATIVE_INFINITY, count: 0 };
    last.count += count;
    if (now - last.at < this.intervalMs) {
      this.keys.set(key, last);
      return undefined;
    }
    this.keys.set(key, { at: now, count: 0 });
    return last.count;
  }
}
