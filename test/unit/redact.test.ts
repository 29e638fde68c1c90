import { expect } from 'chai';
import { maskPhone, redactText } from '../../src/logging/redact.js';

describe('KVKK log redaction', () => {
  it('masks Turkish mobile and landline numbers in any format, keeping the last two digits', () => {
    expect(redactText('caller 05321234567 called')).to.equal('caller *********67 called');
    expect(redactText('+90 532 123 45 67')).to.equal('**********67');
    expect(redactText('0352 207 50 00')).to.equal('*********00');
  });

  it('masks an 11-digit national ID', () => {
    expect(redactText('tckn 12345678901')).to.equal('tckn *********01');
  });

  it('keeps channel ids, epochs and ticket numbers readable', () => {
    const text = 'channel 1795888883.0 ticket 153-2026-000001 at 1795888883123';
    expect(redactText(text)).to.equal(text);
  });

  it('maskPhone never reveals more than two digits', () => {
    expect(maskPhone('05321234567')).to.equal('*********67');
    expect(maskPhone('7')).to.equal('*');
  });
});
