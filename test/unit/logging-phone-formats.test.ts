import { expect } from 'chai';
import { isNationalId, redactText } from '../../src/logging/redact.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

const random = seededRandom(153);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const digits = (count: number): string => Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const mobileArea = (): string => `5${digits(2)}`;
const landlineArea = (): string => `${pick(['2', '3', '4'])}${between(1, 8)}${pick(['0', '2', '4', '6', '8'])}`;

// How the national part starts: trunk 0 or not, area code bare or in parentheses.
const AREA_STYLES: ReadonlyArray<(area: string) => string> = [
  (area) => area,
  (area) => `0${area}`,
  (area) => `(${area})`,
  (area) => `(0${area})`,
  (area) => `0 (${area})`,
  (area) => `0 ${area}`,
];
// What comes before it; a national number with a trunk 0 after +90 is wrong but common.
const PREFIXES = ['', '+90', '+90 ', '+90-', '+90.', '0090', '0090 ', '90', '90 ', '(+90) ', '+ 90 '];
const SEPARATORS = ['', ' ', '-', '.', '/', ' - ', '  ', '\u00a0', ' / '];
const GROUPINGS: ReadonlyArray<readonly number[]> = [[3, 2, 2], [3, 4], [7]];
const CONTEXTS: ReadonlyArray<(number: string) => string> = [
  (number) => number,
  (number) => `arayan ${number} bekliyor`,
  (number) => `{"callerNumber":"${number}"}`,
  (number) => `tel: ${number}.`,
  (number) => `(${number})`,
  (number) => `numara=${number}, sonraki`,
];

function subscriber(grouping: readonly number[], separator: string): string {
  const groups: string[] = [];
  for (const size of grouping) groups.push(digits(size));
  return groups.join(separator);
}

/** Every digit but the last two of `number` is gone from `text`'s redaction. */
function expectMasked(number: string, text: string): void {
  const redacted = redactText(text);
  const visible = redacted.replace(/[^\d]/g, '');
  const contextDigits = text.replace(number, '').replace(/[^\d]/g, '');
  expect(visible, `${JSON.stringify(text)} → ${JSON.stringify(redacted)}`).to.equal(contextDigits + number.replace(/\D/g, '').slice(-2));
}

describe('KVKK redaction over generated phone formats', () => {
  it('masks every separator × prefix × area style × grouping, mobile and landline, with random digits', () => {
    let variants = 0;
    for (const prefix of PREFIXES) {
      for (const style of AREA_STYLES) {
        // A trunk 0 in parentheses right after +90 is not a way anyone writes a number.
        if (prefix !== '' && style('532').startsWith('(0')) continue;
        for (const separator of SEPARATORS) {
          for (const grouping of GROUPINGS) {
            for (const area of [mobileArea(), landlineArea()]) {
              const areaSeparator = pick(SEPARATORS);
              const number = `${prefix}${style(area)}${areaSeparator}${subscriber(grouping, separator)}`;
              expectMasked(number, pick(CONTEXTS)(number));
              variants += 1;
            }
          }
        }
      }
    }
    expect(variants).to.be.greaterThan(2000);
  });

  it('masks thousands of checksum-valid national IDs wherever they stand', () => {
    for (let i = 0; i < 3000; i += 1) {
      const first = `${between(1, 9)}${digits(8)}`;
      const d = [...first].map(Number);
      const tenth = (((d[0]! + d[2]! + d[4]! + d[6]! + d[8]!) * 7 - (d[1]! + d[3]! + d[5]! + d[7]!)) % 10 + 10) % 10;
      const eleventh = (d.reduce((sum, digit) => sum + digit, 0) + tenth) % 10;
      const id = `${first}${tenth}${eleventh}`;
      expect(isNationalId(id)).to.equal(true);
      expectMasked(id, pick(CONTEXTS)(id));
    }
  });

  it('leaves thousands of generated ids, timestamps, addresses and counters unchanged', () => {
    const generators: ReadonlyArray<() => string> = [
      () => `Uniqueid: ${between(1_000_000_000, 2_999_999_999)}.${between(0, 99_999)}`,
      () => `linkedid=${between(1_700_000_000, 2_200_000_000)}.${between(0, 30)}`,
      () => `ticket 153-${between(2026, 2040)}-${digits(6)}`,
      () => `at ${new Date(between(Date.UTC(2020, 0, 1), Date.UTC(2040, 0, 1))).toISOString()}`,
      () => `${new Date(between(Date.UTC(2020, 0, 1), Date.UTC(2040, 0, 1))).toISOString().replace('T', ' ').slice(0, 19)}+03:00`,
      () => `call ${crypto.randomUUID()}`,
      // A call id whose last group happens to be all digits, even a +90 mobile number's.
      () => `call ${crypto.randomUUID().slice(0, 24)}90${mobileArea()}${digits(7)}`,
      () => `from ${between(1, 255)}.${between(0, 255)}.${between(0, 255)}.${between(0, 255)}:${between(1, 65535)}`,
      () => `port ${between(1, 65535)} waited ${between(0, 99_999)} ms talked ${between(0, 9999)}.${digits(1)} s`,
      () => `epoch ms ${between(1_700_000_000_000, 1_999_999_999_999)}`,
      () => {
        const id = `${between(1, 9)}${digits(10)}`;
        return isNationalId(id) ? 'checksum-valid, skipped' : `counter ${id}`;
      },
    ];
    for (let i = 0; i < 5000; i += 1) {
      const text = pick(generators)();
      expect(redactText(text), text).to.equal(text);
    }
  });
});
