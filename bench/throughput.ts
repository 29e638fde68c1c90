import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPair, type Pair } from './pair.js';
import type { AppMode, DriveResult, VerifyResult } from './protocol.js';
import { median } from './report.js';

/**
 * Scenario 1: calls per second through the whole path, alo153 beside the bare app, same simulator
 * settings, repetitions interleaved so both see the same machine noise.
 */
export interface ThroughputRep {
  mode: AppMode;
  calls: number;
  handed: number;
  /** Calls handed per second of simulator time from the first call placed to the last hand-off. */
  handOffRate: number;
  /** The same, but until the app was idle too (alo153: every ticket write landed). */
  completeRate: number;
  appCpuMsPerCall: number;
  simCpuMsPerCall: number;
  appEventLoopUtilisation: number;
  perCall: { ariRequests: number; ariEvents: number; amiEvents: number; sqlStatements: number; outboxSyncs: number };
  /** The call path's writes per group-commit transaction. */
  writesPerTransaction: number;
  timedOut: boolean;
}

export interface ThroughputResult {
  speed: number;
  calls: number;
  concurrency: number;
  reps: ThroughputRep[];
  median: Record<AppMode, { handOffRate: number; completeRate: number; appCpuMsPerCall: number; simCpuMsPerCall: number }>;
  ratio: number;
  verify: VerifyResult | null;
  profileFile?: string;
}

export interface ThroughputOptions {
  speed: number;
  calls: number;
  concurrency: number;
  repetitions: number;
  warmUpCalls: number;
  profile: boolean;
}

const cpu = (s: { cpuUserMs: number; cpuSystemMs: number }): number => s.cpuUserMs + s.cpuSystemMs;

async function oneRep(pair: Pair, calls: number, concurrency: number, numberPrefix: string): Promise<{ rep: ThroughputRep; run: DriveResult }> {
  const appBefore = await pair.app.call('snapshot', { gc: false, resetLoop: true });
  const simBefore = await pair.sim.call('snapshot', { gc: false, resetLoop: true });
  const start = performance.now();
  const run = await pair.sim.call('closedLoop', { calls, concurrency, digitDelayMs: 0, hangupAfterHandOffMs: 0, numberPrefix, timeoutMs: 90_000 }, 100_000);
  await pair.app.call('waitIdle', { timeoutMs: 30_000 });
  const completeMs = performance.now() - start;
  const appAfter = await pair.app.call('snapshot', { gc: false, resetLoop: true });
  const simAfter = await pair.sim.call('snapshot', { gc: false, resetLoop: true });
  return {
    run,
    rep: {
      mode: pair.mode,
      calls,
      handed: run.handed,
      handOffRate: run.handed / (run.elapsedMs / 1000),
      completeRate: run.handed / (completeMs / 1000),
      appCpuMsPerCall: (cpu(appAfter) - cpu(appBefore)) / calls,
      simCpuMsPerCall: (cpu(simAfter) - cpu(simBefore)) / calls,
      appEventLoopUtilisation: appAfter.eventLoopUtilisation,
      perCall: {
        ariRequests: run.counts.ariRequests / calls,
        ariEvents: run.counts.ariEvents / calls,
        amiEvents: run.counts.amiEvents / calls,
        sqlStatements: (appAfter.sqlStatements - appBefore.sqlStatements) / calls,
        outboxSyncs: (appAfter.outboxSyncs - appBefore.outboxSyncs) / calls,
      },
      writesPerTransaction: (appAfter.writes - appBefore.writes) / Math.max(1, appAfter.transactions - appBefore.transactions),
      timedOut: run.timedOut,
    },
  };
}

export async function runThroughput(options: ThroughputOptions, log: (line: string) => void): Promise<ThroughputResult> {
  const pairs: Record<AppMode, Pair> = { alo153: await startPair('alo153', options.speed), bare: await startPair('bare', options.speed) };
  const alo153Channels: string[] = [];
  const reps: ThroughputRep[] = [];
  let profileFile: string | undefined;
  let verify: VerifyResult | null = null;
  try {
    for (const mode of ['bare', 'alo153'] as const) {
      const warm = await oneRep(pairs[mode], options.warmUpCalls, options.concurrency, '10');
      if (mode === 'alo153') alo153Channels.push(...warm.run.channelIds);
    }
    for (let i = 0; i < options.repetitions; i += 1) {
      const order: AppMode[] = i % 2 === 0 ? ['alo153', 'bare'] : ['bare', 'alo153'];
      for (const mode of order) {
        const { rep, run } = await oneRep(pairs[mode], options.calls, options.concurrency, String(20 + i));
        if (mode === 'alo153') alo153Channels.push(...run.channelIds);
        reps.push(rep);
        log(`  throughput ${mode.padEnd(6)} rep ${i + 1}: ${rep.handOffRate.toFixed(0)} calls/s handed, ${rep.completeRate.toFixed(0)} calls/s incl. ticket writes`);
      }
    }
    if (options.profile) {
      profileFile = join(mkdtempSync(join(tmpdir(), 'alo153-bench-prof-')), 'alo153-throughput.cpuprofile');
      await pairs.alo153.app.call('profileStart', {});
      const { run } = await oneRep(pairs.alo153, options.calls, options.concurrency, '29');
      alo153Channels.push(...run.channelIds);
      await pairs.alo153.app.call('profileStop', { file: profileFile });
    }
    verify = await pairs.alo153.app.call('verify', { channelIds: alo153Channels, expectOutcome: 'handed-to-queue' });
  } finally {
    await pairs.alo153.stop();
    await pairs.bare.stop();
  }
  const summary = (mode: AppMode): ThroughputResult['median'][AppMode] => {
    const mine = reps.filter((r) => r.mode === mode);
    return {
      handOffRate: median(mine.map((r) => r.handOffRate)),
      completeRate: median(mine.map((r) => r.completeRate)),
      appCpuMsPerCall: median(mine.map((r) => r.appCpuMsPerCall)),
      simCpuMsPerCall: median(mine.map((r) => r.simCpuMsPerCall)),
    };
  };
  const medians = { alo153: summary('alo153'), bare: summary('bare') };
  return {
    speed: options.speed,
    calls: options.calls,
    concurrency: options.concurrency,
    reps,
    median: medians,
    ratio: medians.alo153.completeRate / medians.bare.completeRate,
    verify,
    ...(profileFile ? { profileFile } : {}),
  };
}
