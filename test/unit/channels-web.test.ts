import { expect } from 'chai';
import { citizenStatus, citizenSteps, relayedAnswer } from '../../src/channels/web/citizen-timeline.js';
import { FormTokens } from '../../src/channels/web/form-token.js';
import { citizenTicketNumber } from '../../src/channels/web/status-lookup.js';
import { parseWebRequest } from '../../src/channels/web/web-form.js';
import type { TicketEventView } from '../../src/requests/ticket-store-type.js';

const T0 = new Date('2026-12-03T09:00:00.000Z');
const after = (ms: number): Date => new Date(T0.getTime() + ms);

describe('channels web: form tokens', () => {
  const tokens = new FormTokens({ secret: 'unit-test-secret-0123456789abcdef0123', minFillMs: 5000, maxAgeMs: 60_000 });

  it('accepts its own token between the minimum fill time and the maximum age, and says how long to wait before', () => {
    const token = tokens.issue(T0);
    expect(tokens.check(token, after(1500))).to.deep.equal({ ok: false, reason: 'too-soon', waitMs: 3500 });
    expect(tokens.check(token, after(5000))).to.deep.equal({ ok: true, issuedAt: T0 });
    expect(tokens.check(token, after(60_000)).ok).to.equal(true);
    expect(tokens.check(token, after(60_001))).to.deep.equal({ ok: false, reason: 'expired' });
  });

  it('refuses a token whose time was changed, signed with another secret, or malformed', () => {
    const [version, issued, nonce, mac] = tokens.issue(T0).split('.') as [string, string, string, string];
    const earlier = (Number.parseInt(issued, 36) - 10_000).toString(36);
    expect(tokens.check([version, earlier, nonce, mac].join('.'), after(1000))).to.deep.equal({ ok: false, reason: 'invalid' });
    const other = new FormTokens({ secret: 'another-secret-0123456789abcdef012345', minFillMs: 0, maxAgeMs: 60_000 });
    expect(tokens.check(other.issue(T0), after(6000))).to.deep.equal({ ok: false, reason: 'invalid' });
    for (const bad of ['', 'f1', 'f1.a.b', 'f2.a.b.c', `${version}.${issued}.${nonce}.${mac}x`]) expect(tokens.check(bad, after(6000)).ok, bad).to.equal(false);
  });
});

describe('channels web: the form body', () => {
  const base = {
    submissionKey: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    formToken: 't',
    categoryCode: 'hayvan',
    district: 'Talas',
    description: '  Yaralı köpek, parkın girişinde  ',
    name: 'Zeynep Kaya',
    phone: '+90 (532) 123-45-67',
    kvkkConsent: true,
  };

  it('stores a Turkish number as 0 + ten digits, trims text and makes blanks absent', () => {
    const parsed = parseWebRequest({ ...base, email: '  ', address: ' ', neighbourhood: '' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
    expect(parsed.request).to.include({ phone: '05321234567', description: 'Yaralı köpek, parkın girişinde', email: null, address: null, neighbourhood: null, smsConsent: true });
  });

  it('refuses foreign and service numbers, NUL characters and half a location', () => {
    for (const phone of ['+44 20 7946 0958', '0850 222 33 44', '123', 'beş yüz']) {
      const parsed = parseWebRequest({ ...base, phone });
      expect(parsed.ok ? {} : parsed.fields.phone?.code, phone).to.equal('invalid-phone');
    }
    const nul = parseWebRequest({ ...base, description: 'Yaralı\u0000 köpek sokakta' });
    expect(nul.ok ? undefined : nul.fields.description?.code).to.equal('invalid');
    const half = parseWebRequest({ ...base, longitude: 35.5 });
    expect(half.ok ? undefined : half.fields).to.deep.equal({ latitude: { code: 'invalid-location', message: 'Konum bilgisi geçersiz; konumu kaldırıp yeniden deneyin.' } });
  });
});

describe('channels web: the status page’s numbers and steps', () => {
  it('reads 153-2026-000026, 2026-26 and 153-2026-26 as one number, a seven-digit serial too, and nothing else', () => {
    for (const form of ['153-2026-000026', '2026-26', ' 153-2026-26 ', '2026-000026']) expect(citizenTicketNumber(form), form).to.equal('153-2026-000026');
    for (const form of ['153-2026-1000000', '2026-1000000']) expect(citizenTicketNumber(form), form).to.equal('153-2026-1000000');
    for (const form of ['26', '153-2026-', '2026-0', '153-2026-0000261', '153-2026-12345678', 'x2026-26', '1999-5']) expect(citizenTicketNumber(form), form).to.equal(undefined);
  });

  const event = (kind: string, data: Record<string, unknown> = {}): TicketEventView => ({ id: 1, at: T0, actor: 'user:veli', kind, data });

  it('keeps only the citizen’s steps, with the department’s public name and without texts or actors', () => {
    const steps = citizenSteps(
      [
        event('opened', { source: 'web' }),
        event('updated', { changes: { district: 'Talas' } }),
        event('forwarded', { department: 'veteriner', text: 'iç not' }),
        event('sms-delivered'),
        event('due-soon'),
        event('accepted'),
        event('question-asked', { text: 'Adres?' }),
        event('citizen-replied', { text: 'Park girişi' }),
        event('transferred', { department: 'yok' }),
        event('answered', { text: 'Tedavi edildi' }),
        event('contact-attempt', { outcome: 'not-reachable' }),
        event('informed', { channel: 'phone' }),
      ],
      (code) => (code === 'veteriner' ? 'Veteriner İşleri Dairesi Başkanlığı' : null),
    );
    const at = T0.toISOString();
    expect(steps).to.deep.equal([
      { step: 'received', at },
      { step: 'forwarded', at, department: 'Veteriner İşleri Dairesi Başkanlığı' },
      { step: 'in-progress', at },
      { step: 'info-requested', at },
      { step: 'info-received', at },
      { step: 'forwarded', at, department: null },
      { step: 'answered', at },
      { step: 'closed', at, reason: 'informed' },
    ]);
  });

  it('shows the answer only once it was relayed (closed as informed) or given on the call', () => {
    const ticket = { status: 'answered' as const, closeReason: null, answer: 'Tedavi edildi', resolution: null, informedAt: null, closedAt: null };
    expect(relayedAnswer(ticket)).to.equal(null);
    expect(relayedAnswer({ ...ticket, status: 'closed', closeReason: 'informed', informedAt: T0, closedAt: T0 })).to.deep.equal({ text: 'Tedavi edildi', at: T0.toISOString() });
    expect(relayedAnswer({ ...ticket, status: 'closed', closeReason: 'unreachable', closedAt: T0 })).to.equal(null);
    expect(relayedAnswer({ ...ticket, status: 'closed', closeReason: 'resolved-on-call', answer: null, resolution: 'Bilgi verildi', closedAt: T0 })).to.deep.equal({ text: 'Bilgi verildi', at: T0.toISOString() });
    expect(['open', 'abandoned', 'returned', 'forwarded', 'needs_info', 'answered', 'closed'].map((status) => citizenStatus({ status: status as 'open' }))).to.deep.equal(['received', 'received', 'received', 'in-progress', 'in-progress', 'answered', 'closed']);
  });
});
