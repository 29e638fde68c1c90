/**
 * Soak child process: alo153 as in production (startAlo153, the shipped config/ivr.json) attached to the
 * simulator at SOAK_ARI_URL / SOAK_AMI_PORT, on a fresh SQLite file in a temp dir or its own schema on
 * PostgreSQL (SOAK_DATABASE_URL), its ticket outbox in a temp dir too. Run with --expose-gc.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/logging/logger.js';
import { startAlo153 } from '../src/server.js';
import { startDemoBreaks } from '../src/simulator/demo-breaks.js';
import { shippedSiteData } from '../src/config/site.js';
import { createBenchDatabase } from './bench-db.js';
import { serve } from './ipc.js';
import { ProcessStats } from './process-stats.js';
import type { SoakAppProtocol, SoakReading } from './soak-protocol.js';
import { verifySoak } from './soak-verify.js';

process.on('SIGINT', () => undefined);

const password = process.env.SOAK_SIM_PASSWORD ?? 'soak';
const outboxDir = mkdtempSync(join(tmpdir(), 'alo153-soak-outbox-'));
const config = loadConfig({
  env: {},
  overrides: {
    http: { port: 0 },
    ari: { url: process.env.SOAK_ARI_URL ?? '', password, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } },
    ami: { port: Number(process.env.SOAK_AMI_PORT), password, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } },
    calls: { shutdownDrainMs: 3000, outbox: { file: join(outboxDir, 'ticket-outbox.jsonl') } },
    auth: { secret: 'alo153-soak-token-secret-0123456789abcdef' },
  },
});
const logger = createLogger({ level: process.env.SOAK_LOG_LEVEL ?? 'error' });
const database = await createBenchDatabase(process.env.SOAK_DATABASE_URL || undefined);
const alo153 = await startAlo153(config, logger, { db: database.db });
const stats = new ProcessStats();
let breaks: { stop(): void } | undefined;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

async function reading(gc: boolean): Promise<SoakReading> {
  const snapshot = await stats.snapshot({ gc, resetLoop: true });
  const resources: Record<string, number> = {};
  const active = process.getActiveResourcesInfo();
  for (const type of active) resources[type] = (resources[type] ?? 0) + 1;
  return {
    ...snapshot,
    resources,
    activeResources: active.length,
    tcpSockets: resources.TCPSocketWrap ?? 0,
    realtimeSockets: alo153.realtime.io.engine.clientsCount,
    liveCalls: alo153.registry.size,
    pendingWrites: alo153.tickets.pendingWrites(),
    queueFacts: alo153.monitor.state.facts.length,
  };
}

serve<SoakAppProtocol>(
  {
    waitConnected: async ({ timeoutMs }) => ({ connected: await until(() => alo153.ari.state === 'connected' && alo153.ami.state === 'connected', timeoutMs) }),
    links: () => ({ ari: alo153.ari.state, ami: alo153.ami.state, ariConnects: alo153.ari.counters.connects, amiSnapshots: alo153.queueFeed.counters.snapshots }),
    reading: ({ gc }) => reading(gc),
    startBreaks: ({ agents, speed }) => {
      breaks?.stop();
      breaks = startDemoBreaks(alo153.ami, agents, speed, shippedSiteData().pauseReasons.map((reason) => reason.code), logger);
      return null;
    },
    stopBreaks: () => {
      breaks?.stop();
      breaks = undefined;
      return null;
    },
    waitIdle: async ({ timeoutMs }) => {
      const idle = await until(() => alo153.registry.size === 0 && alo153.tickets.pendingWrites() === 0, timeoutMs);
      await alo153.monitor.flushEvents();
      return { idle, liveCalls: alo153.registry.size, pendingWrites: alo153.tickets.pendingWrites() };
    },
    verify: ({ stasis }) => verifySoak(alo153.db, stasis),
    pruneDayFacts: () => {
      const before = alo153.monitor.state.facts.length;
      alo153.monitor.pruneOldFacts(Date.now() + 2 * 86_400_000);
      return { pruned: before - alo153.monitor.state.facts.length };
    },
    supervisor: async () => {
      const credentials = { username: 'soak-supervisor', password: 'Soak-153-Erciyes-dağı' };
      await alo153.auth.users.create({ ...credentials, displayName: 'Soak Süpervizör', role: 'supervisor' });
      const { token } = await alo153.auth.service.login(credentials.username, credentials.password, 'soak');
      return { url: alo153.url, token };
    },
  },
  async () => {
    breaks?.stop();
    await alo153.stop();
    await database.cleanUp();
    rmSync(outboxDir, { recursive: true, force: true });
  },
);
