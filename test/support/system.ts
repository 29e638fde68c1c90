import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { AppConfig } from '../../src/config/schema.js';
import type { CallView } from '../../src/requests/ticket-store-type.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { startAlo153, type Alo153, type StartOptions } from '../../src/server.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createTestDatabase } from './db.js';
import type { Role } from '../../src/auth/roles.js';
import { TEST_HASHER } from './test-hasher.js';

export interface System {
  sim: Simulator;
  app: Alo153;
  config: AppConfig;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** Simulated time scale: 0.01 plays a 20 s prompt in 200 ms. */
  speed?: number;
  agents?: number;
  /** Simulated ms before a synthetic agent answers (default 1000) and how long it talks (default 5000). */
  agentAnswerAfterMs?: number;
  agentTalkMs?: number;
  /** Wrap-up the board shows after a call, in real seconds (default: the shipped 10). */
  wrapUpS?: number;
  firstDigitTimeoutMs?: number;
  ticketRetryMaxDelayMs?: number;
  /** A simulator dialplan directory (makeDialplanDir) instead of dialplans/, e.g. with its own queues.conf. */
  dialplanDir?: string;
  /** The test SMSC (src/simulator/smsc) to send SMS to; absent: SMS sending is off (relay.sms.enabled false). */
  smsc?: { port: number; systemId: string; password: string };
  /** Phone-line ports over alo153's own (a fake announcement source and outcome recorder …). */
  phone?: StartOptions['phone'];
  /** Further config (deep-merged last), e.g. `{ lifecycle: { unreachable: { attempts: 3, days: 0 } } }`. */
  config?: NonNullable<Parameters<typeof loadConfig>[0]>['overrides'];
}

/** A test IVR: the shipped menu with timeouts short enough for tests. */
export function testIvrFile(firstDigitTimeoutMs: number): string {
  const ivr = JSON.parse(readFileSync('config/ivr.json', 'utf8')) as Record<string, unknown>;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-ivr-')), 'ivr.json');
  writeFileSync(file, JSON.stringify({ ...ivr, firstDigitTimeoutMs, interDigitTimeoutMs: Math.ceil(firstDigitTimeoutMs / 2), ticketWaitMs: 200 }));
  return file;
}

/** The simulator and alo153 attached to it over real ARI and AMI, on the test database engine. */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const logger = createTestLogger();
  const sim = await startSimulator({ username: 'alo153', password: 'test-secret', speed: options.speed ?? 0.01, logger, ...(options.dialplanDir ? { dialplanDir: options.dialplanDir } : {}) });
  for (let i = 1; i <= (options.agents ?? 0); i += 1) {
    sim.addAgent({ interface: `PJSIP/agent${i}`, name: `Ajan ${i}`, answerAfterMs: options.agentAnswerAfterMs ?? 1000, talkMs: options.agentTalkMs ?? 5000 });
  }
  const config = loadConfig({
    env: {},
    overrides: {
      http: { port: 0 },
      ari: { url: sim.ariUrl, password: 'test-secret', commandTimeoutMs: 2000, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
      ami: { port: sim.amiPort, password: 'test-secret', reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
      ivr: { file: testIvrFile(options.firstDigitTimeoutMs ?? 300) },
      auth: { secret: 'integration-test-secret-0123456789abcdef' },
      ...(options.wrapUpS === undefined ? {} : { queues: { wrapUpS: { default: options.wrapUpS } } }),
      calls: {
        shutdownDrainMs: 2000,
        ticketRetryMaxDelayMs: options.ticketRetryMaxDelayMs ?? 200,
        outbox: { file: path.join(mkdtempSync(path.join(tmpdir(), 'alo153-outbox-')), 'ticket-outbox.jsonl') },
      },
      relay: {
        sms: options.smsc
          ? { enabled: true, smsc: { host: '127.0.0.1', ...options.smsc }, perSecond: 500, retry: { initialDelayMs: 20, maxDelayMs: 200 } }
          : { enabled: false },
      },
      ...options.config,
    },
  });
  const database = await createTestDatabase({ migrate: false });
  const app = await startAlo153(config, logger, { db: database.db, passwordHasher: TEST_HASHER, ...(options.phone ? { phone: options.phone } : {}) });
  await waitFor(() => app.ari.state === 'connected' && app.ami.state === 'connected', 5000, 'alo153 to connect');
  return {
    sim,
    app,
    config,
    async stop() {
      await app.stop();
      await sim.stop();
      await database.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The stored call once alo153 has recorded how it left the IVR (handed to a queue, abandoned, ...); AMI may have added a queue outcome already. */
export async function waitForCallEnd(system: System, channelId: string, timeoutMs = 10000): Promise<CallView> {
  let call: CallView | undefined;
  await waitFor(
    async () => {
      call = await system.app.store.getCallByChannel(channelId);
      return Boolean(call?.leftIvrAt);
    },
    timeoutMs,
    `the end of call ${channelId}`,
  );
  return call!;
}

export const TEST_PASSWORD = 'test-parola-153';

export interface SignedIn {
  token: string;
  userId: number;
  username: string;
}

/** Creates a user with `role` and logs in over REST, as a screen would. */
export async function signIn(system: System, role: Role, username = `${role}-${Math.random().toString(36).slice(2, 8)}`, phoneInterface?: string): Promise<SignedIn> {
  const user = await system.app.auth.users.create({ username, displayName: `Test ${role}`, role, password: TEST_PASSWORD, phoneInterface: phoneInterface ?? null });
  const response = await fetch(`${system.app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
  const body = (await response.json()) as { token: string };
  return { token: body.token, userId: user.id, username };
}
