/**
 * Child process: the PBX simulator, with SimProbe timing its ARI traffic, placing synthetic calls
 * on run.ts's command. Env: BENCH_SIM_SPEED (simulated-time scale), BENCH_SIM_PASSWORD.
 */
import { createLogger } from '../src/logging/logger.js';
import { getHeader } from '../src/simulator/ami/ami-message.js';
import { startSimulator, type CallHandle } from '../src/simulator/index.js';
import { pressOnPrompt, RETURNING_OFFER } from '../src/simulator/prompt-keys.js';
import { serve } from './ipc.js';
import { ProcessStats } from './process-stats.js';
import type { CallPlan, DriveResult, PauseSeries, PauseSeriesResult, PopCalls, PopCallsResult, SimProtocol } from './protocol.js';
import { SimProbe } from './sim-probe.js';

const speed = Number(process.env.BENCH_SIM_SPEED ?? 1);
const probe = new SimProbe();
probe.install();
const sim = await startSimulator({ username: 'alo153', password: process.env.BENCH_SIM_PASSWORD ?? 'bench', speed, logger: createLogger({ level: 'error' }) });
const stats = new ProcessStats();
const live = new Map<string, CallHandle>();

/** One batch of calls: places them, follows each to its hand-off or end, collects the results. */
class Run {
  private placed = 0;
  private handed = 0;
  private ended = 0;
  private readonly finished = new Set<string>();
  readonly channelIds: string[] = [];
  private readonly mine = new Set<string>();
  readonly callerNumbers: string[] = [];
  private readonly startedAt = performance.now();
  private lastFinishAt = this.startedAt;
  private resolveAll: () => void = () => undefined;
  readonly allFinished = new Promise<void>((resolve) => (this.resolveAll = resolve));
  onFinish: () => void = () => undefined;

  constructor(
    private readonly plan: CallPlan,
    private readonly expected: () => number,
  ) {
    probe.reset();
    probe.onFirstPrompt = (channelId) => {
      const handle = live.get(channelId);
      if (handle && plan.digitDelayMs !== null) setTimeout(() => handle.sendDigit('0'), plan.digitDelayMs);
    };
    probe.onHanded = (channelId) => {
      if (!this.finish(channelId)) return;
      this.handed += 1;
      const handle = live.get(channelId);
      if (handle) setTimeout(() => handle.hangup(), plan.hangupAfterHandOffMs);
    };
  }

  get inFlight(): number {
    return this.placed - this.finished.size;
  }

  place(): void {
    const number = `05${this.plan.numberPrefix}${String(this.placed).padStart(7, '0')}`;
    const handle = sim.placeCall({ callerNumber: number });
    this.placed += 1;
    live.set(handle.channelId, handle);
    this.channelIds.push(handle.channelId);
    this.mine.add(handle.channelId);
    this.callerNumbers.push(number);
    void handle.ended.then(() => {
      if (this.finish(handle.channelId)) this.ended += 1;
      live.delete(handle.channelId);
      probe.forget(handle.channelId);
    });
  }

  private finish(channelId: string): boolean {
    if (this.finished.has(channelId) || !this.mine.has(channelId)) return false;
    this.finished.add(channelId);
    this.lastFinishAt = performance.now();
    if (this.finished.size >= this.expected()) this.resolveAll();
    this.onFinish();
    return true;
  }

  result(timedOut: boolean): DriveResult {
    return {
      placed: this.placed,
      handed: this.handed,
      endedBeforeHandOff: this.ended,
      stillRunning: this.placed - this.finished.size,
      channelIds: this.channelIds,
      callerNumbers: this.callerNumbers,
      elapsedMs: this.lastFinishAt - this.startedAt,
      timedOut,
      latency: probe.samples,
      counts: probe.counts,
    };
  }
}

const within = (promise: Promise<void>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]).finally(() =>
    clearTimeout(timer),
  );
};

/** Places `count` calls at `ratePerSecond` (a 10 ms tick places whatever is due); resolves when all are placed. */
async function placeAtRate(run: Run, count: number, ratePerSecond: number, keepGoing: () => boolean = () => true): Promise<void> {
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * ratePerSecond) + 1);
      while (run.channelIds.length < due) run.place();
      if (run.channelIds.length >= count || !keepGoing()) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
}

const wallClockMs = (): number => performance.timeOrigin + performance.now();

/** Fan-out scenario: pauses through app_queue as an AMI QueuePause would; the probe stamps the first frame of each reason. */
async function pauseSeries(series: PauseSeries): Promise<PauseSeriesResult> {
  const backend = probe.queueBackend;
  if (!backend) throw new Error('the simulator has no queue backend');
  const emittedAt: Record<string, number> = {};
  probe.onAmiPublish = (event) => {
    if (getHeader(event, 'Event') !== 'QueueMemberPause') return;
    const reason = getHeader(event, 'PausedReason');
    if (reason !== undefined && reason.startsWith(series.reasonPrefix)) emittedAt[reason] ??= wallClockMs();
  };
  let failed = 0;
  const start = performance.now();
  try {
    for (let k = 0; k < series.count; k += 1) {
      // Scheduled against the start, so a late tick does not push every later event back.
      const dueIn = start + (k * 1000) / series.ratePerSecond - performance.now();
      if (dueIn > 0) await new Promise((resolve) => setTimeout(resolve, dueIn));
      const reason = `${series.reasonPrefix}${series.firstIndex + k}`;
      const result = backend.queuePause({ iface: series.iface, paused: true, reason });
      if (!result.ok || emittedAt[reason] === undefined) failed += 1;
    }
  } finally {
    probe.onAmiPublish = () => undefined;
  }
  return { emittedAt, failed };
}

