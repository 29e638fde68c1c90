import { parseArgs } from 'node:util';
import type { SoakFault } from './soak-protocol.js';

export const SOAK_USAGE = `usage: npm run soak -- [--hours 24] [--speed 120] [--calls-per-hour 450] [--seed 153] [--pg] [--log-level error]
  --hours N           simulated hours of a busy day (default 24)
  --speed N           simulated time runs N times faster than the clock (default 120: 24 h in 12 min)
  --calls-per-hour N  Poisson arrivals per simulated hour (default 450)
  --seed N            the traffic's random seed, so a run can be repeated (default 153)
  --pg                PostgreSQL at $DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), in a schema of its own, dropped at the end; default: SQLite in a temp dir
  --log-level L       alo153's log level (default error)`;

export interface SoakOptions {
  hours: number;
  /** Simulated ms per real ms. */
  speed: number;
  callsPerHour: number;
  seed: number;
  postgresUrl: string | undefined;
  logLevel: string;
}

export class SoakUsageError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new SoakUsageError(`--${name} must be a positive number, not ${raw}`);
  return value;
}

/** undefined: --help was asked for. */
export function parseSoakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      hours: { type: 'string' },
      speed: { type: 'string' },
      'calls-per-hour': { type: 'string' },
      seed: { type: 'string' },
      pg: { type: 'boolean' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  return {
    hours: positive('hours', values.hours, 24),
    speed: positive('speed', values.speed, 120),
    callsPerHour: positive('calls-per-hour', values['calls-per-hour'], 450),
    seed: Math.floor(positive('seed', values.seed, 153)),
    postgresUrl: values.pg ? (env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : undefined,
    logLevel: values['log-level'] ?? 'error',
  };
}

export type SoakStep = { atHour: number; kind: 'reading' } | { atHour: number; kind: 'fault'; fault: SoakFault };

/** Half an hour (a quarter of a short run) of the same traffic and faults before the baseline, so lazily built objects exist. */
export function warmUpHours(hours: number): number {
  return Math.min(0.5, hours / 4);
}

/** The warm-up's faults: one ARI drop and one AMI outage, so the reconnect paths have run before the baseline. */
export function warmUpSchedule(hours: number): SoakStep[] {
  const warmUp = warmUpHours(hours);
  return [
    { atHour: warmUp * 0.3, kind: 'fault', fault: 'ari-drop' },
    { atHour: warmUp * 0.7, kind: 'fault', fault: 'ami-outage' },
  ];
}

/**
 * The day: readings hourly (quarterly in a short run); in every simulated hour an ARI drop at :18 and an AMI
 * outage at :42; one Asterisk restart three minutes past the middle.
 */
export function soakSchedule(hours: number): SoakStep[] {
  const steps: SoakStep[] = [];
  const step = Math.min(1, hours / 4);
  for (let at = step; at <= hours + 1e-9; at += step) steps.push({ atHour: Math.min(at, hours), kind: 'reading' });
  for (let hour = 0; hour < hours; hour += 1) {
    for (const [offset, fault] of [[0.3, 'ari-drop'], [0.7, 'ami-outage']] as const) {
      if (hour + offset < hours) steps.push({ atHour: hour + offset, kind: 'fault', fault });
    }
  }
  steps.push({ atHour: hours / 2 + 0.05, kind: 'fault', fault: 'asterisk-restart' });
  return steps.sort((a, b) => a.atHour - b.atHour);
}
