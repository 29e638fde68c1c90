import { expect } from 'chai';
import { isNationalId, maskPhone, redactText } from '../../src/logging/redact.js';

describe('KVKK log redaction', () => {
  it('masks Turkish mobile and landline numbers in any format, keeping the last two digits', () => {
    expect(redactText('caller 05321234567 called')).to.equal('caller *********67 called');
    expect(redactText('+90 532 123 45 67')).to.equal('**********67');
    expect(redactText('0352 207 50 00')).to.equal('*********00');
  });

  it('masks every way the issue lists a number being written', () => {
    const written = {
      '(0532) 123 45 67': '*********67',
      '0 (532) 123-45-67': '*********67',
      '0532.123.45.67': '*********67',
      '0532/123 45 67': '*********67',
      '0090 532 123 45 67': '************67',
      '+90 532 123 45 67': '**********67',
      '+90 (532) 123 45 67': '**********67',
      '(+90) 532 1234567': '**********67',
      '905321234567': '**********67',
      '+905321234567': '**********67',
      '05321234567': '*********67',
      '5321234567': '********67',
      '0352 222 33 44': '*********44',
      '(352) 222-3344': '********44',
    };
    for (const [text, masked] of Object.entries(written)) expect(redactText(`arayan: ${text}.`), text).to.equal(`arayan: ${masked}.`);
  });

  it('masks numbers in URLs and lists', () => {
    expect(redactText('GET /api/tickets?phone=0532%20123%2045%2067')).to.equal('GET /api/tickets?phone=*********67');
    expect(redactText('numbers 05321234567,05331234567; 0352 222 33 44')).to.equal('numbers *********67,*********67; *********44');
  });

  it('masks an 11-digit national ID whose checksum is valid, and only such', () => {
    expect(isNationalId('10000000146')).to.equal(true);
    expect(isNationalId('12345678950')).to.equal(true);
    expect(isNationalId('12345678901')).to.equal(false);
    expect(isNationalId('01234567890')).to.equal(false);
    expect(redactText('tckn 10000000146')).to.equal('tckn *********46');
    expect(redactText('tckn=12345678950,')).to.equal('tckn=*********50,');
    expect(redactText('counter 12345678901')).to.equal('counter 12345678901');
  });

  it('keeps channel ids, call ids, ticket numbers, timestamps, addresses, ports and durations readable', () => {
    const readable = [
      'channel 1795888883.0 ticket 153-2026-000001 at 1795888883123',
      'uniqueid 1795888883.12 linkedid 2033444555.3',
      'call 9b2f6a53-4c1e-4f3a-8d2b-905321234567 ended',
      'at 2026-12-03T09:15:00.000Z and 2026-12-03 09:15:00+03:00',
      'from 212.175.23.45:5060 and 10.0.0.2, ami 127.0.0.1:5038, ari :8088',
      'waited 320 ms, talked 245 s, backoff 0.5321234567, day 20261203',
    ];
    for (const text of readable) expect(redactText(text)).to.equal(text);
  });

  it('maskPhone never reveals more than two digits', () => {
    expect(maskPhone('05321234567')).to.equal('*********67');
    expect(maskPhone('7')).to.equal('*');
  });
});
