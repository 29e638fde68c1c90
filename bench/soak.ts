/**
 * `npm run soak`: figures, not a test (it prints MET / NOT MET and exits 0 whatever the figures; 1 only when
 * the soak itself could not run).
 *
 * A busy day in minutes: soak.ts (idle while measuring) ──IPC── bench/soak-sim-process.ts (the PBX simulator
 * at `--speed` times real time, the demo's six agents and Poisson citizens) and ──IPC── bench/soak-app-process.ts
 * (alo153 as in production over real ARI and AMI, SQLite in a temp dir or PostgreSQL with --pg), so alo153's
 * memory is its own. Agents take breaks through alo153's AMI connection; one supervisor wallboard socket stays
 * open throughout.
 * 1. Warm-up: half a simulated hour of the same traffic with one ARI drop and one AMI outage; drain; baseline.
 * 2. The day: `--hours` of traffic; every simulated hour the ARI WebSocket drops and AMI is cut for 30 simulated
 *    seconds; Asterisk restarts once in the middle; a reading every hour under load.
 * 3. Drain; the end reading; every call the simulator placed against what alo153 stored; the heap once more
 *    without the day's queue facts. Heap readings follow forced full GCs (--expose-gc).
 */
import { cpus, loadavg } from 'node:os';
import { Child } from './ipc.js';
import { mib, sleep } from './report.js';
import { parseSoakOptions, soakSchedule, SoakUsageError, SOAK_USAGE, warmUpHours, warmUpSchedule, type SoakOptions, type SoakStep } from './soak-options.js';
import type { SoakAppProtocol, SoakFault, SoakLinks, SoakReading, SoakSimProtocol } from './soak-protocol.js';
import { faultLine, printSoakReport, progressLine, type FaultResult, type HourReading, type SoakResult } from './soak-report.js';
import { SoakWallboard } from './soak-wallboard.js';

const log = (line: string): void => console.log(line);
const PASSWORD = 'soak-secret';
const AGENTS = 6;

let sim: Child<SoakSimProtocol> | undefined;
let app: Child<SoakAppProtocol> | undefined;
let wallboard: SoakWallboard | undefined;
let stopping: Promise<void> | undefined;

/** alo153 first: its shutdown still talks to the simulator. Each child exits by itself once IPC is gone. */
function stopChildren(): Promise<void> {
  stopping ??= (async () => {
    wallboard?.close();
    await app?.stop().catch(() => undefined);
    await sim?.stop().catch(() => undefined);
  })();
  return stopping;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // npx forwards the signal the terminal already sent to the whole group: one is enough.
    if (interrupted) return;
    interrupted = true;
    log(`\n${signal}: stopping alo153 and the simulator…`);
    void stopChildren().finally(() => process.exit(130));
  });
}

function recovered(kind: SoakFault, before: SoakLinks, now: SoakLinks): boolean {
  const ari = now.ari === 'connected' && now.ariConnects > before.ariConnects;
  const ami = now.ami === 'connected' && now.amiSnapshots > before.amiSnapshots;
  if (kind === 'ari-drop') return ari;
  if (kind === 'ami-outage') return ami;
  return ari && ami;
}

async function inject(appChild: Child<SoakAppProtocol>, simChild: Child<SoakSimProtocol>, kind: SoakFault, hour: number, speed: number): Promise<FaultResult> {
  const before = await appChild.call('links', {});
  const started = performance.now();
  // 30 simulated seconds of AMI outage; restart phases (refused, 404, not booted) of 10 simulated seconds each.
  const holdMs = Math.max(100, (kind === 'ami-outage' ? 30_000 : 10_000) / speed);
  await simChild.call('fault', { kind, holdMs });
  while (performance.now() - started < 30_000) {
    if (recovered(kind, before, await appChild.call('links', {}))) return { kind, hour, recoveredMs: performance.now() - started };
    await sleep(10);
  }
  return { kind, hour, recoveredMs: null };
}

interface Children {
  sim: Child<SoakSimProtocol>;
  app: Child<SoakAppProtocol>;
}

async function startChildren(options: SoakOptions): Promise<Children> {
  const simChild = await Child.start<SoakSimProtocol>('simulator', 'bench/soak-sim-process.ts', {
    env: { SOAK_SIM_SPEED: String(1 / options.speed), SOAK_SIM_PASSWORD: PASSWORD },
    nodeFlags: ['--expose-gc'],
  });
  sim = simChild;
  const info = await simChild.call('info', {});
  const appChild = await Child.start<SoakAppProtocol>('alo153', 'bench/soak-app-process.ts', {
    env: {
      SOAK_ARI_URL: info.ariUrl,
      SOAK_AMI_PORT: String(info.amiPort),
      SOAK_SIM_PASSWORD: PASSWORD,
      SOAK_LOG_LEVEL: options.logLevel,
      SOAK_DATABASE_URL: options.postgresUrl ?? '',
    },
    nodeFlags: ['--expose-gc'],
  });
  app = appChild;
  if (!(await appChild.call('waitConnected', { timeoutMs: 30_000 })).connected) throw new Error('alo153 did not connect to the simulator within 30 s');
  return { sim: simChild, app: appChild };
}

interface PhaseResult {
  readings: HourReading[];
  faults: FaultResult[];
  wallMs: number;
  maxLateMs: number;
}

