/** Sleeps that end early when wake() is called: the sender's loop and pacing stop at once on stop() or new work. */
export class Wakeup {
  private readonly sleepers = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }

  wake(): void {
    for (const sleeper of [...this.sleepers]) sleeper();
  }
}
