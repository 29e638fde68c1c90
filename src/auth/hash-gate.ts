export interface HashGateOptions {
  /** Password hashes computed at once. Each occupies one of libuv's threads, which sqlite3 and dns also need. */
  maxConcurrent: number;
  /** Logins admitted beyond those hashing (slowed down or queued for a hash); more are refused, so waiters cannot pile up. */
  maxWaiting: number;
}

export interface HashGateStats {
  hashing: number;
  waiting: number;
}

/** Held by one admitted login from admission to its answer; `leave()` gives its place back. */
export interface GatePass {
  /** Runs `work` once one of the `maxConcurrent` hash slots is free. */
  run<T>(work: () => Promise<T>): Promise<T>;
  leave(): void;
}

/**
 * A bounded semaphore for password hashes. Room is reserved synchronously at admission, so a burst that
 * arrives in one tick is bounded as surely as one spread over seconds.
 */
export class HashGate {
  private readonly maxConcurrent: number;
  private readonly capacity: number;
  private admitted = 0;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(options: HashGateOptions) {
    if (!Number.isInteger(options.maxConcurrent) || options.maxConcurrent < 1) throw new Error('maxConcurrent must be a positive integer');
    if (!Number.isInteger(options.maxWaiting) || options.maxWaiting < 0) throw new Error('maxWaiting must be a non-negative integer');
    this.maxConcurrent = options.maxConcurrent;
    this.capacity = options.maxConcurrent + options.maxWaiting;
  }

  get stats(): HashGateStats {
    return { hashing: this.running, waiting: this.admitted - this.running };
  }

  /** A pass, or undefined when the gate is full (answer "busy" at once). */
  admit(): GatePass | undefined {
    if (this.admitted >= this.capacity) return undefined;
    this.admitted += 1;
    let left = false;
    return {
      run: (work) => this.run(work),
      leave: () => {
        if (left) return;
        left = true;
        this.admitted -= 1;
      },
    };
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return;
    }
    // The releasing run hands its slot over without decrementing, so no newcomer can overtake the queue.
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running -= 1;
  }
}
