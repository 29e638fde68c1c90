import { fileURLToPath } from 'node:url';
import { Child } from '../../bench/ipc.js';
import type { OutboxStats } from '../../src/calls/call-writes/ticket-outbox.js';

/** Where the child alo153 finds everything; the parent owns the simulator and the database. */
export interface Alo153ProcessSettings {
  ariUrl: string;
  amiPort: number;
  ivrFile: string;
  outboxFile: string;
  database: { url: string; searchPath: string[] } | { sqliteFile: string };
}

export interface Alo153ProcessStatus {
  ari: string;
  ami: string;
  liveCalls: number;
  pendingWrites: number;
  outbox: OutboxStats;
}

export type Alo153ProcessProtocol = { status: { args: null; result: Alo153ProcessStatus } };

export const SETTINGS_ENV = 'ALO153_TEST_PROCESS_SETTINGS';

/** alo153 in its own process (test/support/alo153-child.ts), so a test can SIGKILL it the way a crash would. */
export class Alo153Process {
  private constructor(private readonly child: Child<Alo153ProcessProtocol>) {}

  static async start(settings: Alo153ProcessSettings): Promise<Alo153Process> {
    const script = fileURLToPath(new URL('./alo153-child.ts', import.meta.url));
    return new Alo153Process(await Child.start<Alo153ProcessProtocol>('alo153', script, { env: { [SETTINGS_ENV]: JSON.stringify(settings) } }));
  }

  status(): Promise<Alo153ProcessStatus> {
    return this.child.call('status', null, 10_000);
  }

  /** No shutdown, no flush, no close: what the kernel does to a crashed or OOM-killed process. */
  async kill(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error('alo153 child has no pid');
    process.kill(pid, 'SIGKILL');
    await this.child.stop();
  }

  /** A graceful stop: the child runs alo153's own shutdown. */
  stop(): Promise<void> {
    return this.child.stop(20_000);
  }
}
