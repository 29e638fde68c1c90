import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  allNumeralPrompts,
  dayMonthPrompts,
  numeralPrompts,
  ticketNumberPrompts,
  turkishNumeralWords,
} from '../../src/ivr/turkish-numerals.js';

const said = (value: number): string => turkishNumeralWords(value).join(' ');
const manifest = Object.keys(JSON.parse(readFileSync(new URL('../../dialplans/sounds/tr/manifest.json', import.meta.url), 'utf8')) as object);

describe('Turkish numerals', () => {
  const cases: [number, string][] = [
    [0, 'sıfır'],
    [7, 'yedi'],
    [10, 'on'],
    [11, 'on bir'],
    [40, 'kırk'],
    [99, 'doksan dokuz'],
    [100, 'yüz'],
    [101, 'yüz bir'],
    [110, 'yüz on'],
    [200, 'iki yüz'],
    [999, 'dokuz yüz doksan dokuz'],
    [1000, 'bin'],
    [1001, 'bin bir'],
    [1100, 'bin yüz'],
    [2000, 'iki bin'],
    [2026, 'iki bin yirmi altı'],
    [10000, 'on bin'],
    [12345, 'on iki bin üç yüz kırk beş'],
    [100000, 'yüz bin'],
    [101000, 'yüz bir bin'],
    [120001, 'yüz yirmi bin bir'],
    [999999, 'dokuz yüz doksan dokuz bin dokuz yüz doksan dokuz'],
    [1000000, 'bir milyon'],
    [1000001, 'bir milyon bir'],
    [1001000, 'bir milyon bin'],
    [1190000, 'bir milyon yüz doksan bin'],
    [2101001, 'iki milyon yüz bir bin bir'],
    [9999999, 'dokuz milyon dokuz yüz doksan dokuz bin dokuz yüz doksan dokuz'],
  ];
  for (const [value, words] of cases) {
    it(`says ${value} as "${words}"`, () => expect(said(value)).to.equal(words));
  }

  it('joins what a speaker joins into one prompt: hundreds and a one-word thousands group', () => {
    expect(numeralPrompts(2026)).to.deep.equal(['num-2000', 'num-20', 'digit-6']);
    expect(numeralPrompts(12345)).to.deep.equal(['num-10', 'digit-2', 'num-1000', 'num-300', 'num-40', 'digit-5']);
    expect(numeralPrompts(1000)).to.deep.equal(['num-1000']);
    expect(numeralPrompts(100)).to.deep.equal(['num-100']);
    expect(numeralPrompts(0)).to.deep.equal(['digit-0']);
    expect(numeralPrompts(1_000_000)).to.deep.equal(['num-1000000']);
    expect(numeralPrompts(1_878_878)).to.deep.equal(['num-1000000', 'num-800', 'num-70', 'digit-8', 'num-1000', 'num-800', 'num-70', 'digit-8']);
  });

  it('refuses what it cannot say: negatives, fractions, ten million', () => {
    for (const value of [-1, 1.5, 10_000_000, Number.NaN]) expect(() => numeralPrompts(value), String(value)).to.throw(RangeError);
  });

  it('names only prompts the manifest generates, for every number up to 9999999', () => {
    const names = allNumeralPrompts();
    for (const name of names) expect(manifest, name).to.include(name);
    const seen = new Set<string>();
    for (let value = 0; value <= 999_999; value += 7) for (const prompt of numeralPrompts(value)) seen.add(prompt);
    for (let value = 1_000_000; value <= 9_999_999; value += 999_983) for (const prompt of numeralPrompts(value)) seen.add(prompt);
    for (const value of [1000, 2000, 9000, 900, 90, 9_000_000]) for (const prompt of numeralPrompts(value)) seen.add(prompt);
    expect(names.filter((name) => !seen.has(name))).to.deep.equal([]);
    expect([...seen].filter((name) => !names.includes(name))).to.deep.equal([]);
  });

  it('reads a ticket number as the year, a pause and the serial without its padding', () => {
    expect(ticketNumberPrompts('153-2026-000003')).to.deep.equal(['num-2000', 'num-20', 'digit-6', 'pause', 'digit-3']);
    expect(ticketNumberPrompts('153-2027-012345', 'sus')).to.deep.equal(['num-2000', 'num-20', 'digit-7', 'sus', ...numeralPrompts(12345)]);
    expect(ticketNumberPrompts('153-2026-1000007', 'pause', false)).to.deep.equal(['num-1000000', 'digit-7']);
  });

  it('reads the digit groups of anything else as numbers, and nothing for no digits', () => {
    expect(ticketNumberPrompts('12-7')).to.deep.equal(['num-10', 'digit-2', 'pause', 'digit-7']);
    expect(ticketNumberPrompts('---')).to.deep.equal([]);
  });

  it('says a date as the day and the month name: 10 December is "on aralık"', () => {
    expect(dayMonthPrompts(10, 12)).to.deep.equal(['num-10', 'month-12']);
    expect(dayMonthPrompts(1, 1)).to.deep.equal(['digit-1', 'month-1']);
    expect(dayMonthPrompts(31, 5)).to.deep.equal(['num-30', 'digit-1', 'month-5']);
    for (let month = 1; month <= 12; month++) expect(manifest).to.include(`month-${month}`);
    expect(() => dayMonthPrompts(32, 1)).to.throw(RangeError);
    expect(() => dayMonthPrompts(1, 13)).to.throw(RangeError);
  });
});
