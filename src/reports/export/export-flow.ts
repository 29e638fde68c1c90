import type { Writable } from 'node:stream';

/**
 * Backpressure and disconnects for a streamed export. The loop that reads rows writes until a stream says
 * it is full (write() → false), then waits for 'drain', so memory holds at most a buffer's worth; when the
 * client goes away the wait ends at once and `gone` is set, and the loop stops asking the database for pages.
 */
export class ExportFlow {
  private closed = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly out: Writable) {
    // 'close' before the response finished: the client hung up (or the socket broke) mid-file.
    out.once('close', () => {
      if (!out.writableFinished) this.closed = true;
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    });
  }

  /** The client hung up before the response ended (a file cut short). */
  get cut(): boolean {
    return this.closed;
  }

  /** True once the client has gone: stop reading rows. */
  get gone(): boolean {
    return this.closed || this.out.destroyed;
  }

  /** Resolves when `stream` has drained (or the client has gone); `full` says whether it needs to. */
  drain(stream: Writable, full: () => boolean = () => stream.writableNeedDrain): Promise<void> {
    if (this.gone || !full()) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        stream.off('drain', wake);
        stream.off('close', wake);
        this.waiters.delete(wake);
        resolve();
      };
      stream.once('drain', wake);
      stream.once('close', wake);
      this.waiters.add(wake);
    });
  }
}

