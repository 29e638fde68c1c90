import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { KnexAbandonedCallers } from '../../src/relay/callback/abandoned-callers.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

const NOW = new Date('2026-12-03T12:00:00.000Z');

/** The abandoned-callers list on both engines: once per number per Istanbul day, oldest first, gone once reached. */
describe(`callbacks: abandoned callers (${testEngine()})`, () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.destroy();
  });

  async function call(number: string, startedAt: string, outcome: string, queue: string | null = 'alo153-genel'): Promise<string> {
    const id = randomUUID();
    await database.db('calls').insert({ id, channel_id: `ch-${id}`, caller_number: number, started_at: startedAt, outcome, queue, created_at: startedAt, updated_at: startedAt });
    return id;
  }

  const list = (lookbackDays = 2) => new KnexAbandonedCallers(database.db).list({ now: NOW, lookbackDays });

  it('lists a number once per Istanbul day with its latest call, oldest first', async () => {
    await call('05320000001', '2026-12-03T08:00:00.000Z', 'abandoned-in-queue');
    const latest = await call('05320000001', '2026-12-03T09:00:00.000Z', 'abandoned-in-ivr');
    const other = await call('05320000002', '2026-12-03T07:00:00.000Z', 'abandoned-in-queue');
    // 22:30 UTC on the 2nd is 01:30 on the 3rd in Istanbul: the same day as the calls above.
    await call('05320000002', '2026-12-02T22:30:00.000Z', 'abandoned-in-queue');
    // 20:30 UTC on the 2nd is still the 2nd in Istanbul: a day of its own.
    const dayBefore = await call('05320000001', '2026-12-02T20:30:00.000Z', 'abandoned-in-queue');
    const items = await list();
    expect(items.map((i) => [i.callerNumber, i.day, i.callId, i.abandonedCalls])).to.deep.equal([
      ['05320000001', '2026-12-02', dayBefore, 1],
      ['05320000002', '2026-12-03', other, 2],
      ['05320000001', '2026-12-03', latest, 2],
    ]);
  });

  it('leaves out IVR hang-ups before a choice, calls outside the lookback, and numbers reached since', async () => {
    await call('05320000003', '2026-12-03T08:00:00.000Z', 'abandoned-in-ivr', null);
    await call('05320000004', '2026-11-20T08:00:00.000Z', 'abandoned-in-queue');
    await call('05320000005', '2026-12-03T08:00:00.000Z', 'abandoned-in-queue');
    await call('05320000005', '2026-12-03T08:30:00.000Z', 'answered');
    const calledBack = await call('05320000006', '2026-12-03T08:00:00.000Z', 'abandoned-in-queue');
    await database.db('users').insert({ id: 9001, username: 'ajan', display_name: 'Ajan', role: 'agent', password_hash: 'x', active: true, created_at: NOW.toISOString(), updated_at: NOW.toISOString() }).catch(() => undefined);
    const userId = Number((await database.db('users').first('id'))?.id);
    await database.db('callback_attempts').insert({ id: randomUUID(), call_id: calledBack, user_id: userId, agent_interface: 'PJSIP/agent1', citizen_number: '05320000006', status: 'ended', outcome: 'answered', started_at: '2026-12-03T09:00:00.000Z', ended_at: '2026-12-03T09:02:00.000Z', created_at: '2026-12-03T09:00:00.000Z' });
    const stillWaiting = await call('05320000007', '2026-12-03T08:00:00.000Z', 'abandoned-in-queue');
    expect((await list()).map((i) => i.callId)).to.deep.equal([stillWaiting]);
  });
});
