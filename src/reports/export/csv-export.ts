import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ColumnDef, Row } from '../report-types.js';
import type { ReportLang } from '../report-query.js';
import { csvCell, labelOf } from './export-cells.js';
import { ExportFlow } from './export-flow.js';

export interface ExportSheet {
  columns: readonly ColumnDef[];
  rows: Iterable<Row> | AsyncIterable<Row>;
}

/** Filled in as the file is written, so a failure half way still tells how many rows left. */
export interface ExportResult {
  rows: number;
  /** False when the client went away before the last row. */
  complete: boolean;
}

/**
 * A table or listing as CSV into `out` (an HTTP response): UTF-8 with a BOM, so Excel reads Turkish letters
 * as they are, a header row in `lang`, RFC 4180 quoting, CRLF line ends. Rows are pulled one at a time and
 * the loop waits whenever the stringifier's buffer (fed on by `out`'s own backpressure through pipe) is full.
 */
export async function writeCsv(out: Writable, sheet: ExportSheet, lang: ReportLang, result: ExportResult = { rows: 0, complete: false }): Promise<ExportResult> {
  const flow = new ExportFlow(out);
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(out);
  csv.write(sheet.columns.map((column) => labelOf(column.label, lang)));
  for await (const row of sheet.rows) {
    if (flow.gone) break;
    if (!csv.write(sheet.columns.map((column) => csvCell(column, row[column.key] ?? null)))) await flow.drain(csv);
    result.rows += 1;
  }
  if (flow.gone) {
    csv.unpipe(out);
    csv.destroy();
    return result;
  }
  csv.end();
  await finished(out).catch(() => undefined);
  result.complete = !flow.cut;
  return result;
}
