import { expect } from 'chai';
import { allowedActions, isRefusal, transition, type LifecycleTicket, type RequestAction, type RequestActor } from '../../src/requests/lifecycle.js';
import { REQUEST_ACTIONS, REQUEST_STATUSES, type RequestActionName, type RequestStatus } from '../../src/requests/request-states.js';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const POLICY = { unreachableAttempts: 3, unreachableDays: 2 };

const supervisor: RequestActor = { kind: 'user', userId: 1, username: 'sefa', role: 'supervisor', department: null };
const agent: RequestActor = { kind: 'user', userId: 2, username: 'ayse', role: 'agent', department: null };
const veteriner: RequestActor = { kind: 'user', userId: 3, username: 'vet', role: 'department', department: 'veteriner' };
const zabita: RequestActor = { kind: 'user', userId: 4, username: 'zab', role: 'department', department: 'zabita' };
const system: RequestActor = { kind: 'system', name: 'ivr' };

function ticket(status: RequestStatus, overrides: Partial<LifecycleTicket> = {}): LifecycleTicket {
  return {
    number: '153-2026-000026', status, source: 'phone', departmentCode: 'veteriner', ownerUserId: null, createdAt: new Date('2026-12-01T09:00:00.000Z'),
    forwardedAt: new Date('2026-12-02T09:00:00.000Z'), acceptedAt: null, answeredAt: null, dueAt: new Date('2026-12-08T09:00:00.000Z'),
    contactAttempts: 0, firstAttemptAt: null, reopenCount: 0, ...overrides,
  };
}

const SAMPLE: Record<RequestActionName, RequestAction> = {
  edit: { name: 'edit', fields: { description: 'Yaralı köpek, Talas' } },
  resolve: { name: 'resolve', text: 'Bilgi verildi' },
  forward: { name: 'forward', department: 'zabita', text: null },
  accept: { name: 'accept', text: null },
  answer: { name: 'answer', text: 'Ekip yönlendirildi, köpek tedavi edildi.' },
  return: { name: 'return', text: 'Bizim birimimiz değil' },
  transfer: { name: 'transfer', department: 'zabita', text: 'Zabıtanın işi' },
  ask: { name: 'ask', text: 'Adres tarifi?' },
  reply: { name: 'reply', text: 'Okulun arkası' },
  inform: { name: 'inform', text: null, channel: 'phone' },
  attempt: { name: 'attempt', outcome: 'not-reachable', text: null, callBackAt: null },
  reopen: { name: 'reopen', text: 'Vatandaş memnun değil' },
  reassign: { name: 'reassign', ownerUserId: 9 },
  abandon: { name: 'abandon' },
  route: { name: 'route', categoryCode: 'hayvan', departmentCode: 'veteriner', data: { queue: 'alo153-hayvan' } },
  note: { name: 'note', kind: 'sms-delivered', data: {} },
  'portal-reply': { name: 'portal-reply', enteredAt: new Date('2026-12-03T08:00:00.000Z'), text: null },
  refer: { name: 'refer', text: 'Valiliğin işi' },
};

/**
 * The whole table for a supervisor (who may take every user action) and the system (the IVR's and the clock's):
 * the status an action leads to, or why it is refused. Rows: the current status; columns: REQUEST_ACTIONS.
 */
