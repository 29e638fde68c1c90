import { expect } from 'chai';
import { istanbulTime } from '../../src/queues/istanbul-time.js';
import { createAgentsReport } from '../../src/reports/agents/agents-report.js';
import type { ReportFilters, ReportTable } from '../../src/reports/report-types.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { seedCall, seedCallback, seedSession, seedUser } from './reports-seed.js';

// Monday 2 March 2026 in Istanbul: 2026-03-01T21:00Z to 2026-03-02T21:00Z.
const DAY: ReportFilters = { from: istanbulTime(2026, 3, 2), to: istanbulTime(2026, 3, 3) };
const LATER = () => Date.parse('2027-01-01T00:00:00.000Z');
const table = (tables: readonly ReportTable[], id: string): ReportTable => {
  const found = tables.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};
const wrapUpS = { default: 10, perQueue: { 'alo153-genel': 30 } };

describe(`reports: the agents report (${testEngine()})`, () => {
  let test: TestDatabase;
  let ayse: number;
  let zeynep: number;

  beforeEach(async () => {
    test = await createTestDatabase();
    const db = test.db;
    ayse = await seedUser(db, 'ayse', 'PJSIP/agent1', 'Ayşe');
    const mehmet = await seedUser(db, 'mehmet', 'PJSIP/agent2', 'Mehmet');
    zeynep = await seedUser(db, 'zeynep', 'PJSIP/agent3', 'Zeynep');
    // Ayşe logged in before the day began and out after it ended; a break starts 10 minutes before its end.
    await seedSession(db, ayse, 'login', '2026-03-01T20:00:00.000Z');
    await seedSession(db, ayse, 'pause', '2026-03-02T09:00:00.000Z', 'yemek');
    await seedSession(db, ayse, 'unpause', '2026-03-02T09:30:00.000Z');
    await seedSession(db, ayse, 'pause', '2026-03-02T20:50:00.000Z', 'mola');
    await seedSession(db, ayse, 'logout', '2026-03-02T22:00:00.000Z');
    // Mehmet: 1 h 30 min 0.5 s (milliseconds count on both engines).
    await seedSession(db, mehmet, 'login', '2026-03-02T06:00:00.000Z');
    await seedSession(db, mehmet, 'logout', '2026-03-02T07:30:00.500Z');
    // Zeynep: still logged in.
    await seedSession(db, zeynep, 'login', '2026-03-02T18:00:00.000Z');
    const genel = { outcome: 'answered', queue: 'alo153-genel' };
    const kart = { outcome: 'answered', queue: 'alo153-kentkart' };
    await seedCall(db, { id: 'a1', at: '2026-03-02T08:00:00.000Z', ...genel, agent: 'PJSIP/agent1', agentName: 'Ayşe', waitS: 3, talkS: 60, survey: 5 });
    await seedCall(db, { id: 'a2', at: '2026-03-02T08:10:00.000Z', ...genel, agent: 'PJSIP/agent1', agentName: 'Ayşe', waitS: 3, talkS: 90, survey: 4 });
    await seedCall(db, { id: 'a3', at: '2026-03-02T09:00:00.000Z', ...kart, agent: 'PJSIP/agent2', agentName: 'Mehmet', waitS: 3, talkS: 100, survey: 1 });
    // A phone no user has; its talk time never arrived.
    await seedCall(db, { id: 'a4', at: '2026-03-02T10:00:00.000Z', ...kart, agent: 'PJSIP/agent9', agentName: 'Misafir', waitS: 3 });
    await seedCall(db, { id: 'a5', at: '2026-03-02T11:00:00.000Z', outcome: 'abandoned-in-queue', queue: 'alo153-genel', waitS: 40 });
    await seedCall(db, { id: 'a6', at: '2026-03-03T12:00:00.000Z', ...genel, agent: 'PJSIP/agent1', waitS: 3, talkS: 500 });
    await seedCallback(db, 'cb1', ayse, '2026-03-02T12:00:00.000Z', 'answered');
    await seedCallback(db, 'cb2', ayse, '2026-03-02T12:10:00.000Z', 'no-answer');
    await seedCallback(db, 'cb3', ayse, '2026-03-03T12:00:00.000Z', 'answered');
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('gives each agent desk time clipped to the period, breaks by reason, calls, AHT, callbacks and survey scores', async () => {
    const tables = await createAgentsReport(test.db, { wrapUpS, now: LATER }).build(DAY);
    const rows = table(tables, 'agents').rows;
    const row = (agent: string) => rows.find((candidate) => candidate.agent === agent);
    expect(rows).to.have.length(4);
    expect(row('ayse')).to.deep.equal({
      agent: 'ayse',
      name: 'Ayşe',
      loggedIn: 86_400,
      breaks: 2400,
      ready: 84_000,
      answered: 2,
      handled: 2,
      aht: 105,
      talk: 75,
      callbacks: 2,
      callbacksReached: 1,
      surveyScore: 4.5,
      surveyCount: 2,
    });
    expect(row('mehmet')).to.include({ loggedIn: 5401, breaks: 0, answered: 1, handled: 1, aht: 110, surveyScore: 1, surveyCount: 1, callbacks: 0 });
    // Still logged in at the period's end: counted until the end.
    expect(row('zeynep')).to.include({ loggedIn: 3 * 3600, answered: 0 });
    expect(row('PJSIP/agent9')).to.include({ name: 'Misafir', loggedIn: 0, answered: 1, handled: 0, aht: null, surveyScore: null });
    expect(table(tables, 'breaks').rows).to.deep.equal([
      { agent: 'ayse', name: 'Ayşe', reason: 'mola', pauses: 1, seconds: 600 },
      { agent: 'ayse', name: 'Ayşe', reason: 'yemek', pauses: 1, seconds: 1800 },
    ]);
  });

  it('counts an open session until now while the period lasts', async () => {
    const now = () => Date.parse('2026-03-02T19:00:00.000Z');
    const rows = table(await createAgentsReport(test.db, { wrapUpS, now }).build(DAY), 'agents').rows;
    expect(rows.find((row) => row.agent === 'zeynep')).to.include({ loggedIn: 3600 });
    // Ayşe's last break had not begun by then.
    expect(rows.find((row) => row.agent === 'ayse')).to.include({ loggedIn: 22 * 3600, breaks: 1800 });
  });

  it('keeps one agent, or the agents who answered calls of a queue (their desk time stays whole)', async () => {
    const report = createAgentsReport(test.db, { wrapUpS, now: LATER });
    const one = table(await report.build({ ...DAY, agent: 'ayse' }), 'agents').rows;
    expect(one.map((row) => row.agent)).to.deep.equal(['ayse']);
    const kart = table(await report.build({ ...DAY, queue: 'alo153-kentkart' }), 'agents').rows;
    expect(kart.map((row) => [row.agent, row.answered, row.loggedIn])).to.have.deep.members([
      ['mehmet', 1, 5401],
      ['PJSIP/agent9', 1, 0],
    ]);
    expect(table(await report.build({ ...DAY, queue: 'alo153-kentkart' }), 'breaks').rows).to.deep.equal([]);
    expect(table(await report.build({ ...DAY, agent: 'nobody' }), 'agents').rows).to.deep.equal([]);
  });

  it('lists nobody for a period without facts, and reads a past period the same again and after later facts', async () => {
    const report = createAgentsReport(test.db, { wrapUpS, now: LATER });
    const empty = await report.build({ from: istanbulTime(2025, 1, 1), to: istanbulTime(2025, 1, 2) });
    expect(empty.map((t) => t.rows.length)).to.deep.equal([0, 0]);
    const first = await report.build(DAY);
    expect(await report.build(DAY)).to.deep.equal(first);
    await seedSession(test.db, zeynep, 'logout', '2026-03-04T09:00:00.000Z');
    await seedCall(test.db, { id: 'later', at: '2026-03-04T10:00:00.000Z', outcome: 'answered', queue: 'alo153-genel', agent: 'PJSIP/agent1', talkS: 10 });
    expect(await report.build(DAY)).to.deep.equal(first);
  });
});
