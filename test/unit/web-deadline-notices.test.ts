import { expect } from 'chai';
import { deadlineNotices } from '../../src/web/assets/deadline-notices.js';
import { t } from '../../src/web/assets/i18n.js';

describe('web: the deadline clock notices on the supervisor and department screens', () => {
  it('keeps well-formed notices in their order and drops anything else the stream may carry', () => {
    const good = { id: 'a', kind: 'overdue', ticket: '153-2026-000026', department: 'cevre', deadline: '2026-12-03T09:00:00.000Z', at: '2026-12-03T09:01:00.000Z' };
    const soon = { ...good, id: 'b', kind: 'due-soon' };
    expect(deadlineNotices([good, { ...good, kind: 'bogus' }, null, 'x', { ...good, ticket: 5 }, soon])).to.deep.equal([good, soon]);
    expect(deadlineNotices(undefined)).to.deep.equal([]);
    expect(deadlineNotices({ 0: good })).to.deep.equal([]);
  });

  it('words each kind in Turkish and in English', () => {
    const params = { ticket: '153-2026-000026', department: 'Çevre', deadline: '03.12.2026 12:00', time: '12:01' };
    expect(t('notice.overdue', params, 'tr')).to.equal('153-2026-000026: süresi geçti (Çevre; son gün 03.12.2026 12:00) — 12:01');
    expect(t('notice.due-soon', params, 'tr')).to.include("sürenin %75'i doldu");
    expect(t('notice.ack-overdue', params, 'en')).to.include('not accepted in time');
  });
});