type Cell = RequestStatus | `refused:${string}`;
const R = 'refused:not-allowed-in-state';
const P = 'refused:not-permitted';
/** portal-reply and refer are CİMER / Açık Kapı actions: a phone ticket has neither (their table: channels-cimer-lifecycle.test.ts). */
const N = 'refused:not-an-application';
const USER_ACTIONS: RequestActionName[] = ['edit', 'resolve', 'forward', 'accept', 'answer', 'return', 'transfer', 'ask', 'reply', 'inform', 'attempt', 'reopen', 'reassign', 'abandon', 'route', 'note', 'portal-reply', 'refer'];
const SUPERVISOR_TABLE: Record<RequestStatus, Cell[]> = {
  //           edit          resolve   forward      accept         answer      return      transfer     ask           reply          inform    attempt       reopen       reassign      abandon route note portal-reply refer
  open:        ['open',      'closed', 'forwarded', R,             R,          R,          R,           R,            R,             R,        R,            R,           'open',       P,      P,    'open', N, N],
  abandoned:   ['abandoned', 'closed', 'forwarded', R,             R,          R,          R,           R,            R,             R,        'abandoned',  R,           'abandoned',  P,      P,    'abandoned', N, N],
  forwarded:   ['forwarded', R,        'forwarded', 'in_progress', 'answered', 'returned', 'forwarded', 'needs_info',  R,             R,        R,            R,           'forwarded',  P,      P,    'forwarded', N, N],
  in_progress: ['in_progress', R,      'forwarded', R,             'answered', 'returned', 'forwarded', 'needs_info',  R,             R,        R,            R,           'in_progress', P,     P,    'in_progress', N, N],
  needs_info:  ['needs_info', R,       R,           R,             R,          R,          R,           R,            'in_progress', R,        'needs_info', R,           'needs_info', P,      P,    'needs_info', N, N],
  returned:    ['returned',  'closed', 'forwarded', R,             R,          R,          R,           R,            R,             R,        R,            R,           'returned',   P,      P,    'returned', N, N],
  answered:    ['answered',  R,        R,           R,             R,          R,          R,           R,            R,             'closed', 'answered',   'forwarded', 'answered',   P,      P,    'answered', N, N],
  closed:      [R,           R,        R,           R,             R,          R,          R,           R,            R,             R,        R,            'forwarded', 'closed',     P,      P,    'closed', N, N],
};

function cell(status: RequestStatus, action: RequestActionName, actor: RequestActor): Cell {
  const result = transition(ticket(status), SAMPLE[action], actor, NOW, POLICY);
  if (isRefusal(result)) return `refused:${result.reason}`;
  return result.changes.status ?? status;
}

describe('request lifecycle: the state × action table', () => {
  it('covers every action of the vocabulary', () => {
    expect([...USER_ACTIONS].sort()).to.deep.equal([...REQUEST_ACTIONS].sort());
  });

  for (const status of REQUEST_STATUSES) {
    it(`decides every action on a ${status} ticket for a supervisor`, () => {
      const row = USER_ACTIONS.map((action) => cell(status, action, supervisor));
      expect(row).to.deep.equal(SUPERVISOR_TABLE[status]);
    });
  }

  it('lets the system abandon only an open ticket and route any ticket not closed', () => {
    expect(REQUEST_STATUSES.map((status) => cell(status, 'abandon', system))).to.deep.equal(['abandoned', R, R, R, R, R, R, R]);
    expect(REQUEST_STATUSES.map((status) => cell(status, 'route', system))).to.deep.equal([...REQUEST_STATUSES.slice(0, 7), R]);
  });

  it('keeps department work to the department and desk work to the desk', () => {
    expect(cell('forwarded', 'accept', agent)).to.equal(P);
    expect(cell('in_progress', 'answer', agent)).to.equal(P);
    expect(cell('open', 'forward', veteriner)).to.equal(P);
    expect(cell('answered', 'inform', veteriner)).to.equal(P);
    expect(cell('forwarded', 'accept', veteriner)).to.equal('in_progress');
    // Another department's ticket: not permitted (the service answers 404 before it gets here).
    expect(cell('forwarded', 'accept', zabita)).to.equal(P);
    expect(cell('open', 'reassign', agent)).to.equal(P);
  });

  it('refuses a forward or transfer to the department that already has it', () => {
    const same = transition(ticket('in_progress'), { name: 'transfer', department: 'veteriner', text: 'x' }, veteriner, NOW, POLICY);
    expect(isRefusal(same) && same.reason).to.equal('same-department');
    const forward = transition(ticket('forwarded'), { name: 'forward', department: 'veteriner', text: null }, supervisor, NOW, POLICY);
    expect(isRefusal(forward) && forward.reason).to.equal('same-department');
  });

  it('lists what the actor may do with a refusal, so a 409 can show it', () => {
    const refused = transition(ticket('answered'), SAMPLE.answer, veteriner, NOW, POLICY);
    expect(isRefusal(refused) && { status: refused.status, allowed: refused.allowed }).to.deep.equal({ status: 'answered', allowed: ['note'] });
    expect(allowedActions(ticket('forwarded'), veteriner)).to.deep.equal(['accept', 'answer', 'return', 'transfer', 'ask', 'note']);
    expect(allowedActions(ticket('answered'), agent)).to.deep.equal(['edit', 'inform', 'attempt', 'reopen', 'note']);
  });
});

