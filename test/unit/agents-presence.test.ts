import { expect } from 'chai';
import { AgentPresence, DeskActionError, type DeskUser } from '../../src/agents/agent-presence.js';
import type { AgentSessionRecord, AgentSessionStore, AgentSessionView } from '../../src/agents/agent-session-store.js';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueMemberInfo } from '../../src/queues/queue-events.js';
import { emptyQueueState, reduceQueueState, type QueueState } from '../../src/queues/queue-state.js';
import { QueueActionError } from '../../src/telephony/ami/ami-queue-actions.js';
import type { AddMember, PauseMember, QueueActions } from '../../src/telephony/ports.js';

const NOW = Date.parse('2026-11-28T10:00:00+03:00');
const QUEUES = ['alo153-genel', 'alo153-kentkart'];
const user: DeskUser = { id: 7, username: 'ajan7', displayName: 'Zeynep Kılıç', phoneInterface: 'PJSIP/agent7', queues: null };

function member(queue: string, overrides: Partial<QueueMemberInfo> = {}): QueueMemberInfo {
  return { interface: 'PJSIP/agent7', name: 'Zeynep Kılıç', queue, stateInterface: 'PJSIP/agent7', membership: 'dynamic', penalty: 0, callsTaken: 0, lastCall: 0, inCall: false, status: 1, paused: false, pausedReason: '', ...overrides };
}

/** app_queue in miniature: actions change the queue state the way the resulting AMI events would. */
class FakeQueue implements QueueActions {
  state: QueueState = emptyQueueState();
  down = false;
  /** Queues whose QueueRemove finds AMI gone (it dropped in the middle of a logout). */
  readonly downFor = new Set<string>();
  readonly sent: string[] = [];
  private clock = NOW;
  private apply(event: Parameters<typeof reduceQueueState>[1]): void {
    this.state = reduceQueueState(this.state, event);
  }
  private check(): void {
    if (this.down) throw new QueueActionError('ami-unavailable', 'AMI is not connected');
  }
  async addMember(m: AddMember): Promise<void> {
    this.check();
    this.sent.push(`add ${m.queue}`);
    if (this.state.queues[m.queue]?.members[m.interface]) throw new QueueActionError('already-member', 'Unable to add interface: Already there');
    this.apply({ kind: 'memberAdded', at: (this.clock += 1), member: member(m.queue) });
  }
  /** A member listed in queues.conf, as QueueStatus reports it. */
  addStatic(queue: string): void {
    this.apply({ kind: 'memberAdded', at: (this.clock += 1), member: member(queue, { membership: 'static' }) });
  }
  async removeMember(queue: string, agentInterface: string): Promise<void> {
    this.check();
    if (this.downFor.has(queue)) throw new QueueActionError('ami-unavailable', 'AMI is not connected');
    this.sent.push(`remove ${queue}`);
    const existing = this.state.queues[queue]?.members[agentInterface];
    if (!existing) throw new QueueActionError('not-member', 'Unable to remove interface: Not there');
    if (existing.membership !== 'dynamic') throw new QueueActionError('not-dynamic', 'Member not dynamic');
    this.apply({ kind: 'memberRemoved', at: (this.clock += 1), member: member(queue) });
  }
  async pauseMember(p: PauseMember): Promise<void> {
    this.check();
    this.sent.push(`pause ${p.paused} ${p.reason ?? ''}`.trim());
    const queues = Object.values(this.state.queues).filter((q) => q.members[p.interface]);
    if (queues.length === 0) throw new QueueActionError('not-member', 'Interface not found');
    for (const q of queues) this.apply({ kind: 'memberPause', at: (this.clock += 1), member: member(q.name, { paused: p.paused, pausedReason: p.reason ?? '', membership: q.members[p.interface]!.membership }) });
  }
}

class MemorySessions implements AgentSessionStore {
  readonly records: AgentSessionRecord[] = [];
  async record(entry: AgentSessionRecord): Promise<void> {
    this.records.push(entry);
  }
  async list(): Promise<AgentSessionView[]> {
    return [];
  }
}

