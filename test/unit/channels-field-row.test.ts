import { expect } from 'chai';
import { fieldRowErrors, fieldRowSchema, MAX_CLOCK_SKEW_MS, MAX_TAKEN_AGE_MS } from '../../src/channels/field/field-row.js';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const KEY = 'field:0f8fad5b-d9cb-469f-a165-70867728950e';

function parse(overrides: Record<string, unknown> = {}) {
  return fieldRowSchema(NOW).safeParse({ key: KEY, takenAt: '2026-12-03T12:30:00+03:00', fieldEvent: ' Kitap Fuarı ', categoryCode: 'hayvan', description: 'Yaralı kedi', ...overrides });
}
const codes = (overrides: Record<string, unknown>) => {
  const result = parse(overrides);
  return result.success ? {} : Object.fromEntries(Object.entries(fieldRowErrors(result.error)).map(([field, error]) => [field, error.code]));
};

describe('field desk: one outbox row’s rules', () => {
  it('reads a row: trimmed texts, the time taken in any zone, digits of the number, consent defaults', () => {
    const result = parse({ callerNumber: '+90 (532) 123-45-67', kvkkInformed: true, neighbourhood: '  ', email: ' a@b.com ' });
    expect(result.success).to.equal(true);
    expect(result.data).to.deep.include({ fieldEvent: 'Kitap Fuarı', callerNumber: '905321234567', neighbourhood: null, email: 'a@b.com', smsConsent: true, kvkkInformed: true });
    expect(result.data?.takenAt.toISOString()).to.equal('2026-12-03T09:30:00.000Z');
  });

  it('dates a row at most a minute ahead of the server and at most 7 days back', () => {
    const at = (ms: number) => ({ takenAt: new Date(NOW.getTime() + ms).toISOString() });
    expect(codes(at(MAX_CLOCK_SKEW_MS))).to.deep.equal({});
    expect(codes(at(MAX_CLOCK_SKEW_MS + 1))).to.deep.equal({ takenAt: 'taken-in-future' });
    expect(codes(at(-MAX_TAKEN_AGE_MS))).to.deep.equal({});
    expect(codes(at(-MAX_TAKEN_AGE_MS - 1))).to.deep.equal({ takenAt: 'taken-too-old' });
    expect(codes({ takenAt: '2026-12-03T09:30:00' })).to.deep.equal({ takenAt: 'invalid-time' });
  });

  it('needs the KVKK notice once a name, a number or an e-mail is taken, not for an anonymous request', () => {
    expect(codes({ callerName: 'Ayşe' })).to.deep.equal({ kvkkInformed: 'consent-required' });
    expect(codes({ callerNumber: '05321234567' })).to.deep.equal({ kvkkInformed: 'consent-required' });
    expect(codes({ email: 'a@b.com' })).to.deep.equal({ kvkkInformed: 'consent-required' });
    expect(codes({ callerName: '  ' })).to.deep.equal({});
  });

  it('words each refusal by code with a Turkish message; an unknown field is refused too', () => {
    const result = parse({ key: 'field:123', description: '', callerNumber: '12', email: 'x', extra: 1, categoryCode: undefined });
    expect(result.success).to.equal(false);
    const errors = result.success ? {} : fieldRowErrors(result.error);
    expect(Object.fromEntries(Object.entries(errors).map(([field, error]) => [field, error.code]))).to.deep.equal({
      key: 'invalid-key', description: 'required', callerNumber: 'invalid-phone', email: 'invalid-email', extra: 'invalid', categoryCode: 'required',
    });
    expect(errors.description?.message).to.equal('Bu alan zorunludur.');
  });
});
