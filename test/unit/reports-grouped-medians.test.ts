import { expect } from 'chai';
import { groupedMedians, parseValueList, sortedMedians, type GroupMedians, type MedianGroupingInput } from '../../src/reports/requests/grouped-medians.js';

const grouping = (groupOf: number[]): MedianGroupingInput => ({ groupOf: Int32Array.from(groupOf), groups: Math.max(0, ...groupOf) + 1 });
const plain = (result: GroupMedians[]) => result.map(({ n, median }) => ({ n: [...n], median: [...median] }));

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('reports: medians of every grouping from the fine groups\' value lists', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even one', () => {
    // Fine groups 0 and 1 make group 0; fine group 2 is group 1 alone.
    const result = groupedMedians(['900,100', '300,200,400', '500,1000,2000,3000'], [grouping([0, 0, 1]), grouping([0, 0, 0])]);
    expect(plain(result)).to.deep.equal([
      { n: [5, 4], median: [300, 1500] },
      { n: [9], median: [500] },
    ]);
  });

  it('gives a group whose fine groups hold no value a count of 0 and no median', () => {
    const [only] = groupedMedians([null, '', '7'], [grouping([0, 0, 1])]);
    expect(only?.n[0]).to.equal(0);
    expect(Number.isNaN(only?.median[0])).to.equal(true);
    expect(only?.median[1]).to.equal(7);
  });

  it('gives the same medians as gathering and sorting each group, on random data', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const fine = 1 + Math.floor(next() * 300);
      const lists = Array.from({ length: fine }, () => {
        const count = Math.floor(next() * 6);
        return count === 0 ? null : Array.from({ length: count }, () => Math.floor(next() * 2_000_000) - 1000).join(',');
      });
      const groupings = [1, 3, 17, fine].map((groups) => grouping(Array.from({ length: fine }, (_, at) => (groups === fine ? at : Math.floor(next() * groups)))));
      expect(plain(groupedMedians(lists, groupings)), `seed ${seed}`).to.deep.equal(plain(sortedMedians(lists, groupings)));
    }
  });

  it('falls back to sorting each group when a value is not a whole number or is out of range', () => {
    for (const lists of [['1.5,2', '3'], ['3000000000,1', '2'], ['1e3,2', '3'], ['-,2', '3']]) {
      const groupings = [grouping([0, 0])];
      expect(plain(groupedMedians(lists, groupings)), lists.join(' ')).to.deep.equal(plain(sortedMedians(lists, groupings)));
    }
    expect(plain(groupedMedians(['1.5,2', '4'], [grouping([0, 0])]))).to.deep.equal([{ n: [3], median: [2] }]);
  });

  it('keeps negative durations in order (a clock set back)', () => {
    expect(plain(groupedMedians(['-5,-1', '3,-7'], [grouping([0, 0])]))).to.deep.equal([{ n: [4], median: [-3] }]);
  });

  it('reads a value list, and null or empty as no value', () => {
    expect(parseValueList('12,7,40')).to.deep.equal([12, 7, 40]);
    expect(parseValueList(null)).to.deep.equal([]);
    expect(parseValueList('')).to.deep.equal([]);
  });
});
