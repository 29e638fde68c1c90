import { fork, type ChildProcess } from 'node:child_process';

/**
 * Request/reply over Node's IPC channel between run.ts and its child processes.
 * A protocol is a map `command → { args; result }`, shared by both sides as a type.
 */
export type Protocol = Record<string, { args: unknown; result: unknown }>;

export type Handlers<P extends Protocol> = { [K in keyof P]: (args: P[K]['args']) => Promise<P[K]['result']> | P[K]['result'] };

interface Request {
  id: number;
  cmd: string;
  args: unknown;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const isRequest = (value: unknown): value is Request =>
  typeof value === 'object' && value !== null && typeof (value as Request).id === 'number' && typeof (value as Request).cmd === 'string';

/** In a child: answer the parent's requests; the child cleans up and exits when the parent goes away. */
export function serve<P extends Protocol>(handlers: Handlers<P>, onDisconnect: () => Promise<void> = async () => undefined): void {
  process.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const handler = (handlers as Record<string, (args: unknown) => unknown>)[message.cmd];
    const reply = (body: Omit<Reply, 'id'>): void => void process.send?.({ id: message.id, ...body });
    if (!handler) return reply({ ok: false, error: `unknown command ${message.cmd}` });
    Promise.resolve()
      .then(() => handler(message.args))
      .then(
        (result) => reply({ ok: true, result }),
        (error: unknown) => reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  process.on('disconnect', () => {
    const force = setTimeout(() => process.exit(1), 10_000);
    void onDisconnect()
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        clearTimeout(force);
        process.exit(0);
      });
  });
  process.send?.({ id: 0, ok: true, result: 'ready' });
}

/** In the parent: a forked TypeScript child (run through tsx) speaking protocol P. */
export class Child<P extends Protocol> {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly ready: Promise<void>;
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly process: ChildProcess,
  ) {
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    process.on('message', (message: unknown) => {
      const reply = message as Reply;
      if (reply.id === 0) return markReady();
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`${name}: ${reply.error ?? 'failed'}`));
    });
    process.on('exit', (code) => {
      this.exited = true;
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`${name} exited with code ${code}`));
      this.waiting.clear();
    });
  }

  static async start<P extends Protocol>(name: string, script: string, options: { env?: Record<string, string>; nodeFlags?: string[] } = {}): Promise<Child<P>> {
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const wrapper = new Child<P>(name, child);
    await Promise.race([
      wrapper.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000).unref()),
    ]);
    return wrapper;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  call<K extends keyof P & string>(cmd: K, args: P[K]['args'], timeoutMs = 120_000): Promise<P[K]['result']> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<P[K]['result']>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as P[K]['result']);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.process.send({ id, cmd, args });
    });
  }

  /** Disconnects IPC (the child exits by itself) and waits for the exit; kills it by pid if it hangs. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    if (this.process.connected) this.process.disconnect();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
