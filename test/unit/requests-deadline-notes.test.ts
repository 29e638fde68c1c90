import { expect } from 'chai';
import { deadlineNote } from '../../src/requests/deadlines/deadline-notes.js';
import { hubDeadlineNotifier } from '../../src/requests/deadlines/deadline-hub-notifier.js';
import { isRefusal, transition, type LifecycleTicket, type RequestActor } from '../../src/requests/lifecycle.js';
import type { RequestStatus } from '../../src/requests/request-states.js';
import type { BoardEntries, StreamName } from '../../src/realtime/protocol.js';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const DUE = new Date('2026-12-07T10:00:00.000Z');
const POLICY = { unreachableAttempts: 3, unreachableDays: 2 };
const clock: RequestActor = { kind: 'system', name: 'deadline' };
const supervisor: RequestActor = { kind: 'user', userId: 1, username: 'sefa', role: 'supervisor', department: null };
const due = { id: 7, number: '153-2026-000007', department: 'veteriner', passedAt: DUE, deadline: DUE, version: 4 };

function ticket(status: RequestStatus, overrides: Partial<LifecycleTicket> = {}): LifecycleTicket {
  return {
    number: due.number, status, source: 'phone', departmentCode: 'veteriner', ownerUserId: null, createdAt: new Date('2026-12-07T06:00:00.000Z'),
    forwardedAt: null, acceptedAt: null, answeredAt: null, dueAt: DUE, contactAttempts: 0, firstAttemptAt: null, reopenCount: 0, ...overrides,
  };
}

const run = (kind: 'due-soon' | 'overdue' | 'ack-overdue', on: LifecycleTicket, actor: RequestActor = clock, now = NOW) => {
  const result = transition(on, deadlineNote(kind, due, now).action, actor, now, POLICY);
  return isRefusal(result) ? `refused:${result.reason}` : result;
};

describe('deadline clock: the note it writes', () => {
  it('keys a note by its kind and deadline, and by the version when that key was used before', () => {
    const note = deadlineNote('due-soon', due, NOW);
    expect(note.dedupeKey).to.equal('due-soon:2026-12-07T10:00:00.000Z');
    expect(deadlineNote('due-soon', due, NOW, true).dedupeKey).to.equal('due-soon:2026-12-07T10:00:00.000Z:v4');
    expect(note.action.data).to.deep.equal({ dueAt: '2026-12-07T10:00:00.000Z', department: 'veteriner' });
    expect(note.notification).to.deep.equal({
      id: '153-2026-000007:due-soon:2026-12-07T10:00:00.000Z', kind: 'due-soon', ticket: '153-2026-000007', department: 'veteriner',
      deadline: '2026-12-07T10:00:00.000Z', at: NOW.toISOString(),
    });
  });

  it('marks the matching column and moves nothing', () => {
    const result = run('overdue', ticket('in_progress'));
    if (typeof result === 'string') throw new Error(result);
    expect(result.changes).to.deep.equal({ overdueNotifiedAt: NOW });
    expect(result.events).to.deep.equal([{ kind: 'overdue', from: 'in_progress', to: 'in_progress', text: null, data: { dueAt: DUE.toISOString(), department: 'veteriner' } }]);
    const ack = run('ack-overdue', ticket('forwarded'));
    expect(typeof ack !== 'string' && ack.changes).to.deep.equal({ ackOverdueNotifiedAt: NOW });
  });

  it('refuses when the ticket is no longer as the clock saw it', () => {
    expect(run('due-soon', ticket('answered'))).to.equal('refused:nothing-to-change');
    expect(run('due-soon', ticket('forwarded', { dueAt: new Date('2026-12-14T06:00:00.000Z') }))).to.equal('refused:nothing-to-change');
    expect(run('overdue', ticket('forwarded', { departmentCode: 'zabita' }))).to.equal('refused:nothing-to-change');
    expect(run('ack-overdue', ticket('in_progress'))).to.equal('refused:nothing-to-change');
    expect(run('overdue', ticket('forwarded'), clock, new Date(DUE.getTime() - 1))).to.equal('refused:nothing-to-change');
  });

  it('lets only the system mark a deadline as told; a plain note stays open to users', () => {
    expect(run('overdue', ticket('forwarded'), supervisor)).to.equal('refused:not-permitted');
    const plain = transition(ticket('forwarded'), { name: 'note', kind: 'callback-attempt', data: {} }, supervisor, NOW, POLICY);
    expect(isRefusal(plain)).to.equal(false);
  });
});

describe('deadline clock: notifications on the realtime hub', () => {
  it('puts the latest first on escalations and on the department inbox, without repeats, bounded', () => {
    const streams = new Map<StreamName, BoardEntries>();
    const notifier = hubDeadlineNotifier({ patch: (stream, set) => (streams.set(stream, { ...streams.get(stream), ...set }), null) }, 2);
    const first = deadlineNote('due-soon', due, NOW).notification;
    notifier.notify(first);
    notifier.notify(first);
    notifier.notify(deadlineNote('overdue', due, NOW).notification);
    notifier.notify(deadlineNote('overdue', { ...due, number: '153-2026-000008', department: null }, NOW).notification);
    const ids = (stream: StreamName) => (streams.get(stream)?.notifications as { id: string }[]).map((item) => item.id);
    expect(ids('escalations')).to.deep.equal(['153-2026-000008:overdue:2026-12-07T10:00:00.000Z', '153-2026-000007:overdue:2026-12-07T10:00:00.000Z']);
    expect(ids('inbox:veteriner')).to.deep.equal(['153-2026-000007:overdue:2026-12-07T10:00:00.000Z', '153-2026-000007:due-soon:2026-12-07T10:00:00.000Z']);
  });
});
