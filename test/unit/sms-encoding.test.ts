import { expect } from 'chai';
import { decodeShortMessage } from '../../src/relay/sms/decoding.js';
import { encodeSms, planSms, type SmsEncodingSetting } from '../../src/relay/sms/encoding.js';
import { encodeSeptets } from '../../src/relay/sms/gsm7.js';

const PANGRAM = 'Pijamalı hasta yağız şoföre çabucak güvendi';

function roundTrip(text: string, encoding: SmsEncodingSetting, maxParts = 10, reference = 7): { text: string; plan: ReturnType<typeof planSms>; parts: ReturnType<typeof encodeSms> } {
  const plan = planSms(text, { encoding, maxParts });
  const parts = encodeSms(plan.body, plan.coding, reference);
  const decoded = parts.map((part) => decodeShortMessage(part.shortMessage, part.dataCoding, part.udhi));
  return { text: decoded.map((d) => d.text).join(''), plan, parts };
}

describe('sms encoding', () => {
  it('round-trips the Turkish pangram in gsm7-turkish with the single-shift IE 0x25 = 0x01', () => {
    const { text, plan, parts } = roundTrip(PANGRAM, 'gsm7-turkish');
    expect(text).to.equal(PANGRAM);
    expect(plan).to.include({ coding: 'gsm7-turkish', parts: 1, fallback: false, truncated: false });
    expect(parts[0]?.dataCoding).to.equal(0x00);
    expect(parts[0]?.udhi).to.equal(true);
    expect([...(parts[0]?.shortMessage.subarray(0, 4) ?? [])]).to.deep.equal([3, 0x25, 1, 1]);
    // ı ğ ı ş ç are escaped (two septets each); ö and ü are in the default table.
    expect(parts[0]?.shortMessage.length).to.equal(4 + PANGRAM.length + 5);
  });

  it('round-trips the pangram and every Turkish letter in UCS-2 (data_coding 0x08, no UDH)', () => {
    const all = `${PANGRAM} ĞÜŞİÖÇ ğüşıöç €`;
    const { text, plan, parts } = roundTrip(all, 'ucs2');
    expect(text).to.equal(all);
    expect(plan.coding).to.equal('ucs2');
    expect(parts[0]).to.include({ dataCoding: 0x08, udhi: false });
    expect(parts[0]?.shortMessage.length).to.equal(all.length * 2);
  });

  it('sends a text with default-table characters only as plain GSM 7-bit, without the shift IE', () => {
    const { plan, parts } = roundTrip('Alo 153: Talebiniz kaydedildi. {test} 10 €', 'gsm7-turkish');
    expect(plan.coding).to.equal('gsm7');
    expect(parts[0]?.udhi).to.equal(false);
  });

  it('uses unpacked septets: one octet per septet, all below 0x80', () => {
    const septets = encodeSeptets('@Aa€ş', 'turkish');
    expect(septets).to.deep.equal([0x00, 0x41, 0x61, 0x1b, 0x65, 0x1b, 0x73]);
  });

  it('falls back to UCS-2 and says so when a character is in neither 7-bit table', () => {
    const { text, plan } = roundTrip('Teşekkürler ✓', 'gsm7-turkish');
    expect(plan).to.include({ coding: 'ucs2', fallback: true });
    expect(text).to.equal('Teşekkürler ✓');
  });

  it('counts UCS-2 parts at 70 single and 67 per concatenated part', () => {
    expect(planSms('ş'.repeat(70), { encoding: 'ucs2', maxParts: 6 }).parts).to.equal(1);
    expect(planSms('ş'.repeat(71), { encoding: 'ucs2', maxParts: 6 }).parts).to.equal(2);
    expect(planSms('ş'.repeat(134), { encoding: 'ucs2', maxParts: 6 }).parts).to.equal(2);
    expect(planSms('ş'.repeat(135), { encoding: 'ucs2', maxParts: 6 }).parts).to.equal(3);
  });

  it('counts plain GSM 7-bit parts at 160 single and 153 per concatenated part', () => {
    const plan = (n: number): number => planSms('a'.repeat(n), { encoding: 'gsm7-turkish', maxParts: 6 }).parts;
    expect([plan(160), plan(161), plan(306), plan(307)]).to.deep.equal([1, 2, 2, 3]);
  });

  it('takes the shift IE off the capacity: 155 single and 149 per part with Turkish letters', () => {
    // 'ı' is 2 septets: one ı plus n-2 plain letters fills n septets.
    const plan = (septets: number): number => planSms(`ı${'a'.repeat(septets - 2)}`, { encoding: 'gsm7-turkish', maxParts: 6 }).parts;
    expect([plan(155), plan(156), plan(298), plan(299)]).to.deep.equal([1, 2, 2, 3]);
  });

  it('counts escaped characters double and never splits an escape pair across parts', () => {
    expect(planSms('€'.repeat(80), { encoding: 'gsm7-turkish', maxParts: 6 }).parts).to.equal(1);
    expect(planSms('€'.repeat(81), { encoding: 'gsm7-turkish', maxParts: 6 }).parts).to.equal(2);
    const parts = encodeSms(`a${'€'.repeat(100)}`, 'gsm7', 1);
    for (const part of parts) expect(part.shortMessage.at(-1)).to.not.equal(0x1b);
    expect(parts.map((p) => decodeShortMessage(p.shortMessage, p.dataCoding, p.udhi).text).join('')).to.equal(`a${'€'.repeat(100)}`);
  });

  it('concatenates with IE 0x00: one reference for all parts of a message, numbered 1..n of n', () => {
    const { parts, text } = roundTrip(`${PANGRAM} `.repeat(12), 'gsm7-turkish', 6, 201);
    const headers = parts.map((p) => decodeShortMessage(p.shortMessage, p.dataCoding, p.udhi));
    expect(headers.map((h) => h.concat)).to.deep.equal(headers.map((_, i) => ({ reference: 201, total: parts.length, seq: i + 1 })));
    expect(headers.every((h) => h.singleShift === 1)).to.equal(true);
    expect(text).to.equal(`${PANGRAM} `.repeat(12));
    expect(parts.every((p) => p.shortMessage.length <= 140 + 9 + 9)).to.equal(true);
  });

  it('gives different messages different references (the reference is the caller\'s, modulo 256)', () => {
    const a = encodeSms('ş'.repeat(100), 'ucs2', 5);
    const b = encodeSms('ş'.repeat(100), 'ucs2', 261);
    expect(decodeShortMessage(a[0]!.shortMessage, 8, true).concat?.reference).to.equal(5);
    expect(decodeShortMessage(b[0]!.shortMessage, 8, true).concat?.reference).to.equal(5);
    expect(decodeShortMessage(encodeSms('ş'.repeat(100), 'ucs2', 6)[0]!.shortMessage, 8, true).concat?.reference).to.equal(6);
  });

  it('truncates beyond maxParts with a marker and flags it', () => {
    const ucs = planSms('ş'.repeat(500), { encoding: 'ucs2', maxParts: 2 });
    expect(ucs).to.include({ parts: 2, truncated: true });
    expect(ucs.body).to.equal(`${'ş'.repeat(133)}…`);
    const gsm = planSms('a'.repeat(500), { encoding: 'gsm7-turkish', maxParts: 1 });
    expect(gsm).to.include({ parts: 1, truncated: true, coding: 'gsm7' });
    expect(gsm.body).to.equal(`${'a'.repeat(157)}...`);
  });

  it('refuses an empty text and a nonsensical part limit', () => {
    expect(() => planSms('  ', { encoding: 'ucs2', maxParts: 1 })).to.throw(RangeError);
    expect(() => planSms('a', { encoding: 'ucs2', maxParts: 0 })).to.throw(RangeError);
  });
});
