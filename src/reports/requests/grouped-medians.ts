/**
 * Exact medians of several groupings at once, from the durations of each finest key combination (a "fine group":
 * one topic × source × district × neighbourhood × department). Medians do not roll up the way sums do, so the
 * database hands over each fine group's values as one text (group_concat / array_to_string: "12,7,40", one read
 * of the tickets) and every coarser group's median is taken here. The value is percentile_cont(0.5)'s: the middle
 * value, or the mean of the two middle values of an even count.
 */

export interface MedianGroupingInput {
  /** The group of each fine group (an index into this grouping's groups). */
  groupOf: Int32Array;
  groups: number;
}

export interface GroupMedians {
  /** Values per group. */
  n: Float64Array;
  /** The median per group; NaN where the group has no value. */
  median: Float64Array;
}

// Fast path (a year is ~1.1 M values): every value is parsed straight from the text and packed with its fine group
// into one double, (value + OFFSET) · 2^bits + fine, then sorted once (a typed array sorts numbers without a
// comparator, and makes no garbage). Exact while the product stays below 2^53, so values are whole and |v| < 2^31.
const OFFSET = 2 ** 31;
const EXACT = 2 ** 53;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;

const lowRank = (n: number): number => Math.floor((n - 1) / 2);
const highRank = (n: number): number => Math.floor(n / 2);

function valueCount(text: string | null): number {
  if (text === null || text === '') return 0;
  let count = 1;
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) count += 1;
  return count;
}

/** The packed values, or null when one is not a whole number in range (then the slow path parses them). */
function pack(lists: readonly (string | null)[], total: number, scale: number): Float64Array | null {
  const packed = new Float64Array(total);
  let write = 0;
  for (let fine = 0; fine < lists.length; fine += 1) {
    const text = lists[fine];
    if (text === null || text === undefined || text === '') continue;
    let value = 0;
    let sign = 1;
    let digits = 0;
    for (let at = 0; at <= text.length; at += 1) {
      const code = at < text.length ? text.charCodeAt(at) : COMMA;
      if (code === COMMA) {
        if (digits === 0 || value >= OFFSET) return null;
        packed[write++] = (sign * value + OFFSET) * scale + fine;
        value = 0;
        sign = 1;
        digits = 0;
      } else if (code === MINUS && digits === 0 && sign === 1) {
        sign = -1;
      } else if (code >= ZERO && code <= ZERO + 9) {
        value = value * 10 + (code - ZERO);
        digits += 1;
      } else {
        return null;
      }
    }
  }
  return packed;
}

function countsOf(sizes: Float64Array, grouping: MedianGroupingInput): Float64Array {
  const n = new Float64Array(grouping.groups);
  for (let fine = 0; fine < sizes.length; fine += 1) {
    const group = grouping.groupOf[fine] ?? 0;
    n[group] = (n[group] ?? 0) + (sizes[fine] ?? 0);
  }
  return n;
}

function packedMedians(packed: Float64Array, sizes: Float64Array, groupings: readonly MedianGroupingInput[], scale: number): GroupMedians[] {
  packed.sort();
  const fineOf = new Int32Array(packed.length);
  for (let at = 0; at < packed.length; at += 1) fineOf[at] = (packed[at] ?? 0) % scale;
  return groupings.map((grouping) => {
    const n = countsOf(sizes, grouping);
    const lows = n.map(lowRank);
    const highs = n.map(highRank);
    const seen = new Float64Array(grouping.groups);
    const low = new Float64Array(grouping.groups);
    const median = new Float64Array(grouping.groups).fill(Number.NaN);
    for (let at = 0; at < packed.length; at += 1) {
      const group = grouping.groupOf[fineOf[at] ?? 0] ?? 0;
      const rank = seen[group] ?? 0;
      seen[group] = rank + 1;
      if (rank !== lows[group] && rank !== highs[group]) continue;
      const value = Math.floor((packed[at] ?? 0) / scale) - OFFSET;
      if (rank === lows[group]) low[group] = value;
      if (rank === highs[group]) median[group] = ((low[group] ?? value) + value) / 2;
    }
    return { n, median };
  });
}

/** Each group's values gathered and sorted: the reference the fast path is tested against, and its fallback. */
export function sortedMedians(lists: readonly (string | null)[], groupings: readonly MedianGroupingInput[]): GroupMedians[] {
  const parsed = lists.map(parseValueList);
  return groupings.map((grouping) => {
    const values: number[][] = Array.from({ length: grouping.groups }, () => []);
    parsed.forEach((list, fine) => values[grouping.groupOf[fine] ?? 0]?.push(...list));
    const n = new Float64Array(grouping.groups);
    const median = new Float64Array(grouping.groups).fill(Number.NaN);
    values.forEach((list, group) => {
      n[group] = list.length;
      if (list.length === 0) return;
      const sorted = Float64Array.from(list).sort();
      median[group] = ((sorted[lowRank(list.length)] ?? 0) + (sorted[highRank(list.length)] ?? 0)) / 2;
    });
    return { n, median };
  });
}

/** The medians of each grouping from each fine group's value list (null: no value). */
export function groupedMedians(lists: readonly (string | null)[], groupings: readonly MedianGroupingInput[]): GroupMedians[] {
  const bits = Math.max(1, Math.ceil(Math.log2(lists.length + 1)));
  const scale = 2 ** bits;
  const sizes = Float64Array.from(lists, valueCount);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const packed = OFFSET * 2 * scale <= EXACT ? pack(lists, total, scale) : null;
  return packed ? packedMedians(packed, sizes, groupings, scale) : sortedMedians(lists, groupings);
}

/** A value list ("12,7,40"); null or empty (no value in the period) is an empty list. */
export function parseValueList(text: string | null): number[] {
  if (text === null || text === '') return [];
  return text.split(',').map(Number);
}