describe('agent presence (desk login, breaks, logout over QueueActions)', () => {
  let queue: FakeQueue;
  let sessions: MemorySessions;
  let changes: number[];
  let presence: AgentPresence;
  const me = { username: 'ajan7' };

  beforeEach(() => {
    queue = new FakeQueue();
    sessions = new MemorySessions();
    changes = [];
    presence = new AgentPresence({ actions: queue, sessions, queueState: () => queue.state, allQueues: () => QUEUES, logger: createTestLogger(), onChange: (id) => changes.push(id), now: () => NOW + 1000 });
  });

  it('joins every queue at login, ready, and records the session', async () => {
    const state = await presence.login(user, me);
    expect(state).to.deep.include({ loggedIn: true, queues: QUEUES, paused: false, boardState: 'ready', pending: null });
    expect(sessions.records.map((r) => [r.kind, r.queues, r.actor])).to.deep.equal([['login', QUEUES, 'user:ajan7']]);
    expect(changes).to.deep.equal([7]);
  });

  it('treats a desk reload (already a member) as logged in, not as an error', async () => {
    await presence.login(user, me);
    const again = await presence.login(user, me);
    expect(again.loggedIn).to.equal(true);
    expect(sessions.records).to.have.length(2);
  });

  it('pauses with a reason in all queues, then back to ready', async () => {
    await presence.login(user, me);
    expect(await presence.pause(user, me, 'yemek')).to.deep.include({ paused: true, reason: 'yemek', boardState: 'paused' });
    expect(await presence.unpause(user, me)).to.deep.include({ paused: false, reason: null, boardState: 'ready' });
    expect(sessions.records.map((r) => [r.kind, r.reason])).to.deep.equal([['login', null], ['pause', 'yemek'], ['unpause', null]]);
  });

  it('leaves every queue at logout', async () => {
    await presence.login(user, me);
    const state = await presence.logout(user, me);
    expect(state).to.deep.include({ loggedIn: false, queues: [] });
    expect(queue.sent.filter((s) => s.startsWith('remove'))).to.deep.equal(['remove alo153-genel', 'remove alo153-kentkart']);
  });

  it('keeps a login asked while AMI is down as pending and does it when AMI is back', async () => {
    queue.down = true;
    const waiting = await presence.login(user, me);
    expect(waiting.loggedIn).to.equal(false);
    expect(waiting.pending).to.deep.include({ action: 'login', error: 'AMI is not connected' });
    expect(sessions.records).to.deep.equal([]);
    queue.down = false;
    await presence.retryPending();
    expect(presence.state(user)).to.deep.include({ loggedIn: true, pending: null });
    expect(sessions.records.map((r) => r.kind)).to.deep.equal(['login']);
  });

  it('refuses a user without a phone, an unknown queue, and passes on Asterisk\'s refusal', async () => {
    await expect409(presence.login({ ...user, phoneInterface: null }, me));
    try {
      await presence.login(user, me, ['alo153-yok']);
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(DeskActionError);
      expect((error as DeskActionError).status).to.equal(400);
    }
    try {
      await presence.pause(user, me, 'mola');
      expect.fail('no error');
    } catch (error) {
      expect((error as QueueActionError).problem).to.equal('not-member');
    }
  });

  describe('with assigned queues and a static membership (alo153-genel in queues.conf)', () => {
    const ALL = ['alo153-cevre', 'alo153-genel', 'alo153-hayvan', 'alo153-kentkart'];
    const assigned: DeskUser = { ...user, queues: ['alo153-cevre', 'alo153-genel', 'alo153-hayvan'] };

    beforeEach(() => {
      presence = new AgentPresence({ actions: queue, sessions, queueState: () => queue.state, allQueues: () => ALL, logger: createTestLogger(), onChange: (id) => changes.push(id), now: () => NOW + 1000 });
      queue.addStatic('alo153-genel');
    });

    it('leaves every dynamic queue at logout although Asterisk refuses the static one in between, and reports each queue', async () => {
      await presence.login(assigned, me, ['alo153-cevre', 'alo153-hayvan']);
      const result = await presence.logout(assigned, me);
      expect(result.logout).to.deep.equal({
        complete: false,
        queues: [
          { queue: 'alo153-cevre', outcome: 'removed' },
          { queue: 'alo153-genel', outcome: 'refused', reason: 'static-member', message: 'Member not dynamic' },
          { queue: 'alo153-hayvan', outcome: 'removed' },
        ],
        remaining: ['alo153-genel'],
      });
      expect(queue.sent.filter((sent) => sent.startsWith('remove'))).to.have.members(['remove alo153-cevre', 'remove alo153-genel', 'remove alo153-hayvan']);
      expect(presence.state(assigned)).to.deep.include({ loggedIn: true, queues: ['alo153-genel'], staticQueues: ['alo153-genel'], pending: null });
      expect(sessions.records.map((r) => [r.kind, r.queues])).to.deep.equal([
        ['login', ['alo153-cevre', 'alo153-hayvan']],
        ['logout', ['alo153-cevre', 'alo153-hayvan']],
      ]);
    });

    it('keeps the rest of a logout pending when AMI drops halfway, and finishes it when AMI is back', async () => {
      await presence.login(assigned, me, ['alo153-cevre', 'alo153-hayvan']);
      queue.downFor.add('alo153-hayvan');
      const halfway = await presence.logout(assigned, me);
      expect(halfway.pending).to.deep.include({ action: 'logout' });
      expect(halfway.logout.remaining).to.deep.equal(['alo153-genel', 'alo153-hayvan']);
      expect(halfway.logout.queues.find((leave) => leave.queue === 'alo153-hayvan')?.outcome).to.equal('pending');
      expect(sessions.records.map((r) => r.kind)).to.deep.equal(['login']);
      queue.downFor.clear();
      await presence.retryPending();
      expect(presence.state(assigned)).to.deep.include({ queues: ['alo153-genel'], pending: null });
      expect(sessions.records.map((r) => [r.kind, r.queues])).to.deep.equal([
        ['login', ['alo153-cevre', 'alo153-hayvan']],
        ['logout', ['alo153-cevre', 'alo153-hayvan']],
      ]);
    });

    it('joins assigned queues or some of them, and refuses any other queue with 403 naming it, joining nothing', async () => {
      try {
        await presence.login(assigned, me, ['alo153-cevre', 'alo153-kentkart']);
        expect.fail('no error');
      } catch (error) {
        expect(error).to.be.instanceOf(DeskActionError);
        expect((error as DeskActionError).status).to.equal(403);
        expect((error as DeskActionError).message).to.contain('alo153-kentkart');
        expect((error as DeskActionError).details).to.deep.equal({ queues: ['alo153-kentkart'] });
      }
      expect(queue.sent).to.deep.equal([]);
      expect(sessions.records).to.deep.equal([]);
      expect((await presence.login(assigned, me, ['alo153-hayvan'])).queues).to.deep.equal(['alo153-genel', 'alo153-hayvan']);
      expect((await presence.login(assigned, me)).queues).to.deep.equal(['alo153-cevre', 'alo153-genel', 'alo153-hayvan']);
    });
  });

  async function expect409(action: Promise<unknown>): Promise<void> {
    try {
      await action;
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(DeskActionError);
      expect((error as DeskActionError).status).to.equal(409);
    }
  }
});
