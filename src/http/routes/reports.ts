import { Router, type Request, type Response } from 'express';
import { recordExport, type AccessDetail, type AccessLog } from '../../audit/access-log.js';
import type { Logger } from '../../logging/logger.js';
import { writeCsv, type ExportResult, type ExportSheet } from '../../reports/export/csv-export.js';
import { exportFileName } from '../../reports/export/export-cells.js';
import { writeXlsx } from '../../reports/export/xlsx-export.js';
import { parseReportQuery, periodDays, periodLabel, ReportQueryError, type ReportQuery } from '../../reports/report-query.js';
import { ReportNotFoundError, type ReportService } from '../../reports/report-service.js';
import type { Label } from '../../reports/report-types.js';
import { currentUser, requireRole } from '../auth-middleware.js';

export interface ReportRoutesOptions {
  service: ReportService;
  /** Every export is recorded here (kind 'export'); absent only in tests that do not look. */
  accessLog?: AccessLog;
  logger: Logger;
  now?: () => number;
}

const FILE = /^([a-z0-9-]{1,60})\.(csv|xlsx)$/;
const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** The query's filters as the access log keeps them (times as ISO text, the period's Istanbul days). */
function filterDetail(query: ReportQuery): AccessDetail {
  const { from, to, ...rest } = query.filters;
  const days = periodDays(query.filters);
  return { period: query.period, from: new Date(from).toISOString(), to: new Date(to).toISOString(), firstDay: days.first, lastDay: days.last, lang: query.lang, ...rest };
}

/**
 * The reports API (supervisors and admins):
 * - GET /api/reports: the reports and listings this server has;
 * - GET /api/reports/:report?period=&date=|from=&to=&queue=… → the Report as JSON (report-query.ts has the parameters);
 * - GET /api/reports/:report/:table.csv|.xlsx → that table as a file;
 * - GET /api/reports/listings/:listing.csv|.xlsx → every row of a listing (calls, tickets), streamed page by page.
 * Every file handed out is written to the access log with what was asked and how many rows left (see sendFile).
 */
export function reportRoutes(options: ReportRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? Date.now;
  const { service } = options;
  router.use('/reports', requireRole('supervisor', 'admin'));

  router.get('/reports', (_req, res) => {
    res.json({ reports: service.reports, listings: service.listings });
  });

  router.get('/reports/listings/:file', async (req, res) => {
    const [name, format] = fileOf(req.params.file);
    const query = parseReportQuery(req.query, now());
    const listing = service.listing(name);
    const sheet = { title: listing.title, columns: listing.columns, rows: listing.rows(query.filters) };
    await sendFile(req, res, { format, query, sheet, names: ['rapor', 'liste', listing.id, periodLabel(query)], detail: { listing: listing.id, masked: 'phone-last-4' } });
  });

  router.get('/reports/:report/:file', async (req, res) => {
    const [tableId, format] = fileOf(req.params.file);
    const query = parseReportQuery(req.query, now());
    const table = await service.table(req.params.report, tableId, query.filters);
    await sendFile(req, res, { format, query, sheet: table, names: ['rapor', req.params.report, table.id, periodLabel(query)], detail: { report: req.params.report, table: table.id } });
  });

  router.get('/reports/:report', async (req, res) => {
    const query = parseReportQuery(req.query, now());
    const report = await service.report(req.params.report, query.filters);
    const days = periodDays(query.filters);
    res.json({ ...report, period: { kind: query.period, from: new Date(query.filters.from).toISOString(), to: new Date(query.filters.to).toISOString(), firstDay: days.first, lastDay: days.last } });
  });

  router.use('/reports', (error: unknown, _req: Request, res: Response, next: (error?: unknown) => void) => {
    if (res.headersSent) return next(error);
    if (error instanceof ReportQueryError) return void res.status(400).json({ error: 'invalid report query', fields: error.fields });
    if (error instanceof ReportNotFoundError) return void res.status(404).json({ error: error.message, reason: error.reason, known: error.known });
    next(error);
  });

  interface FileJob {
    format: 'csv' | 'xlsx';
    query: ReportQuery;
    sheet: ExportSheet & { title: Label };
    names: string[];
    detail: AccessDetail;
  }

  /**
   * Headers, then the rows as they come. The access log entry is written once the file has ended (finished,
   * cut off by the client, or failed), because only then is the row count known; the `finally` makes sure a cut
   * export is recorded too, with complete=false.
   */
  async function sendFile(req: Request, res: Response, job: FileJob): Promise<void> {
    const user = currentUser(res);
    const fileName = exportFileName(job.names, job.format);
    res.status(200);
    res.setHeader('content-type', CONTENT_TYPES[job.format]);
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    const started = Date.now();
    const result: ExportResult = { rows: 0, complete: false };
    try {
      await (job.format === 'csv' ? writeCsv(res, job.sheet, job.query.lang, result) : writeXlsx(res, job.sheet, job.query.lang, result));
    } catch (error) {
      // Headers (and maybe rows) have left: the only honest signal left is a cut connection.
      options.logger.error('report export failed', { file: fileName, rows: result.rows, error: (error as Error).message });
      res.destroy();
    } finally {
      const elapsedMs = Date.now() - started;
      if (options.accessLog) {
        recordExport(options.accessLog, {
          user: { userId: user.id, username: user.username },
          address: req.ip ?? null,
          tickets: [],
          format: job.format,
          filters: { ...filterDetail(job.query), ...job.detail, file: fileName, rows: result.rows, complete: result.complete },
        });
      }
      options.logger.info('report export', { file: fileName, rows: result.rows, complete: result.complete, elapsedMs });
    }
  }

  return router;
}

function fileOf(file: string): [string, 'csv' | 'xlsx'] {
  const match = FILE.exec(file);
  if (!match?.[1] || (match[2] !== 'csv' && match[2] !== 'xlsx')) {
    throw new ReportNotFoundError('unknown-table', `Dosya adı <ad>.csv veya <ad>.xlsx olmalı, ${file} değil.`, []);
  }
  return [match[1], match[2]];
}
