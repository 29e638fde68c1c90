import { loadConfigOrExit } from './config/load-or-exit.js';
import { createLogger } from './logging/logger.js';
import { startAlo153 } from './server.js';
import { DEMO_CALLBACK_INTERFACE, DEMO_CALLBACK_USER, DEMO_DESK_INTERFACE, seedDemoUsers } from './auth/demo-users.js';
import { DemoRelay } from './simulator/demo-lifecycle/demo-relay.js';
import type { Alo153 } from './server.js';
import type { Logger } from './logging/logger.js';
import { startDemoBreaks } from './simulator/demo-breaks.js';
import { startSimulator } from './simulator/index.js';
import { startSmsc } from './simulator/smsc/smsc-server.js';
import { loadSiteData } from './config/site.js';
import { seededRandom } from './shared/seeded-random.js';
import { DemoStaff } from './simulator/demo-lifecycle/demo-staff.js';

/**
 * `npm run demo`: the built-in PBX simulator with synthetic citizens and agents, and alo153
 * attached to it over real ARI (HTTP + WebSocket) and AMI (TCP), on the embedded SQLite defaults.
 */
async function main(): Promise<void> {
  // The demo creates logins with a published password: never on a production install.
  if (process.env.NODE_ENV === 'production') throw new Error('the demo does not run with NODE_ENV=production');
  const config = loadConfigOrExit('alo153 demo');
  const logger = createLogger({ level: config.log.level });
  const simulator = await startSimulator({
    username: config.ari.username,
    password: config.ari.password,
    speed: config.demo.speed,
    logger,
  });
  for (let i = 1; i <= config.demo.agents; i += 1) {
    simulator.addAgent({ interface: `PJSIP/agent${i}`, name: `Ajan ${i}`, answerAfterMs: 3000 + i * 500, talkMs: 25_000 + i * 5_000 });
  }
  // The desk user's softphone: it answers what app_queue offers once `masa` has logged in at /desk.
  simulator.addAgent({ interface: DEMO_DESK_INTERFACE, name: 'Masa Temsilcisi', answerAfterMs: 2000, talkMs: 120_000 });
  simulator.addAgent({ interface: DEMO_CALLBACK_INTERFACE, name: 'Geri Arama Masası', answerAfterMs: 1500, talkMs: 600_000 });
  // Callbacks from the desk reach simulated citizens who answer, are busy or do not answer in these shares.
  simulator.setTrunkShares(config.demo.trunk, config.demo.seed);
  // A local SMSC (SMPP on 127.0.0.1, any free port): the citizens' SMS are really submitted and receipted.
  const smsc = await startSmsc({ systemId: config.relay.sms.smsc.systemId, password: config.relay.sms.smsc.password, receiptDelayMs: 3000 });
  const demoConfig = {
    ...config,
    relay: { ...config.relay, sms: { ...config.relay.sms, enabled: true, smsc: { ...config.relay.sms.smsc, host: '127.0.0.1', port: smsc.port } } },
    ari: { ...config.ari, url: simulator.ariUrl },
    ami: { ...config.ami, port: simulator.amiPort, username: config.ari.username, password: config.ari.password },
  };
  const app = await startAlo153(demoConfig, logger, { seedUsers: (users) => seedDemoUsers(users, config.demo.agents, logger) });
  const breakReasons = loadSiteData(config.site.file).pauseReasons.map((reason) => reason.code);
  const staff = new DemoStaff(
    { db: app.db, requests: app.requests.service, logger, random: seededRandom(config.demo.seed + 1), speed: config.demo.speed },
    config.demo.departments,
  );
  if (config.demo.departments.enabled) staff.start();
  const relay = await startDemoRelay(app, logger);
  const breaks = startDemoBreaks(app.ami, config.demo.agents, config.demo.speed, breakReasons, logger);
  // demo.callsPerMinute is what a person watching sees (wall clock); the simulator counts simulated minutes.
  const traffic = simulator.startTraffic({ callsPerMinute: config.demo.callsPerMinute * config.demo.speed, seed: config.demo.seed });
  logger.info('demo running', {
    wallboard: `${app.url}/wallboard`,
    api: `${app.url}/api/tickets`,
    health: `${app.url}/healthz`,
    ari: simulator.ariUrl,
    amiPort: simulator.amiPort,
    smscPort: smsc.port,
    callsPerMinute: config.demo.callsPerMinute,
    speed: config.demo.speed,
  });

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) process.exit(130);
    stopping = true;
    traffic.stop();
    breaks.stop();
    staff.stop();
    relay?.stop();
    await app.stop();
    await simulator.stop();
    await smsc.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/** The synthetic call-back desk, when the demo database has its user (a fresh demo database does). */
async function startDemoRelay(app: Alo153, logger: Logger): Promise<DemoRelay | undefined> {
  const user = (await app.db('users').where({ username: DEMO_CALLBACK_USER }).first('id')) as { id: number | string } | undefined;
  if (!user) return undefined;
  const relay = new DemoRelay({
    db: app.db,
    requests: app.requests.service,
    callbacks: app.callbacks.service,
    attempts: app.callbacks.store,
    logger,
    agent: { userId: Number(user.id), username: DEMO_CALLBACK_USER, phoneInterface: DEMO_CALLBACK_INTERFACE },
    retryAfterMs: 60_000,
  });
  relay.start();
  return relay;
}

main().catch((error: unknown) => {
  process.stderr.write(`alo153 demo: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
