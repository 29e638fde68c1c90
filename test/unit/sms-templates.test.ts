import { expect } from 'chai';
import { decodeShortMessage } from '../../src/relay/sms/decoding.js';
import { encodeSms } from '../../src/relay/sms/encoding.js';
import { turkishMobileE164 } from '../../src/relay/sms/recipient.js';
import { renderSms, SmsTemplateError } from '../../src/relay/sms/templates.js';

const UCS2 = { encoding: 'ucs2', maxParts: 6 } as const;

describe('sms templates', () => {
  it('opened: names the ticket number in one part on either encoding', () => {
    const ucs = renderSms('opened', { ticketNumber: '153-2026-000123' }, UCS2);
    expect(ucs.plan.body).to.equal('Alo 153: Talebiniz 153-2026-000123 numarasıyla kaydedildi.');
    expect(ucs.plan.parts).to.equal(1);
    const gsm = renderSms('opened', { ticketNumber: '153-2026-000123' }, { encoding: 'gsm7-turkish', maxParts: 6 });
    expect(gsm.plan).to.include({ coding: 'gsm7-turkish', parts: 1 });
    const part = encodeSms(gsm.plan.body, gsm.plan.coding, 1)[0]!;
    expect(decodeShortMessage(part.shortMessage, part.dataCoding, part.udhi).text).to.equal(ucs.plan.body);
  });

  it('answer-ready: carries the department\'s answer on one line when it fits', () => {
    const r = renderSms('answer-ready', { ticketNumber: '153-2026-000123', answer: 'Sokak lambası\n\n yarın değiştirilecek.' }, UCS2);
    expect(r.shortForm).to.equal(false);
    expect(r.plan.body).to.equal('Alo 153: 153-2026-000123 numaralı talebinize ilgili birimin cevabı: Sokak lambası yarın değiştirilecek.');
  });

  it('answer-ready: a too long answer becomes the short form, never a cut-off answer', () => {
    const r = renderSms('answer-ready', { ticketNumber: '153-2026-000123', answer: 'uzun cevap '.repeat(200) }, { encoding: 'ucs2', maxParts: 3 });
    expect(r.shortForm).to.equal(true);
    expect(r.plan).to.include({ truncated: false, body: 'Alo 153: 153-2026-000123 numaralı talebinizin cevabı hazır, sizi arayacağız.' });
  });

  it('question: asks the department\'s question, or says we will call when it is too long', () => {
    const r = renderSms('question', { ticketNumber: '153-2026-000123', question: 'Adres hangi sokakta?' }, UCS2);
    expect(r.plan.body).to.contain('birimin sorusu: Adres hangi sokakta? Yanıtınızı');
    const long = renderSms('question', { ticketNumber: '153-2026-000123', question: 'soru '.repeat(500) }, UCS2);
    expect(long.shortForm).to.equal(true);
    expect(long.plan.body).to.contain('bir sorusu var, sizi arayacağız');
  });

  it('refuses bad params with a clear error', () => {
    expect(() => renderSms('opened', { ticketNumber: '123' }, UCS2)).to.throw(SmsTemplateError, /ticketNumber/);
    expect(() => renderSms('opened', { ticketNumber: '153-2026-000123', extra: 1 }, UCS2)).to.throw(SmsTemplateError);
    expect(() => renderSms('answer-ready', { ticketNumber: '153-2026-000123', answer: ' \n ' }, UCS2)).to.throw(SmsTemplateError, /answer/);
    expect(() => renderSms('question', null, UCS2)).to.throw(SmsTemplateError);
    expect(() => renderSms('nope' as 'opened', {}, UCS2)).to.throw(SmsTemplateError, /unknown/);
  });
});

describe('sms recipients', () => {
  it('accepts a Turkish mobile in every common spelling as E.164 digits', () => {
    for (const spelling of ['05321234567', '0532 123 45 67', '+90 532 123 4567', '905321234567', '00905321234567', '5321234567']) {
      expect(turkishMobileE164(spelling), spelling).to.equal('905321234567');
    }
  });

  it('refuses landlines, foreign and malformed numbers', () => {
    for (const number of ['03522221530', '+903522221530', '153', '', '4930123456', '+4915112345678', '0532123456', 'abc']) {
      expect(turkishMobileE164(number), number).to.equal(undefined);
    }
  });
});
