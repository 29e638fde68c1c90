import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { reportQuerySchema } from '../../../reports/report-query.js';
import { REPORT_IDS } from '../../../reports/report-types.js';
import { addOperation } from '../operation.js';
import { anObject } from '../shapes.js';

const SUPERVISING = ['supervisor', 'admin'] as const;
const PERIOD =
  '`period=day|week|month|year` with `date=YYYY-MM-DD` (default today): the Istanbul day, ISO week (Monday–Sunday), month or year containing it; ' +
  '`period=custom` with `from`/`to`: Istanbul days, both inclusive, at most 731 days. Filters: queue, category (with its sub-categories), department, district, source, agent (username). ' +
  'A 400 lists `fields: { <parameter>: { code, message (Turkish), en } }`.';
const FILE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;
const FILE =
  'CSV: UTF-8 with a BOM, comma separated, dot decimals, Istanbul times; XLSX: one sheet, bold header. Header row in `lang` (tr default, en). ' +
  'Content-Disposition names the file (rapor-<report>-<table>-<period>.csv). Every file is written to the access log (kind export) with its filters and row count.';

const reportParams = z.object({ report: z.enum(REPORT_IDS) });
const tableFileParams = z.object({ report: z.enum(REPORT_IDS), file: z.string().regex(/^[a-z0-9-]{1,60}\.(csv|xlsx)$/).meta({ description: '<table id>.csv or .xlsx' }) });
const listingFileParams = z.object({ file: z.string().regex(/^[a-z0-9-]{1,60}\.(csv|xlsx)$/).meta({ description: 'calls.csv, calls.xlsx, tickets.csv or tickets.xlsx' }) });
const fileBody = z.string().meta({ format: 'binary' });

/** src/http/routes/reports.ts: reports as JSON, their tables and the row listings as files. */
export function registerReportPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/reports',
    tag: 'reports',
    summary: 'The reports and listings this server has',
    access: { roles: SUPERVISING },
    replies: [{ status: 200, description: 'Ids', schema: z.object({ reports: z.array(z.enum(REPORT_IDS)), listings: z.array(z.string()) }) }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/reports/:report',
    tag: 'reports',
    summary: 'A report of a period: tables of labelled columns and rows, chart hints',
    description: PERIOD,
    access: { roles: SUPERVISING },
    params: reportParams,
    query: reportQuerySchema,
    replies: [{ status: 200, description: 'The report', schema: anObject('Report', 'id, filters, generatedAt, period { kind, from, to, firstDay, lastDay }, tables (src/reports/report-types.ts).') }],
    errors: [400, 404],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/reports/listings/:file',
    tag: 'reports',
    summary: 'Every call or request of a period as a CSV or XLSX file, streamed; caller numbers masked to their last 4 digits',
    description: `${PERIOD} ${FILE}`,
    access: { roles: SUPERVISING },
    params: listingFileParams,
    query: reportQuerySchema,
    replies: [{ status: 200, description: 'The file', schema: fileBody, type: FILE_TYPES }],
    errors: [400, 404],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/reports/:report/:file',
    tag: 'reports',
    summary: "One table of a report as a CSV or XLSX file",
    description: `${PERIOD} ${FILE}`,
    access: { roles: SUPERVISING },
    params: tableFileParams,
    query: reportQuerySchema,
    replies: [{ status: 200, description: 'The file', schema: fileBody, type: FILE_TYPES }],
    errors: [400, 404],
  });
}
