import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexSurveyStore } from '../../src/survey/survey-store.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

describe(`GET /api/figures/survey: averages per agent and queue (${testEngine()})`, () => {
  let test: TestDatabase;
  let http: TestHttpApp;
  let store: KnexSurveyStore;
  const NOW = Date.parse('2026-12-03T10:00:00.000Z');

  beforeEach(async () => {
    test = await createTestDatabase();
    store = new KnexSurveyStore(test.db);
    http = await startTestHttpApp({
      db: test.db,
      logger: createTestLogger(),
      accounts: [
        { username: 'sefe', role: 'supervisor' },
        { username: 'ajan', role: 'agent' },
      ],
      deps: { survey: { store, shifts: [], now: () => NOW } },
    });
    const calls = [
      { id: 'a', queue: 'alo153-genel', agent: 'PJSIP/agent1', name: 'Ayşe', score: 5, at: '2026-12-03T08:00:00.000Z' },
      { id: 'b', queue: 'alo153-genel', agent: 'PJSIP/agent1', name: 'Ayşe', score: 4, at: '2026-12-03T09:00:00.000Z' },
      { id: 'c', queue: 'alo153-ulasim', agent: 'PJSIP/agent2', name: 'Mehmet', score: 1, at: '2026-12-03T09:30:00.000Z' },
      // Yesterday in Istanbul (23:30 on 2 December, +03:00): not in today's figures.
      { id: 'd', queue: 'alo153-genel', agent: 'PJSIP/agent2', name: 'Mehmet', score: 5, at: '2026-12-02T20:30:00.000Z' },
    ];
    for (const call of calls) {
      await test.db('calls').insert({ id: call.id, channel_id: `ch-${call.id}`, started_at: call.at, ivr_path: '[]', queue: call.queue, agent: call.agent, agent_name: call.name, created_at: call.at, updated_at: call.at });
      await store.recordScore(`ch-${call.id}`, call.score, new Date(call.at));
    }
    // A second score for a call changes nothing: the first stays.
    expect(await store.recordScore('ch-a', 1, new Date(NOW))).to.equal(false);
  });

  afterEach(async () => {
    await http.close();
    await test.destroy();
  });

  it("gives today's Istanbul day by default, per agent and per queue, to supervisors only", async () => {
    const reply = await http.call<{ from: string; to: string; total: unknown; byAgent: unknown[]; byQueue: unknown[] }>('GET', '/api/figures/survey', 'sefe');
    expect(reply.status).to.equal(200);
    expect(reply.body.from).to.equal('2026-12-02T21:00:00.000Z');
    expect(reply.body.total).to.deep.equal({ count: 3, average: 3.33 });
    expect(reply.body.byAgent).to.deep.equal([
      { agent: 'PJSIP/agent1', agentName: 'Ayşe', count: 2, average: 4.5 },
      { agent: 'PJSIP/agent2', agentName: 'Mehmet', count: 1, average: 1 },
    ]);
    expect(reply.body.byQueue).to.deep.equal([
      { queue: 'alo153-genel', count: 2, average: 4.5 },
      { queue: 'alo153-ulasim', count: 1, average: 1 },
    ]);
    expect((await http.call('GET', '/api/figures/survey', 'ajan')).status).to.equal(403);
  });

  it('takes a period of Istanbul days and refuses half a period', async () => {
    const reply = await http.call<{ total: unknown }>('GET', '/api/figures/survey?from=2026-12-02&to=2026-12-03', 'sefe');
    expect(reply.body.total).to.deep.equal({ count: 4, average: 3.75 });
    expect((await http.call('GET', '/api/figures/survey?from=2026-12-02', 'sefe')).status).to.equal(400);
  });
});
