import { expect } from 'chai';
import { migrateLatest, migrationConfig } from '../../src/storage/database.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

/** Migration 20261203_0002_call_data over rows written by the code before it. */
describe('migration 20261203_0002_call_data on existing rows', () => {
  let test: TestDatabase;
  const stamp = '2026-12-01T09:00:00.000Z';

  beforeEach(async () => {
    test = await createTestDatabase();
    // Undo the later migrations too, newest first, until 0002_call_data itself is undone.
    for (let step = 0; step < 20 && (await test.db.schema.hasColumn('calls', 'left_ivr_at')); step += 1) await test.db.migrate.down(migrationConfig);
    expect(await test.db.schema.hasColumn('calls', 'left_ivr_at')).to.equal(false);
  });

  afterEach(async () => {
    await test.destroy();
  });

  const oldCall = (id: string, fields: Record<string, string | null>) => ({
    id,
    channel_id: `ch-${id}`,
    started_at: stamp,
    ivr_path: '[]',
    created_at: stamp,
    updated_at: stamp,
    ...fields,
  });

  it('keeps duplicate old queue events (with no key) and dedupes new ones', async () => {
    const event = { at: stamp, kind: 'callerJoin', queue: 'alo153-genel', uniqueid: '1796.1', linkedid: '1796.1', data: '{}', created_at: stamp };
    await test.db('queue_events').insert([event, event, event]);
    await migrateLatest(test.db);
    const rows: Array<{ dedupe_key: string | null }> = await test.db('queue_events').select('dedupe_key');
    expect(rows.map((row) => row.dedupe_key)).to.deep.equal([null, null, null]);
    const keyed = { ...event, dedupe_key: 'callerJoin|1796283933853580|alo153-genel|1796.1' };
    await test.db('queue_events').insert(keyed).onConflict('dedupe_key').ignore();
    await test.db('queue_events').insert(keyed).onConflict('dedupe_key').ignore();
    expect(await test.db('queue_events').whereNotNull('dedupe_key').count({ n: '*' }).first()).to.satisfy((row: { n: number | string }) => Number(row.n) === 1);
  });

  it('moves the old end to leftIvrAt, forgets the wrong end of queued calls and marks answered ones', async () => {
    await test.db('calls').insert([
      oldCall('ivr', { ended_at: '2026-12-01T09:00:40.000Z', outcome: 'abandoned-in-ivr' }),
      oldCall('queued', { ended_at: '2026-12-01T09:00:50.000Z', outcome: 'handed-to-queue' }),
      oldCall('answered', { ended_at: '2026-12-01T09:00:50.000Z', agent_connected_at: '2026-12-01T09:01:10.000Z', agent: 'PJSIP/agent1', outcome: 'handed-to-queue' }),
      oldCall('live', { ended_at: null, outcome: null }),
    ]);
    await migrateLatest(test.db);
    const store = new KnexTicketStore(test.db);
    const view = async (id: string) => {
      const call = await store.getCall(id);
      return { outcome: call?.outcome, leftIvrAt: call?.leftIvrAt?.toISOString() ?? null, endedAt: call?.endedAt?.toISOString() ?? null };
    };
    expect(await view('ivr')).to.deep.equal({ outcome: 'abandoned-in-ivr', leftIvrAt: '2026-12-01T09:00:40.000Z', endedAt: '2026-12-01T09:00:40.000Z' });
    expect(await view('queued')).to.deep.equal({ outcome: 'handed-to-queue', leftIvrAt: '2026-12-01T09:00:50.000Z', endedAt: null });
    expect(await view('answered')).to.deep.equal({ outcome: 'answered', leftIvrAt: '2026-12-01T09:00:50.000Z', endedAt: null });
    expect((await store.openCallsWithoutEnd()).map((call) => call.id)).to.deep.equal(['live']);

    for (let step = 0; step < 20 && (await test.db.schema.hasColumn('calls', 'left_ivr_at')); step += 1) await test.db.migrate.down(migrationConfig);
    const restored: Array<{ id: string; ended_at: string | null; outcome: string | null }> = await test.db('calls').orderBy('id').select('id', 'ended_at', 'outcome');
    expect(restored.find((row) => row.id === 'answered')).to.deep.equal({ id: 'answered', ended_at: '2026-12-01T09:00:50.000Z', outcome: 'handed-to-queue' });
    expect(await test.db.schema.hasColumn('queue_events', 'dedupe_key')).to.equal(false);
  });
});
