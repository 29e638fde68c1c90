import { expect } from 'chai';
import type { UserView } from '../../src/auth/user-store.js';
import { createTestLogger } from '../../src/logging/logger.js';
import type { BoardDeltaMessage, BoardEntries, StreamName } from '../../src/realtime/protocol.js';
import { createStreamHub, type StreamHub } from '../../src/realtime/stream-hub.js';
import { isStreamName } from '../../src/realtime/stream-names.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

type User = Pick<UserView, 'id' | 'role' | 'department' | 'queues' | 'phoneInterface'>;
const user = (id: number, role: User['role'], overrides: Partial<User> = {}): User => ({ id, role, department: null, queues: null, phoneInterface: null, ...overrides });

describe('stream hub', () => {
  let clock: number;
  let hub: StreamHub;
  let sent: BoardDeltaMessage[];

  beforeEach(() => {
    clock = 1_000;
    hub = createStreamHub({
      logger: createTestLogger(),
      now: () => clock,
      access: { knowsQueue: (name) => ['genel', 'kentkart', 'su'].includes(name), isMember: (phone, queue) => phone === 'PJSIP/agent7' && queue === 'su' },
    });
    sent = [];
    hub.onDelta((delta) => sent.push(delta));
  });

  it('numbers each patch that changes something, and sends only the entries whose content changed', () => {
    hub.patch('relay', { a: 1, b: { n: 1 } });
    hub.patch('relay', { a: 1, b: { n: 2 } });
    expect(hub.patch('relay', { a: 1 }), 'nothing changed').to.equal(null);
    hub.patch('relay', {}, ['a', 'missing']);
    expect(sent.map((delta) => delta.seq)).to.deep.equal([1, 2, 3]);
    expect(sent[1]).to.deep.equal({ stream: 'relay', seq: 2, at: 1000, set: { b: { n: 2 } }, remove: [] });
    expect(sent[2]).to.deep.include({ set: {}, remove: ['a'] });
    expect(hub.snapshot('relay')).to.deep.equal({ stream: 'relay', seq: 3, at: 1000, entries: { b: { n: 2 } } });
  });

  it('numbers every stream on its own', () => {
    hub.patch('desk:1', { state: 'a' });
    hub.patch('desk:2', { state: 'a' });
    hub.patch('desk:1', { state: 'b' });
    expect(sent.map((delta) => `${delta.stream}#${delta.seq}`)).to.deep.equal(['desk:1#1', 'desk:2#1', 'desk:1#2']);
  });

  it('replace removes what the new entries leave out', () => {
    hub.replace('escalations', { t1: 'x', t2: 'y' });
    const delta = hub.replace('escalations', { t2: 'y', t3: 'z' });
    expect(delta).to.deep.include({ seq: 2, set: { t3: 'z' }, remove: ['t1'] });
  });

  it('a snapshot after many random patches equals the deltas applied in order, as a screen applies them', () => {
    const random = seededRandom(42);
    const screen: BoardEntries = {};
    let seq = 0;
    hub.onDelta((delta) => {
      expect(delta.seq, 'no gap').to.equal(seq + 1);
      seq = delta.seq;
      for (const key of delta.remove) delete screen[key];
      Object.assign(screen, delta.set);
    });
    for (let i = 0; i < 2000; i += 1) {
      const key = `item:${Math.floor(random() * 50)}`;
      if (random() < 0.3) hub.patch('inbox:ulasim', {}, [key]);
      else hub.patch('inbox:ulasim', { [key]: { count: Math.floor(random() * 5) } });
    }
    const snapshot = hub.snapshot('inbox:ulasim');
    expect(snapshot.seq).to.equal(seq);
    expect(snapshot.entries).to.deep.equal(screen);
  });

  it('fills a stream nobody published yet through its kind opener, without sending that first fill', () => {
    hub.onOpen('queue', (stream) => hub.replace(stream, { tile: stream }));
    const snapshot = hub.snapshot('queue:su');
    expect(snapshot.entries).to.deep.equal({ tile: 'queue:su' });
    expect(sent).to.deep.equal([]);
    hub.patch('queue:su', { tile: 'changed' });
    expect(sent.map((delta) => delta.seq)).to.deep.equal([snapshot.seq + 1]);
  });

  it('a stream dropped and opened again shows its old followers a gap, so they ask for the new entries', () => {
    hub.patch('inbox:cevre', { a: 1 });
    hub.patch('inbox:cevre', { a: 2 });
    hub.drop('inbox:cevre');
    hub.patch('inbox:cevre', { b: 1 });
    expect(sent.at(-1)!.seq).to.equal(4);
  });

  it('keeps one snapshot object until the next change, so reconnecting screens share it', () => {
    hub.patch('relay', { a: 1 });
    expect(hub.snapshot('relay').entries).to.equal(hub.snapshot('relay').entries);
    hub.patch('relay', { a: 2 });
    expect(hub.snapshot('relay').entries).to.deep.equal({ a: 2 });
  });

  describe('who may follow which stream', () => {
    const may = (who: User, stream: StreamName): boolean => hub.authorise(who, stream).ok;

    it('supervisors and admins: the board, every queue, relay, escalations and every inbox', () => {
      for (const who of [user(1, 'supervisor'), user(2, 'admin')]) {
        for (const stream of ['supervisors', 'queue:genel', 'relay', 'escalations', 'inbox:ulasim', `desk:${who.id}`] as const) expect(may(who, stream), `${who.role} ${stream}`).to.equal(true);
        expect(may(who, 'queue:yok'), 'an unknown queue').to.equal(false);
      }
    });

    it("agents: their own desk, relay and their queues; not the board, escalations, inboxes or another agent's desk", () => {
      const agent = user(5, 'agent', { queues: ['genel'] });
      expect(may(agent, 'desk:5')).to.equal(true);
      expect(may(agent, 'relay')).to.equal(true);
      expect(may(agent, 'queue:genel')).to.equal(true);
      expect(hub.authorise(agent, 'queue:kentkart')).to.deep.equal({ ok: false, error: 'forbidden: queue kentkart is not assigned to you' });
      expect(hub.authorise(agent, 'desk:6')).to.deep.equal({ ok: false, error: "forbidden: another user's desk" });
      expect(hub.authorise(agent, 'supervisors')).to.deep.equal({ ok: false, error: 'forbidden: supervisors only' });
      for (const stream of ['escalations', 'inbox:ulasim'] as const) expect(may(agent, stream), stream).to.equal(false);
    });

    it('an agent with no assigned queues follows every queue; one whose phone is a member of a queue follows that one too', () => {
      expect(may(user(5, 'agent'), 'queue:kentkart')).to.equal(true);
      expect(may(user(7, 'agent', { queues: ['genel'], phoneInterface: 'PJSIP/agent7' }), 'queue:su')).to.equal(true);
    });

    it('department users: only their own inbox and their own desk', () => {
      const department = user(9, 'department', { department: 'ulasim' });
      expect(may(department, 'inbox:ulasim')).to.equal(true);
      expect(may(department, 'desk:9')).to.equal(true);
      for (const stream of ['inbox:cevre', 'supervisors', 'relay', 'escalations', 'queue:genel', 'desk:1'] as const) expect(may(department, stream), stream).to.equal(false);
      expect(may(user(10, 'department'), 'inbox:ulasim'), 'a department user without a department').to.equal(false);
    });

    it('stream names outside the known kinds are not names at all', () => {
      for (const name of ['supervisors', 'relay', 'escalations', 'queue:alo153-genel', 'desk:12', 'inbox:beyaz-masa']) expect(isStreamName(name), name).to.equal(true);
      for (const name of ['desk:0', 'desk:abc', 'inbox:', 'inbox:ULASIM', 'agent:1', 'queue:', 'everything', 42]) expect(isStreamName(name), String(name)).to.equal(false);
    });
  });
});
