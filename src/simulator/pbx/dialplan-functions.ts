/**
 * CUT(varname,char-delim,range-spec) as func_cut.c computes it: the variable's value split at the delimiter
 * (default `-`), the fields named by range-spec (1-based: `2`, `2-3`, `2-`, `-2`, `1&3`) joined again with it.
 * A field past the end gives nothing; undefined for a range-spec that is not one (Asterisk logs an error and
 * the expression expands to nothing).
 * https://docs.asterisk.org/Asterisk_22_Documentation/API_Documentation/Dialplan_Functions/CUT/
 */
export function cut(value: string, delimiter: string, rangeSpec: string): string | undefined {
  const fields = value.split(delimiter || '-');
  const chosen: string[] = [];
  for (const part of rangeSpec.split('&')) {
    const range = /^\s*(\d*)\s*(-?)\s*(\d*)\s*$/.exec(part);
    if (!range || (range[1] === '' && range[3] === '')) return undefined;
    const from = range[1] === '' ? 1 : Number(range[1]);
    const to = range[2] === '' ? from : range[3] === '' ? fields.length : Number(range[3]);
    if (from < 1) return undefined;
    chosen.push(...fields.slice(from - 1, to));
  }
  return chosen.join(delimiter || '-');
}
