import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/load.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCallbackAttemptStore } from '../../src/relay/callback/callback-store-knex.js';
import { startAlo153, type Alo153 } from '../../src/server.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { KnexUserStore } from '../../src/auth/user-store.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { TEST_HASHER } from '../support/test-hasher.js';
import { testIvrFile, waitFor } from '../support/system.js';

const ID = '0f8c6f0e-5b7a-4c39-9b1e-3d2a1c0b9a87';

/** What a killed process leaves: an attempt without ended_at, and its two legs bridged in Asterisk. */
describe(`callbacks: a process restart mid-callback (${testEngine()})`, function () {
  this.timeout(30000);
  let database: TestDatabase;
  let sim: Simulator;
  let app: Alo153 | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
    sim = await startSimulator({ username: 'alo153', password: 'test-secret', speed: 0.01, logger: createTestLogger() });
  });

  afterEach(async () => {
    if (app) await app.stop();
    else await database.destroy();
    await sim.stop();
  });

  const ari = async (method: string, route: string) => {
    const response = await fetch(`${sim.ariUrl}/ari${route}`, { method, headers: { authorization: `Basic ${Buffer.from('alo153:test-secret').toString('base64')}` } });
    expect(response.status, `${method} ${route}`).to.be.within(200, 299);
  };

  it('closes the open attempt as interrupted and hangs up and destroys what it left in ARI; the IVR adopts nothing', async () => {
    sim.addAgent({ interface: 'PJSIP/agent1', name: 'Ajan 1', answerAfterMs: 100, talkMs: 1_000_000 });
    sim.setTrunk('05321234567', { result: 'answer', ringMs: 100, talkMs: 10_000_000 });
    await ari('POST', `/channels?endpoint=PJSIP/agent1&app=alo153&appArgs=callback,${ID},agent&channelId=cb-${ID}-agent&callerId=153&timeout=20`);
    await ari('POST', `/channels?endpoint=PJSIP/05321234567@trunk&app=alo153&appArgs=callback,${ID},citizen&channelId=cb-${ID}-citizen&callerId=153&timeout=30`);
    await waitFor(() => sim.channels().filter((c) => c.inStasis).length === 2, 3000, 'both legs in Stasis');
    await ari('POST', `/bridges?type=mixing&bridgeId=cb-${ID}`);
    await ari('POST', `/bridges/cb-${ID}/addChannel?channel=cb-${ID}-agent,cb-${ID}-citizen`);
    const user = await new KnexUserStore(database.db, { hasher: TEST_HASHER }).create({ username: 'ajan1', displayName: 'Ajan 1', role: 'agent', password: 'test-parola-153', phoneInterface: 'PJSIP/agent1' });
    const store = new KnexCallbackAttemptStore(database.db);
    const t = new Date(Date.now() - 60_000).toISOString();
    await store.insert({ id: ID, ticketNumber: null, callId: null, userId: user.id, agentInterface: 'PJSIP/agent1', citizenNumber: '05321234567', status: 'bridged', outcome: null, hangupCause: null, startedAt: t, agentAnsweredAt: t, citizenAnsweredAt: t, endedAt: null, ringS: 3, talkS: null, createdAt: t });

    const config = loadConfig({
      env: {},
      overrides: {
        http: { port: 0 },
        ari: { url: sim.ariUrl, password: 'test-secret', commandTimeoutMs: 2000, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
        ami: { port: sim.amiPort, password: 'test-secret', reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
        ivr: { file: testIvrFile(300) },
        auth: { secret: 'integration-test-secret-0123456789abcdef' },
        calls: { shutdownDrainMs: 2000, ticketRetryMaxDelayMs: 200, outbox: { file: path.join(mkdtempSync(path.join(tmpdir(), 'alo153-outbox-')), 'ticket-outbox.jsonl') } },
      },
    });
    app = await startAlo153(config, createTestLogger(), { db: database.db, passwordHasher: TEST_HASHER });
    const closed = await app.callbacks.store.get(ID);
    expect(closed).to.include({ status: 'ended', outcome: 'interrupted', hangupCause: 'process restart' });
    expect(closed?.endedAt).to.be.a('string');
    await waitFor(() => sim.channels().length === 0 && sim.bridges().length === 0, 5000, 'the left legs hung up and the bridge destroyed');
    expect(app.registry.stats.adopted).to.equal(0);
    expect(app.registry.stats.started).to.equal(0);
  });
});
