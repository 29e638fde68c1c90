/**
 * Soak child process: the PBX simulator with the demo's six agents and synthetic citizens, and the faults
 * bench/soak.ts orders. Env: SOAK_SIM_SPEED (simulated-time scale), SOAK_SIM_PASSWORD.
 */
import { createLogger } from '../src/logging/logger.js';
import { startSimulator, type CallHandle } from '../src/simulator/index.js';
import { startTraffic } from '../src/simulator/traffic.js';
import { serve } from './ipc.js';
import { ProcessStats } from './process-stats.js';
import { PATIENCE_ALLOWANCE_MS, type SoakCalls, type SoakSimProtocol } from './soak-protocol.js';
import { StasisLedger } from './soak-stasis.js';

const speed = Number(process.env.SOAK_SIM_SPEED ?? 1);
// Ctrl-C reaches the whole process group: the orchestrator alone decides, and stops us over IPC.
process.on('SIGINT', () => undefined);

// Which channels alo153 was given, by the route of each Stasis entry (a fallback call comes back after the queue).
const stasis = new StasisLedger();
stasis.watch();

const sim = await startSimulator({ username: 'alo153', password: process.env.SOAK_SIM_PASSWORD ?? 'soak', speed, logger: createLogger({ level: 'error' }) });
// The demo's agents (src/demo.ts): the queue members of dialplans/queues.conf.
for (let i = 1; i <= 6; i += 1) sim.addAgent({ interface: `PJSIP/agent${i}`, name: `Ajan ${i}`, answerAfterMs: 3000 + i * 500, talkMs: 20_000 + i * 4_000 });

const stats = new ProcessStats();
const placed: string[] = [];
const callerNumbers = new Set<string>();
const live = new Map<string, CallHandle>();
const ends: Record<string, number> = {};
let traffic: { stop(): void } | undefined;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function place(options: Parameters<typeof sim.placeCall>[0]): CallHandle {
  const patience = options.hangupAfterMs === undefined ? {} : { hangupAfterMs: options.hangupAfterMs + PATIENCE_ALLOWANCE_MS / speed };
  const handle = sim.placeCall({ ...options, ...patience });
  placed.push(handle.channelId);
  callerNumbers.add(options.callerNumber);
  live.set(handle.channelId, handle);
  void handle.ended.then(({ cause }) => {
    live.delete(handle.channelId);
    ends[cause] = (ends[cause] ?? 0) + 1;
  });
  return handle;
}

async function fault(kind: SoakSimProtocol['fault']['args']['kind'], holdMs: number): Promise<null> {
  if (kind === 'ari-drop') sim.dropAriWebSocket();
  if (kind === 'ami-outage') {
    sim.setAmiAvailable(false);
    await wait(holdMs);
    sim.setAmiAvailable(true);
  }
  if (kind === 'asterisk-restart') await sim.restartAsterisk({ refuseMs: holdMs, http404Ms: holdMs, notBootedMs: holdMs });
  return null;
}

function calls(): SoakCalls {
  const split = stasis.split(placed);
  return {
    placed,
    stasis: split.entered,
    fallback: split.fallback,
    fallbackBackAfterQueue: split.fallbackBackAfterQueue.length,
    ends,
    distinctCallerNumbers: callerNumbers.size,
    stillLive: live.size,
  };
}

serve<SoakSimProtocol>(
  {
    info: () => ({ ariUrl: sim.ariUrl, amiPort: sim.amiPort }),
    startTraffic: ({ callsPerHour, seed }) => {
      traffic?.stop();
      traffic = startTraffic(place, speed, { callsPerMinute: callsPerHour / 60, seed });
      return null;
    },
    stopTraffic: () => {
      traffic?.stop();
      traffic = undefined;
      return { placed: placed.length };
    },
    fault: ({ kind, holdMs }) => fault(kind, holdMs),
    drain: async ({ timeoutMs }) => {
      const deadline = performance.now() + timeoutMs;
      while (live.size > 0 && performance.now() < deadline) await wait(20);
      return { live: live.size };
    },
    calls,
    snapshot: async ({ gc }) => ({ ...(await stats.snapshot({ gc, resetLoop: false })), channels: sim.channels().length, placed: placed.length }),
  },
  async () => {
    traffic?.stop();
    await sim.stop();
  },
);
