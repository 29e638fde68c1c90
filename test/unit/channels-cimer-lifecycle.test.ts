import { expect } from 'chai';
import { allowedActions, isRefusal, transition, type LifecycleTicket, type RequestAction, type RequestActor } from '../../src/requests/lifecycle.js';
import { REQUEST_STATUSES, type RequestSource, type RequestStatus } from '../../src/requests/request-states.js';
import { historyLine } from '../../src/web/assets/ticket-history.js';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const ENTERED = new Date('2026-12-03T08:30:00.000Z');
const POLICY = { unreachableAttempts: 3, unreachableDays: 2 };

const agent: RequestActor = { kind: 'user', userId: 2, username: 'ayse', role: 'agent', department: null };
const supervisor: RequestActor = { kind: 'user', userId: 1, username: 'sefa', role: 'supervisor', department: null };
const admin: RequestActor = { kind: 'user', userId: 5, username: 'root', role: 'admin', department: null };
const cevre: RequestActor = { kind: 'user', userId: 3, username: 'cevre', role: 'department', department: 'cevre' };
const ivr: RequestActor = { kind: 'system', name: 'ivr' };

function ticket(status: RequestStatus, source: RequestSource = 'cimer'): LifecycleTicket {
  return {
    number: '153-2026-000042', status, source, departmentCode: 'cevre', ownerUserId: null, createdAt: new Date('2026-12-01T09:00:00.000Z'),
    forwardedAt: new Date('2026-12-01T09:00:00.000Z'), acceptedAt: null, answeredAt: new Date('2026-12-02T09:00:00.000Z'), dueAt: new Date('2026-12-16T07:15:00.000Z'),
    contactAttempts: 0, firstAttemptAt: null, reopenCount: 0,
  };
}

const portalReply: RequestAction = { name: 'portal-reply', enteredAt: ENTERED, text: 'CİMER 03.12 09:30' };
const refer: RequestAction = { name: 'refer', text: 'Karayollarının görev alanı' };

/** The status the action leads to, or `refused:<reason>`. */
const cell = (status: RequestStatus, action: RequestAction, actor: RequestActor, source: RequestSource = 'cimer'): string => {
  const result = transition(ticket(status, source), action, actor, NOW, POLICY);
  return isRefusal(result) ? `refused:${result.reason}` : (result.changes.status ?? status);
};
const R = 'refused:not-allowed-in-state';

describe('lifecycle: the CİMER / Açık Kapı rows (portal-reply, refer)', () => {
  it('enters the reply into the portal only from answered, for the desk and supervisors, on both portals', () => {
    for (const source of ['cimer', 'acik-kapi'] as const) {
      for (const actor of [agent, supervisor, admin]) {
        expect(REQUEST_STATUSES.map((status) => cell(status, portalReply, actor, source)), `${source} ${actor.kind === 'user' ? actor.role : ''}`).to.deep.equal([R, R, R, R, R, R, 'closed', R]);
      }
    }
  });

  it('refers elsewhere only from the open-like statuses (open, abandoned, returned)', () => {
    expect(REQUEST_STATUSES.map((status) => cell(status, refer, agent))).to.deep.equal(['closed', 'closed', R, R, R, 'closed', R, R]);
    expect(REQUEST_STATUSES.map((status) => cell(status, refer, supervisor, 'acik-kapi'))).to.deep.equal(['closed', 'closed', R, R, R, 'closed', R, R]);
  });

  it('never lets a department or the system take them', () => {
    expect(cell('answered', portalReply, cevre)).to.equal('refused:not-permitted');
    expect(cell('returned', refer, cevre)).to.equal('refused:not-permitted');
    expect(cell('answered', portalReply, ivr)).to.equal('refused:not-permitted');
    expect(cell('open', refer, ivr)).to.equal('refused:not-permitted');
  });

  it('refuses both on requests that are not applications, and does not list them there', () => {
    for (const source of ['phone', 'web', 'desk', 'field', 'open311'] as const) {
      expect(cell('answered', portalReply, agent, source), source).to.equal('refused:not-an-application');
      expect(cell('open', refer, agent, source), source).to.equal('refused:not-an-application');
      expect(allowedActions(ticket('answered', source), agent)).not.to.include('portal-reply');
      expect(allowedActions(ticket('open', source), agent)).not.to.include('refer');
    }
    expect(allowedActions(ticket('answered'), agent)).to.include('portal-reply');
    expect(allowedActions(ticket('returned'), agent)).to.include('refer');
    expect(allowedActions(ticket('answered'), cevre)).not.to.include('portal-reply');
  });

  it('closes replied-in-portal with the citizen informed at the moment entered, and keeps it in the history', () => {
    const result = transition(ticket('answered'), portalReply, agent, NOW, POLICY);
    if (isRefusal(result)) throw new Error(result.reason);
    expect(result.changes).to.deep.include({ status: 'closed', closeReason: 'replied-in-portal', informedAt: ENTERED, closedAt: NOW, callBackAt: null });
    expect(result.events).to.deep.equal([{ kind: 'portal-replied', from: 'answered', to: 'closed', text: 'CİMER 03.12 09:30', data: { enteredAt: ENTERED.toISOString() } }]);
    expect(result.tasks).to.deep.equal([]);
  });

  it('closes referred-elsewhere with the note as the resolution', () => {
    const result = transition(ticket('returned'), refer, agent, NOW, POLICY);
    if (isRefusal(result)) throw new Error(result.reason);
    expect(result.changes).to.deep.include({ status: 'closed', closeReason: 'referred-elsewhere', resolution: 'Karayollarının görev alanı', closedAt: NOW });
    expect(result.events[0]).to.deep.include({ kind: 'referred', from: 'returned', to: 'closed', text: 'Karayollarının görev alanı' });
  });

  it('says both in the ticket history, in Turkish and English', () => {
    const replied = { at: NOW.toISOString(), actor: 'user:ayse', kind: 'portal-replied', data: { enteredAt: ENTERED.toISOString(), text: 'not', from: 'answered', to: 'closed' } };
    expect(historyLine(replied, { lang: 'tr' }).what).to.equal('Cevap başvuru portalına (CİMER / Açık Kapı) girildi (03.12.2026 11:30): not (durum: Cevaplandı → Kapandı)');
    expect(historyLine(replied, { lang: 'en' }).what).to.match(/^Reply entered into the portal \(CİMER \/ Açık Kapı\) \(03\/12\/2026,? 11:30\): not/);
    const referred = { at: NOW.toISOString(), actor: 'user:ayse', kind: 'referred', data: { text: 'Valilik', from: 'open', to: 'closed' } };
    expect(historyLine(referred, { lang: 'tr' }).what).to.equal('Başka kuruma iade edildi: Valilik (durum: Açık → Kapandı)');
  });
});
