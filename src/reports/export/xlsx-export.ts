import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Label } from '../report-types.js';
import type { ReportLang } from '../report-query.js';
import type { ExportResult, ExportSheet } from './csv-export.js';
import { columnWidth, labelOf, XLSX_FORMATS, xlsxCell } from './export-cells.js';
import { ExportFlow } from './export-flow.js';

/** Rows committed between two looks at the response's backpressure. */
const CHECK_EVERY = 500;

/** Uncompressed XML allowed to wait at the zip's intake: four of the StreamBuf's 64 KB batches. */
const INTAKE_LIMIT = 256 * 1024;

interface WritableInternals extends Writable {
  _writableState?: { length?: number };
}

/** Where exceljs's sheet stream writes into the zip (exceljs 4.4 internals: WorksheetWriter.stream.pipes). */
function zipIntake(worksheet: unknown): WritableInternals | undefined {
  const pipes = (worksheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  const first: unknown = Array.isArray(pipes) ? pipes[0] : undefined;
  return first !== null && typeof first === 'object' && 'write' in first ? (first as WritableInternals) : undefined;
}

/** readable-stream 2 (archiver's) has no writableLength getter; its state has the same count. */
const backlog = (stream: WritableInternals): number => stream.writableLength ?? stream._writableState?.length ?? 0;

/** Excel refuses a sheet name over 31 characters or with any of : \ / ? * [ ]. */
function sheetName(title: Label, lang: ReportLang): string {
  return labelOf(title, lang).replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Rapor';
}

/**
 * A table or listing as one XLSX sheet, streamed with exceljs's WorkbookWriter: each row is committed as it is
 * written (exceljs then drops it), no shared strings table (it would keep every distinct text in memory),
 * a bold, frozen header row, widths per column, numbers and seconds as numbers, times as Excel dates.
 * Backpressure: exceljs writes the sheet's XML into a StreamBuf that writes on into the zip (archiver) without
 * looking at write()'s answer, so when the client reads slowly the XML piles up uncompressed at the zip's intake.
 * Every CHECK_EVERY rows the loop therefore waits for both the response and that intake (the StreamBuf's pipe,
 * a readable-stream PassThrough) to drain.
 */
export async function writeXlsx(out: Writable, sheet: ExportSheet & { title: Label }, lang: ReportLang, result: ExportResult = { rows: 0, complete: false }): Promise<ExportResult> {
  const flow = new ExportFlow(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheetName(sheet.title, lang), { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((column) => {
    const numFmt = XLSX_FORMATS[column.kind];
    return { key: column.key, width: columnWidth(column, lang), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = worksheet.addRow(sheet.columns.map((column) => labelOf(column.label, lang)));
  header.font = { bold: true };
  header.commit();
  for await (const row of sheet.rows) {
    if (flow.gone) break;
    worksheet.addRow(sheet.columns.map((column) => xlsxCell(column, row[column.key] ?? null))).commit();
    result.rows += 1;
    if (result.rows % CHECK_EVERY === 0) {
      await flow.drain(out);
      const intake = zipIntake(worksheet);
      if (intake) await flow.drain(intake, () => backlog(intake) >= INTAKE_LIMIT);
    }
  }
  if (flow.gone) {
    // The response is gone: nothing more to zip. archiver keeps no timers, so dropping the workbook is enough.
    return result;
  }
  worksheet.commit();
  await workbook.commit();
  result.complete = !flow.cut;
  return result;
}
