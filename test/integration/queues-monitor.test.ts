import { expect } from 'chai';
import type { Knex } from 'knex';
import { createTestLogger } from '../../src/logging/logger.js';
import { istanbulDay } from '../../src/queues/istanbul-time.js';
import { startAlo153, type Alo153 } from '../../src/server.js';
import { createDatabase, databaseEngine } from '../../src/storage/database.js';
import { TEST_POSTGRES_URL } from '../support/db.js';
import { signIn, startSystem, waitFor, type System } from '../support/system.js';

const QUEUE = 'alo153-kentkart';

interface KpiBody {
  offered: number;
  answered: number;
  abandoned: number;
  handled: number;
  asaMs: number | null;
}
interface QueuesBody {
  queues: Array<{ name: string; waiting: number; members: number }>;
  agents: Array<{ interface: string; state: string }>;
  kpis: { total: KpiBody; queues: Record<string, KpiBody> };
}

let token = '';

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

/** A second Knex on the database the first app used (the first app destroys its own at stop). */
function reopen(db: Knex): Knex {
  const config = db.client.config as { connection?: { filename?: string }; searchPath?: string[] };
  if (databaseEngine(db) === 'postgres') return createDatabase({ url: TEST_POSTGRES_URL, sqliteFile: ':unused:', searchPath: config.searchPath ?? [] });
  return createDatabase({ sqliteFile: config.connection?.filename ?? '' });
}

describe('queue monitor in alo153', function () {
  this.timeout(30000);
  let system: System;
  let restarted: Alo153 | undefined;

  beforeEach(async () => {
    system = await startSystem({ agents: 2 });
    token = (await signIn(system, 'supervisor')).token;
  });

  afterEach(async () => {
    await restarted?.stop();
    restarted = undefined;
    await system.stop();
  });

  async function answeredCall(): Promise<string> {
    const call = system.sim.placeCall({ callerNumber: '05321234567', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    await waitFor(
      async () => {
        const { body } = await getJson<QueuesBody>(`${system.app.url}/api/queues`);
        return body.kpis.queues[QUEUE]?.handled === 1;
      },
      10000,
      'the queue call to be answered and completed',
    );
    return call.channelId;
  }

  it('shows a call answered by an agent in GET /api/queues and stores its queue events', async () => {
    const channelId = await answeredCall();
    const { status, body } = await getJson<QueuesBody>(`${system.app.url}/api/queues`);
    expect(status).to.equal(200);
    expect(body.kpis.queues[QUEUE]).to.include({ offered: 1, answered: 1, abandoned: 0 });
    expect(body.kpis.total).to.include({ offered: 1, answered: 1 });
    expect(body.queues.find((queue) => queue.name === QUEUE)).to.include({ waiting: 0 });
    expect(body.agents.map((agent) => agent.interface)).to.include('PJSIP/agent1');

    await system.app.monitor.flushEvents();
    const rows: Array<{ kind: string; queue: string | null; uniqueid: string | null; member_interface: string | null; at: string }> = await system.app
      .db('queue_events')
      .where({ uniqueid: channelId })
      .orderBy('id');
    const kinds = rows.map((row) => row.kind);
    expect(kinds).to.include.members(['callerJoin', 'agentCalled', 'agentConnect', 'agentComplete']);
    expect(kinds.indexOf('callerJoin')).to.be.below(kinds.indexOf('agentConnect'));
    expect(rows.every((row) => row.queue === QUEUE)).to.equal(true);
    expect(rows.find((row) => row.kind === 'agentConnect')?.member_interface).to.match(/^PJSIP\/agent[12]$/);
    expect(rows[0]?.at).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('records on the call and its ticket which agent answered after how long, once', async () => {
    const channelId = await answeredCall();
    const app = system.app;
    let call = await app.store.getCallByChannel(channelId);
    await waitFor(
      async () => {
        call = await app.store.getCallByChannel(channelId);
        const ticket = call?.ticketNumber ? await app.store.getTicket(call.ticketNumber) : undefined;
        // The hand-off's write (queued_at) goes through the call's retrying write queue and may land after
        // AMI's outcome, which is written on its own path: wait for both.
        return Boolean(call?.queuedAt) && Boolean(ticket?.events.some((event) => event.kind === 'agent-completed'));
      },
      5000,
      'the hand-off and the queue outcome on the call and its ticket',
    );
    // Read again: the call above may have been read just before the outcome the ticket then showed.
    call = await app.store.getCallByChannel(channelId);
    expect(call?.agent).to.match(/^PJSIP\/agent[12]$/);
    expect(call?.agentConnectedAt).to.be.instanceOf(Date);
    expect(call!.agentConnectedAt!.getTime()).to.be.at.least(call!.queuedAt!.getTime());
    const ticket = await app.store.getTicket(call!.ticketNumber!);
    const queueEvents = ticket!.events.filter((event) => event.actor === 'system:queue');
    expect(queueEvents.map((event) => event.kind)).to.deep.equal(['agent-answered', 'agent-completed']);
    expect(queueEvents[0]?.data).to.include({ queue: QUEUE, agent: call?.agent });
    expect(queueEvents[0]?.data.waitS).to.be.a('number');
  });

  it('recomputes the same KPIs from the stored events after a restart on the same database', async function () {
    const dayAtStart = istanbulDay(Date.now()).from;
    await answeredCall();
    const before = (await getJson<QueuesBody>(`${system.app.url}/api/queues`)).body.kpis;
    const db = reopen(system.app.db);
    await system.app.stop();
    restarted = await startAlo153(system.config, createTestLogger(), { db });
    const app = restarted;
    await waitFor(() => app.queueFeed.counters.snapshots >= 1, 5000, 'the first QueueStatus after the restart');
    const after = (await getJson<QueuesBody>(`${app.url}/api/queues`)).body.kpis;
    // The KPIs count the Istanbul day: a run across midnight compares two different days.
    if (istanbulDay(Date.now()).from !== dayAtStart) this.skip();
    expect(after.queues[QUEUE]).to.deep.equal(before.queues[QUEUE]);
    expect(after.total).to.include({ offered: 1, answered: 1, handled: 1 });
  });

  it('answers GET /api/queues/:name/stats over a period and rejects bad periods and unknown queues', async () => {
    await answeredCall();
    const base = `${system.app.url}/api/queues`;
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const ok = await getJson<{ queue: string; kpis: KpiBody }>(`${base}/${QUEUE}/stats?from=${from}&to=${to}`);
    expect(ok.status).to.equal(200);
    expect(ok.body.kpis).to.include({ offered: 1, answered: 1 });

    const bad = async (query: string): Promise<number> => (await getJson<unknown>(`${base}/${QUEUE}/stats?${query}`)).status;
    expect(await bad(`from=${to}&to=${from}`)).to.equal(400);
    expect(await bad('from=2026-01-01&to=2026-03-01')).to.equal(400);
    expect(await bad('from=yesterday&to=2026-03-01')).to.equal(400);
    expect(await bad(`from=${from}`)).to.equal(400);
    expect(await bad(`from=${from}&to=${to}&extra=1`)).to.equal(400);
    const unknown = await getJson<{ error: string }>(`${base}/alo153-yok/stats?from=${from}&to=${to}`);
    expect(unknown.status).to.equal(404);
  });
});
