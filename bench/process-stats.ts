import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { ProcessSnapshot } from './protocol.js';

/** CPU, heap (after a full GC when the process runs with --expose-gc) and event-loop load of this process. */
export class ProcessStats {
  private readonly delay = monitorEventLoopDelay({ resolution: 5 });
  private elu: EventLoopUtilization = performance.eventLoopUtilization();

  constructor() {
    this.delay.enable();
  }

  async snapshot(options: { gc: boolean; resetLoop: boolean }): Promise<ProcessSnapshot> {
    if (options.gc) await fullGc();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const elu = performance.eventLoopUtilization(this.elu);
    const snapshot: ProcessSnapshot = {
      heapUsed: memory.heapUsed,
      rss: memory.rss,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      eventLoopUtilisation: elu.utilization,
      eventLoopDelayP99Ms: this.delay.percentile(99) / 1e6,
    };
    if (options.resetLoop) {
      this.elu = performance.eventLoopUtilization();
      this.delay.reset();
    }
    return snapshot;
  }
}

/** Several collections with turns of the event loop between them, so finalisers and weak refs settle. */
async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc to measure the heap');
  for (let i = 0; i < 4; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