/** Traffic for `hours` simulated hours with the steps of `schedule`, then no new calls. */
async function runPhase(children: Children, options: SoakOptions, hours: number, schedule: SoakStep[], seed: number): Promise<PhaseResult> {
  const hourMs = 3_600_000 / options.speed;
  await children.sim.call('startTraffic', { callsPerHour: options.callsPerHour, seed });
  const started = performance.now();
  const result: PhaseResult = { readings: [], faults: [], wallMs: 0, maxLateMs: 0 };
  for (const step of [...schedule, { atHour: hours, kind: 'end' } as const]) {
    const dueIn = started + step.atHour * hourMs - performance.now();
    if (dueIn > 0) await sleep(dueIn);
    else result.maxLateMs = Math.max(result.maxLateMs, -dueIn);
    if (step.kind === 'reading') {
      const appReading = await children.app.call('reading', { gc: true });
      const { placed } = await children.sim.call('snapshot', { gc: false });
      const reading = { hour: step.atHour, placed, app: appReading };
      log(progressLine(reading, result.readings.at(-1)));
      result.readings.push(reading);
    } else if (step.kind === 'fault') {
      const fault = await inject(children.app, children.sim, step.fault, step.atHour, options.speed);
      result.faults.push(fault);
      log(faultLine(fault));
    }
  }
  result.wallMs = performance.now() - started;
  await children.sim.call('stopTraffic', {});
  return result;
}

/** Until every call has ended in the simulator and in alo153 and every write has landed; then a reading after GC. */
async function drain(children: Children, options: SoakOptions): Promise<{ reading: SoakReading; live: number; idle: boolean }> {
  // Callers give up within 300 simulated seconds plus their allowance; agents finish their calls.
  const { live } = await children.sim.call('drain', { timeoutMs: 60_000 + 600_000 / options.speed }, 900_000);
  const { idle } = await children.app.call('waitIdle', { timeoutMs: 60_000 }, 90_000);
  return { reading: await children.app.call('reading', { gc: true }), live, idle };
}

async function soak(options: SoakOptions): Promise<SoakResult> {
  const startedAt = performance.now();
  const children = await startChildren(options);
  const supervisor = await children.app.call('supervisor', {}).catch((error: Error) => {
    log(`no wallboard socket: ${error.message}`);
    return undefined;
  });
  if (supervisor) wallboard = new SoakWallboard(supervisor.url, supervisor.token);
  // Idle, before any call: what the drained process should come back to.
  const idleBefore = await children.app.call('reading', { gc: true });
  await children.app.call('startBreaks', { agents: AGENTS, speed: 1 / options.speed });

  const warmUp = warmUpHours(options.hours);
  log(`warm-up: ${warmUp} simulated h, then a drain and the baseline reading`);
  const warm = await runPhase(children, options, warmUp, warmUpSchedule(options.hours), options.seed + 1);
  const baseline = await drain(children, options);
  const { placed: warmUpPlaced } = await children.sim.call('snapshot', { gc: false });
  log(`baseline (drained): heap ${mib(baseline.reading.heapUsed)}, rss ${mib(baseline.reading.rss)}, handles ${baseline.reading.activeResources}, queue facts ${baseline.reading.queueFacts}`);

  const day = await runPhase(children, options, options.hours, soakSchedule(options.hours), options.seed);
  await children.app.call('stopBreaks', {});
  const end = await drain(children, options);
  const calls = await children.sim.call('calls', {});
  const verify = await children.app.call('verify', { stasis: calls.stasis }, 600_000);
  const beforePrune = await children.app.call('reading', { gc: true });
  const { pruned } = await children.app.call('pruneDayFacts', {});
  const withoutFacts = await children.app.call('reading', { gc: true });
  return {
    options,
    engine: options.postgresUrl ? 'postgresql' : 'sqlite',
    readings: day.readings,
    faults: [...warm.faults, ...day.faults],
    trafficWallMs: warm.wallMs + day.wallMs,
    dayWallMs: day.wallMs,
    totalWallMs: performance.now() - startedAt,
    maxLateMs: Math.max(warm.maxLateMs, day.maxLateMs),
    idleBefore,
    warmUpPlaced,
    baseline: baseline.reading,
    drained: end.reading,
    beforePrune,
    withoutFacts: { ...withoutFacts, pruned },
    liveAfterDrain: baseline.live + end.live,
    idle: baseline.idle && end.idle,
    calls: { ...calls, placed: calls.placed.length, stasis: calls.stasis.length, fallback: calls.fallback.length },
    verify,
    wallboard: wallboard?.read() ?? null,
  };
}

async function main(): Promise<number> {
  let options: SoakOptions | undefined;
  try {
    options = parseSoakOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof SoakUsageError) && !(error instanceof TypeError)) throw error;
    console.error(`soak: ${error.message}\n${SOAK_USAGE}`);
    return 1;
  }
  if (!options) {
    log(SOAK_USAGE);
    return 0;
  }
  const expectedMs = (options.hours * 3_600_000) / options.speed;
  log(`alo153 soak: ${options.hours} simulated h at ${options.speed}x (about ${(expectedMs / 60_000).toFixed(1)} min), ${options.callsPerHour} calls/h, seed ${options.seed}, ${options.postgresUrl ? 'PostgreSQL' : 'SQLite in a temp dir'}`);
  log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  // Whatever hangs, the soak ends: twice the expected time plus ten minutes for start, drain and checks.
  const watchdog = setTimeout(() => {
    log('soak: overran its time limit; stopping');
    void stopChildren().finally(() => process.exit(1));
  }, expectedMs * 2 + 600_000);
  try {
    const result = await soak(options);
    printSoakReport(result, log);
    return 0;
  } catch (error) {
    if (!interrupted) console.error(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await stopChildren();
  }
}

process.exit(await main());
