/**
 * GSM 03.38 / 3GPP TS 23.038 7-bit alphabet: the default table, its extension table (reached by ESC 0x1B,
 * so such a character costs two septets) and the Turkish national language single-shift table (A.2.1),
 * which replaces the extension table when the UDH carries IE 0x25 with value 0x01.
 *
 * 0x09 is Ç (capital), as in TS 23.038; small ç only exists in the Turkish shift table.
 */
const DEFAULT_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

export const ESC = 0x1b;

const DEFAULT_EXTENSION: ReadonlyArray<[string, number]> = [
  ['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f], ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65],
];

const TURKISH_SHIFT: ReadonlyArray<[string, number]> = [
  ...DEFAULT_EXTENSION,
  ['Ğ', 0x47], ['İ', 0x49], ['Ş', 0x53], ['ç', 0x63], ['ğ', 0x67], ['ı', 0x69], ['ş', 0x73],
];

export type Gsm7Table = 'default' | 'turkish';

const BASIC = new Map<string, number>([...DEFAULT_TABLE].map((char, index) => [char, index]));
const EXTENSIONS: Record<Gsm7Table, ReadonlyMap<string, number>> = { default: new Map(DEFAULT_EXTENSION), turkish: new Map(TURKISH_SHIFT) };
const REVERSE: Record<Gsm7Table, ReadonlyMap<number, string>> = {
  default: new Map(DEFAULT_EXTENSION.map(([char, code]) => [code, char])),
  turkish: new Map(TURKISH_SHIFT.map(([char, code]) => [code, char])),
};

if (BASIC.size !== 128) throw new Error('GSM 03.38 default table must have 128 characters');

/** Septets one character costs with `table` (2 for an escaped one), or undefined when the table lacks it. */
export function septetCost(char: string, table: Gsm7Table): 1 | 2 | undefined {
  if (char !== '\u001b' && BASIC.has(char)) return 1;
  if (EXTENSIONS[table].has(char)) return 2;
  return undefined;
}

/** The smallest table that writes every character of `text`, or undefined when neither does. */
export function gsm7TableFor(text: string): Gsm7Table | undefined {
  let table: Gsm7Table = 'default';
  for (const char of text) {
    if (septetCost(char, table) !== undefined) continue;
    if (table === 'default' && septetCost(char, 'turkish') !== undefined) table = 'turkish';
    else return undefined;
  }
  return table;
}

/** Unpacked septets (one per octet, 0x00–0x7F). Throws on a character the table lacks: callers plan first. */
export function encodeSeptets(text: string, table: Gsm7Table): number[] {
  const out: number[] = [];
  for (const char of text) {
    const basic = char === '\u001b' ? undefined : BASIC.get(char);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const extended = EXTENSIONS[table].get(char);
    if (extended === undefined) throw new RangeError(`character U+${char.codePointAt(0)?.toString(16)} is not in the GSM 7-bit ${table} tables`);
    out.push(ESC, extended);
  }
  return out;
}

/** Text of unpacked septets; an unknown escape reads as its default-table character (TS 23.038's rule). */
export function decodeSeptets(septets: Iterable<number>, table: Gsm7Table): string {
  let text = '';
  let escaped = false;
  for (const septet of septets) {
    const value = septet & 0x7f;
    if (escaped) {
      escaped = false;
      text += REVERSE[table].get(value) ?? DEFAULT_TABLE[value] ?? '';
    } else if (value === ESC) {
      escaped = true;
    } else {
      text += DEFAULT_TABLE[value] ?? '';
    }
  }
  return text;
}
