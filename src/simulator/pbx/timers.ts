/**
 * Every delay in the simulator goes through here: it scales simulated milliseconds by `speed`
 * (tests run at 0.01) and can cancel everything at once for a restart or stop.
 */
export class SimTimers {
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(readonly speed: number) {}

  schedule(simMs: number, callback: () => void): () => void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      callback();
    }, Math.max(0, simMs * this.speed));
    this.pending.add(timer);
    return () => {
      clearTimeout(timer);
      this.pending.delete(timer);
    };
  }

  /** Resolves after `simMs`; never settles if the timers are cleared first (the waiter is dropped with its channel). */
  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => {
      this.schedule(simMs, resolve);
    });
  }

  /** Simulated milliseconds since a real `Date.now()` reading. */
  simElapsedMs(sinceRealMs: number): number {
    return (Date.now() - sinceRealMs) / this.speed;
  }

  clearAll(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
