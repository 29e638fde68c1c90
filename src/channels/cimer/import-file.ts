import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Cell } from './application-fields.js';

/** What an uploaded list export is, by its Content-Type. */
export type ImportType = 'csv' | 'xlsx';
export const IMPORT_MEDIA_TYPES: Readonly<Record<string, ImportType>> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export interface Sheet {
  headers: string[];
  /** Data rows with their row number as a spreadsheet shows it (the header is row 1). Blank rows are left out. */
  rows: { row: number; cells: Cell[] }[];
}

/** The file cannot be read as its type says (not CSV text, not an XLSX workbook). */
export class UnreadableFileError extends Error {
  constructor(readonly type: ImportType, detail: string) {
    super(`not a readable ${type} file: ${detail}`);
    this.name = 'UnreadableFileError';
  }
}

const blankCell = (cell: Cell): boolean => cell.kind === 'text' && cell.text.trim() === '';

/** UTF-8 (with or without BOM) as exported today; Windows-1254 as older Turkish Excel saves CSV. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1254').decode(bytes);
  }
}

/** Turkish Excel writes `;` between columns, most other tools `,`; the header line says which. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [';', ',', '\t'].map((mark) => [mark, header.split(mark).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function readCsv(bytes: Buffer): Sheet {
  const text = decode(bytes);
  let records: string[][];
  try {
    // relax_quotes: a quote inside an unquoted cell (=HYPERLINK("…") typed into a form) is text, not a broken file.
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    throw new UnreadableFileError('csv', error instanceof Error ? error.message : String(error));
  }
  const [headers = [], ...data] = records;
  const rows = data.map((cells, index) => ({ row: index + 2, cells: cells.map((text): Cell => ({ kind: 'text', text })) }));
  return { headers, rows: rows.filter((row) => !row.cells.every(blankCell)) };
}

/** An exceljs cell value as what it holds; a formula is never evaluated and its cached result never used. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { kind: 'text', text: '' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (value instanceof Date) return { kind: 'date', date: value };
  if (typeof value !== 'object') return { kind: 'other' };
  if ('formula' in value || 'sharedFormula' in value) return { kind: 'formula' };
  if ('richText' in value) return { kind: 'text', text: value.richText.map((run) => run.text).join('') };
  if ('hyperlink' in value && typeof value.text === 'string') return { kind: 'text', text: value.text };
  return { kind: 'other' };
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as its own Buffer interface; at run time it takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new UnreadableFileError('xlsx', error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('xlsx', 'the workbook has no sheet');
  let headers: string[] | undefined;
  const rows: Sheet['rows'] = [];
  const width = Math.max(sheet.columnCount, 1);
  // The first row with anything in it is the header, wherever a title row above it left it.
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = Array.from({ length: width }, (_unused, index) => cellOf(row.getCell(index + 1).value));
    if (cells.every(blankCell)) return;
    if (headers === undefined) headers = cells.map((cell) => (cell.kind === 'text' ? cell.text : ''));
    else rows.push({ row: number, cells });
  });
  return { headers: headers ?? [], rows };
}

export function readSheet(bytes: Buffer, type: ImportType): Promise<Sheet> {
  return type === 'csv' ? Promise.resolve(readCsv(bytes)) : readXlsx(bytes);
}
