/**
 * Runs a session's PBX commands one after another, in the order the IVR issued them,
 * while events keep arriving: commands are async HTTP calls, events are not.
 */
export class CommandQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onError: (error: unknown) => void) {}

  push(task: () => Promise<void>): void {
    this.pending += 1;
    this.tail = this.tail
      .then(task)
      .catch(this.onError)
      .finally(() => {
        this.pending -= 1;
      });
  }

  get size(): number {
    return this.pending;
  }

  idle(): Promise<void> {
    return this.tail;
  }
}
