import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPair } from './pair.js';
import type { AppMode, LatencySamples, VerifyResult } from './protocol.js';
import { percentile } from './report.js';

/**
 * Scenario 2: calls arrive at a steady rate; the simulator's probe times each ARI event frame to
 * the request it causes. Callers press 0 during the welcome (a barge-in, so DTMF → stop is timed)
 * and hang up shortly after the hand-off.
 */
export interface LatencyStats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LatencyResult {
  mode: AppMode;
  speed: number;
  ratePerSecond: number;
  seconds: number;
  placed: number;
  handed: number;
  timedOut: boolean;
  kinds: Record<keyof LatencySamples, LatencyStats>;
  all: LatencyStats;
  appEventLoopUtilisation: number;
  appEventLoopDelayP99Ms: number;
  appCpuMsPerCall: number;
  /** SQL statements alo153 issued per call placed during the measured arrivals. */
  sqlPerCall: number;
  verify: VerifyResult | null;
  /** BENCH_PROFILE=1: a CPU profile of alo153 during the measured arrivals. */
  profileFile?: string;
}

export interface LatencyOptions {
  mode: AppMode;
  speed: number;
  ratePerSecond: number;
  seconds: number;
  /** Real ms after the first prompt starts at which the caller presses 0 (inside the welcome). */
  digitDelayMs: number;
  profile?: boolean;
}

function stats(values: number[]): LatencyStats {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}

export async function runLatency(options: LatencyOptions): Promise<LatencyResult> {
  const pair = await startPair(options.mode, options.speed);
  try {
    const plan = { digitDelayMs: options.digitDelayMs, hangupAfterHandOffMs: 500 };
    // A short warm-up so the first measured calls do not pay for JIT compilation and lazy loading.
    const warm = await pair.sim.call('openLoop', { ...plan, numberPrefix: '40', ratePerSecond: options.ratePerSecond, seconds: 1, drainTimeoutMs: 30_000 });
    await pair.app.call('waitIdle', { timeoutMs: 30_000 });
    const profileFile = options.profile ? join(mkdtempSync(join(tmpdir(), 'alo153-bench-prof-')), `${options.mode}-latency.cpuprofile`) : undefined;
    if (profileFile) await pair.app.call('profileStart', {});
    const before = await pair.app.call('snapshot', { gc: false, resetLoop: true });
    const run = await pair.sim.call(
      'openLoop',
      { ...plan, numberPrefix: '41', ratePerSecond: options.ratePerSecond, seconds: options.seconds, drainTimeoutMs: 60_000 },
      (options.seconds + 90) * 1000,
    );
    const after = await pair.app.call('snapshot', { gc: false, resetLoop: true });
    if (profileFile) await pair.app.call('profileStop', { file: profileFile });
    await pair.app.call('waitIdle', { timeoutMs: 30_000 });
    const verify = await pair.app.call('verify', { channelIds: [...warm.channelIds, ...run.channelIds], expectOutcome: 'handed-to-queue' });
    const { latency } = run;
    return {
      mode: options.mode,
      speed: options.speed,
      ratePerSecond: options.ratePerSecond,
      seconds: options.seconds,
      placed: run.placed,
      handed: run.handed,
      timedOut: run.timedOut,
      kinds: {
        stasisStartToAnswer: stats(latency.stasisStartToAnswer),
        dtmfToStopPlayback: stats(latency.dtmfToStopPlayback),
        playbackFinishedToHandOff: stats(latency.playbackFinishedToHandOff),
      },
      all: stats([...latency.stasisStartToAnswer, ...latency.dtmfToStopPlayback, ...latency.playbackFinishedToHandOff]),
      appEventLoopUtilisation: after.eventLoopUtilisation,
      appEventLoopDelayP99Ms: after.eventLoopDelayP99Ms,
      appCpuMsPerCall: (after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs) / Math.max(1, run.placed),
      sqlPerCall: (after.sqlStatements - before.sqlStatements) / Math.max(1, run.placed),
      verify,
      ...(profileFile ? { profileFile } : {}),
    };
  } finally {
    await pair.stop();
  }
}