/**
 * Screen-pop scenario: callers choose through alo153's IVR into a queue and talk until the agent hangs up;
 * the probe stamps each caller's AgentConnect frame as it is written to the AMI sockets.
 */
async function popCalls(args: PopCalls): Promise<PopCallsResult> {
  const connectedAt: Record<string, number> = {};
  const agentOf: Record<string, string> = {};
  const mine = new Set<string>();
  probe.onAmiPublish = (event) => {
    if (getHeader(event, 'Event') !== 'AgentConnect') return;
    const uniqueid = getHeader(event, 'Uniqueid');
    if (uniqueid === undefined || !mine.has(uniqueid) || connectedAt[uniqueid] !== undefined) return;
    connectedAt[uniqueid] = wallClockMs();
    agentOf[uniqueid] = getHeader(event, 'Interface') ?? '';
  };
  const script = [...args.digits].map((digit) => ({ afterMs: args.digitGapMs, digit }));
  const endings: Array<Promise<void>> = [];
  let finished = 0;
  let endedUnconnected = 0;
  const start = performance.now();
  try {
    for (const [k, callerNumber] of args.callerNumbers.entries()) {
      // Scheduled against the start, so a late tick does not push every later call back.
      const dueIn = start + (k * 1000) / args.ratePerSecond - performance.now();
      if (dueIn > 0) await new Promise((resolve) => setTimeout(resolve, dueIn));
      // Seeded callers with an open ticket hear the returning-caller offer first: 2 (a new request) keeps the keys for the menu.
      const handle = sim.placeCall({ callerNumber, callerName: 'Bench Arayan', script, onPrompt: pressOnPrompt({ [RETURNING_OFFER]: '2' }), hangupAfterMs: args.giveUpAfterMs });
      mine.add(handle.channelId);
      live.set(handle.channelId, handle);
      endings.push(
        handle.ended.then(() => {
          finished += 1;
          live.delete(handle.channelId);
          if (connectedAt[handle.channelId] === undefined) endedUnconnected += 1;
        }),
      );
    }
    const complete = await within(Promise.all(endings).then(() => undefined), args.drainTimeoutMs);
    return { placed: mine.size, connectedAt, agentOf, endedUnconnected, stillRunning: mine.size - finished, elapsedMs: performance.now() - start, timedOut: !complete };
  } finally {
    probe.onAmiPublish = () => undefined;
  }
}

serve<SimProtocol>({
  info: () => ({ ariUrl: sim.ariUrl, amiPort: sim.amiPort, speed }),
  closedLoop: async (args) => {
    const run = new Run(args, () => args.calls);
    const topUp = (): void => {
      while (run.inFlight < args.concurrency && run.channelIds.length < args.calls) run.place();
    };
    run.onFinish = () => setImmediate(topUp);
    topUp();
    const complete = await within(run.allFinished, args.timeoutMs);
    run.onFinish = () => undefined;
    return run.result(!complete);
  },
  openLoop: async (args) => {
    const total = Math.round(args.ratePerSecond * args.seconds);
    const run = new Run(args, () => total);
    await placeAtRate(run, total, args.ratePerSecond);
    const complete = await within(run.allFinished, args.drainTimeoutMs);
    return run.result(!complete);
  },
  hold: async (args) => {
    const run = new Run({ digitDelayMs: null, hangupAfterHandOffMs: 0, numberPrefix: args.numberPrefix }, () => args.calls);
    let inMenu = 0;
    let resolveHeard: () => void = () => undefined;
    const allHeard = new Promise<void>((resolve) => (resolveHeard = resolve));
    probe.onFirstPrompt = () => {
      inMenu += 1;
      if (inMenu >= args.calls) resolveHeard();
    };
    const deadline = performance.now() + args.timeoutMs;
    await placeAtRate(run, args.calls, args.ratePerSecond, () => performance.now() < deadline);
    const complete = await within(allHeard, Math.max(0, deadline - performance.now()));
    return { ...run.result(!complete), inMenu };
  },
  hangupAll: () => {
    const handles = [...live.values()];
    for (const handle of handles) handle.hangup();
    return { hungUp: handles.length };
  },
  snapshot: async (args) => ({ ...(await stats.snapshot(args)), channels: sim.channels().length }),
  registerAgent: ({ iface, name, answerAfterMs, talkMs }) => {
    sim.addAgent({ interface: iface, name, answerAfterMs: answerAfterMs ?? 1000, talkMs: talkMs ?? 60_000 });
    return null;
  },
  pauseSeries,
  popCalls,
}, () => sim.stop());