describe('request lifecycle: what each step writes', () => {
  it('answers: keeps the text, times the acknowledgement if it was skipped, and asks for a relay and an SMS', () => {
    const result = transition(ticket('forwarded'), SAMPLE.answer, veteriner, NOW, POLICY);
    if (isRefusal(result)) throw new Error('refused');
    expect(result.changes).to.include({ status: 'answered', answer: 'Ekip yönlendirildi, köpek tedavi edildi.', contactAttempts: 0 });
    expect(result.changes.acceptedAt).to.deep.equal(NOW);
    expect(result.tasks).to.deep.equal([{ kind: 'relay', reason: 'answered' }, { kind: 'sms', template: 'answer-ready' }]);
    expect(result.events[0]).to.include({ kind: 'answered', from: 'forwarded', to: 'answered' });
  });

  it('closes as unreachable only after the configured tries spread over the configured days', () => {
    const first = new Date(NOW.getTime() - 2 * 86_400_000);
    const third = transition(ticket('answered', { contactAttempts: 2, firstAttemptAt: first }), SAMPLE.attempt, agent, NOW, POLICY);
    if (isRefusal(third)) throw new Error('refused');
    expect(third.changes).to.include({ status: 'closed', closeReason: 'unreachable', contactAttempts: 3 });
    expect(third.events.map((event) => event.kind)).to.deep.equal(['contact-attempt', 'closed-unreachable']);
    const tooSoon = transition(ticket('answered', { contactAttempts: 2, firstAttemptAt: new Date(NOW.getTime() - 3_600_000) }), SAMPLE.attempt, agent, NOW, POLICY);
    if (isRefusal(tooSoon)) throw new Error('refused');
    expect(tooSoon.changes.status).to.equal(undefined);
    const later = transition(ticket('answered', { contactAttempts: 5, firstAttemptAt: first }), { name: 'attempt', outcome: 'call-later', text: null, callBackAt: new Date('2026-12-04T07:00:00.000Z') }, agent, NOW, POLICY);
    if (isRefusal(later)) throw new Error('refused');
    expect(later.changes.status).to.equal(undefined);
    expect(later.changes.callBackAt).to.deep.equal(new Date('2026-12-04T07:00:00.000Z'));
  });

  it('reopens a closed ticket to the same department, and a ticket without one to the desk', () => {
    const reopened = transition(ticket('closed', { reopenCount: 1 }), SAMPLE.reopen, agent, NOW, POLICY);
    if (isRefusal(reopened)) throw new Error('refused');
    expect(reopened.changes).to.include({ status: 'forwarded', departmentCode: 'veteriner', reopenCount: 2, closeReason: null });
    expect(reopened.tasks).to.deep.include({ kind: 'notify-department', department: 'veteriner', reason: 'reopened' });
    const desk = transition(ticket('closed', { departmentCode: null }), SAMPLE.reopen, agent, NOW, POLICY);
    if (isRefusal(desk)) throw new Error('refused');
    expect(desk.changes.status).to.equal('open');
  });

  it('transfers with the previous department in the history and restarts the acknowledgement clock', () => {
    const moved = transition(ticket('in_progress', { acceptedAt: NOW }), SAMPLE.transfer, veteriner, NOW, POLICY);
    if (isRefusal(moved)) throw new Error('refused');
    expect(moved.changes).to.include({ status: 'forwarded', departmentCode: 'zabita', acceptedAt: null });
    expect(moved.events[0]?.data).to.deep.equal({ department: 'zabita', fromDepartment: 'veteriner' });
    expect(moved.tasks).to.deep.include({ kind: 'restart-deadline' });
  });
});
