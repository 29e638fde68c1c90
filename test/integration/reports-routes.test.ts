import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { AccessEntry, AccessLog } from '../../src/audit/access-log.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { createCallsListing } from '../../src/reports/listings/calls-listing.js';
import { createTicketsListing } from '../../src/reports/listings/tickets-listing.js';
import { createReportService } from '../../src/reports/report-service.js';
import type { ReportBuilder, ReportFilters, ReportListing, ReportTable, Row } from '../../src/reports/report-types.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';
import { waitFor } from '../support/system.js';

// Thursday 12 March 2026, 12:00 Istanbul.
const NOW = Date.parse('2026-03-12T09:00:00.000Z');
const CALLS = 5_000;
const TURKISH = 'Kayseri Büyükşehir — Şikâyet: İğdır, çğüşöı ÇĞÜŞÖİ';

/** A fixed table, so the export tests compare files with known rows (the builders have their own tests). */
const TABLE: ReportTable = {
  id: 'by-queue',
  title: { tr: 'Kuyruklara göre çağrılar', en: 'Calls by queue' },
  columns: [
    { key: 'queue', label: { tr: 'Kuyruk adı (ğüşiöç)', en: 'Queue' }, kind: 'text' },
    { key: 'offered', label: { tr: 'Gelen', en: 'Offered' }, kind: 'count' },
    { key: 'service_level', label: { tr: 'Hizmet düzeyi %', en: 'Service level %' }, kind: 'percent' },
    { key: 'aht_s', label: { tr: 'Ort. görüşme (sn)', en: 'AHT (s)' }, kind: 'seconds' },
    { key: 'first_at', label: { tr: 'İlk çağrı', en: 'First call' }, kind: 'datetime' },
  ],
  rows: [
    { queue: TURKISH, offered: 1200, service_level: 87.5, aht_s: 184, first_at: '2026-03-09T05:30:00.000Z' },
    { queue: 'alo153-genel, "tırnaklı"', offered: 0, service_level: null, aht_s: null, first_at: null },
  ],
};

const seenFilters: ReportFilters[] = [];
const fakeCalls: ReportBuilder = {
  id: 'calls',
  build: async (filters) => {
    seenFilters.push(filters);
    return [TABLE];
  },
};

/** Pages forever, counting them: a client that stops reading or hangs up must stop it. */
function endlessListing(): ReportListing & { pages: () => number } {
  let pages = 0;
  return {
    id: 'endless',
    title: { tr: 'Sonsuz', en: 'Endless' },
    columns: [{ key: 'n', label: { tr: 'Sıra', en: 'N' }, kind: 'count' }, { key: 'text', label: { tr: 'Metin', en: 'Text' }, kind: 'text' }],
    pages: () => pages,
    async *rows() {
      for (let page = 0; ; page += 1) {
        pages += 1;
        await new Promise((resolve) => setImmediate(resolve));
        // Text that does not compress, so an XLSX (a zip) fills the socket as fast as a CSV does.
        const rows: Row[] = Array.from({ length: 2000 }, (_, index) => ({ n: page * 2000 + index, text: randomBytes(48).toString('hex') }));
        yield* rows;
      }
    },
  };
}

describe(`reports: /api/reports routes and exports (${testEngine()})`, function () {
  this.timeout(60_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  const logged: AccessEntry[] = [];
  const accessLog: AccessLog = { record: (entry) => logged.push(entry) };
  const endless = endlessListing();
  /** The UTC hour of each statement the calls listing sent (its first binding after the filters). */
  const callQueries: unknown[][] = [];

  before(async () => {
    test = await createTestDatabase();
    const start = Date.parse('2026-03-09T06:00:00.000Z');
    await test.db('tickets').insert({ number: '153-2026-000001', year: 2026, seq: 1, source: 'phone', status: 'open', priority: 'normal', district: 'Talas', caller_number: '05321234567', created_at: '2026-03-09T07:00:00.000Z', updated_at: '2026-03-09T07:00:00.000Z', version: 1 });
    const calls = Array.from({ length: CALLS }, (_, i) => {
      // All in one hour; three calls share each start time and two such groups straddle page ends: ties break by id.
      const at = new Date(start + Math.floor(i / 3) * 600).toISOString();
      return { id: `call-${String(i).padStart(5, '0')}`, channel_id: `ch-${i}`, caller_number: `0532${String(1_000_000 + i).slice(1)}`, started_at: at, ivr_path: '[]', queue: 'alo153-genel', outcome: 'answered', wait_s: i % 60, talk_s: 100 + (i % 7), ticket_id: i === 0 ? 1 : null, created_at: at, updated_at: at };
    });
    await test.db.batchInsert('calls', calls, 500);
    test.db.on('query', (query: { sql: string; bindings?: unknown[] }) => {
      if (/from calls where substr/i.test(query.sql)) callQueries.push(query.bindings ?? []);
    });
    const service = createReportService({ builders: [fakeCalls], listings: [createCallsListing(test.db), createTicketsListing(test.db), endless], now: () => NOW });
    http = await startTestHttpApp({
      db: test.db,
      logger: createTestLogger(),
      accounts: [
        { username: 'nuray', role: 'supervisor' },
        { username: 'admin', role: 'admin' },
        { username: 'ayse', role: 'agent' },
      ],
      deps: { reports: { service, now: () => NOW }, audit: { log: accessLog, store: { list: async () => ({ total: 0, items: [] }) } } },
    });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  const fetchAs = (path: string, who = 'nuray', signal?: AbortSignal) => fetch(`${http.base}${path}`, { headers: { authorization: `Bearer ${http.tokens[who] ?? ''}` }, ...(signal ? { signal } : {}) });
  type Period = { kind: string; from: string; to: string; firstDay: string; lastDay: string };

  describe('GET /api/reports/:report', () => {
    it('gives the ISO week (Monday to Sunday, Istanbul) containing a date', async () => {
      const reply = await http.call<{ period: Period; filters: ReportFilters; tables: ReportTable[] }>('GET', '/api/reports/calls?period=week&date=2026-03-12', 'nuray');
      expect(reply.status).to.equal(200);
      expect(reply.body.period).to.deep.equal({ kind: 'week', from: '2026-03-08T21:00:00.000Z', to: '2026-03-15T21:00:00.000Z', firstDay: '2026-03-09', lastDay: '2026-03-15' });
      expect(reply.body.filters).to.deep.equal({ from: Date.parse('2026-03-08T21:00:00.000Z'), to: Date.parse('2026-03-15T21:00:00.000Z') });
      expect(reply.body.tables[0]?.id).to.equal('by-queue');
      // A Sunday belongs to the week that began the Monday before.
      const sunday = await http.call<{ period: Period }>('GET', '/api/reports/calls?period=week&date=2026-03-15', 'admin');
      expect(sunday.body.period.firstDay).to.equal('2026-03-09');
    });

    it('takes February of the leap year 2028 to its 29th, and a year from 1 January to 31 December', async () => {
      const month = await http.call<{ period: Period }>('GET', '/api/reports/calls?period=month&date=2028-02-10', 'nuray');
      expect(month.body.period).to.include({ from: '2028-01-31T21:00:00.000Z', to: '2028-02-29T21:00:00.000Z', firstDay: '2028-02-01', lastDay: '2028-02-29' });
      const year = await http.call<{ period: Period }>('GET', '/api/reports/calls?period=year&date=2025-06-01', 'nuray');
      expect(year.body.period).to.include({ firstDay: '2025-01-01', lastDay: '2025-12-31' });
    });

    it('takes a custom period of inclusive Istanbul days, today by default, and passes the filters to the builder', async () => {
      seenFilters.length = 0;
      const custom = await http.call<{ period: Period }>('GET', '/api/reports/calls?from=2026-03-01&to=2026-03-01&queue=alo153-genel&source=cimer&agent=', 'nuray');
      expect(custom.body.period).to.include({ kind: 'custom', firstDay: '2026-03-01', lastDay: '2026-03-01' });
      expect(seenFilters[0]).to.deep.equal({ from: Date.parse('2026-02-28T21:00:00.000Z'), to: Date.parse('2026-03-01T21:00:00.000Z'), queue: 'alo153-genel', source: 'cimer' });
      const today = await http.call<{ period: Period }>('GET', '/api/reports/calls', 'nuray');
      expect(today.body.period).to.include({ kind: 'day', firstDay: '2026-03-12', lastDay: '2026-03-12' });
    });

    it('refuses a custom period that ends before it starts with a Turkish message on `to`', async () => {
      const reply = await http.call<{ fields: Record<string, { code: string; message: string }> }>('GET', '/api/reports/calls?period=custom&from=2026-03-10&to=2026-03-09', 'nuray');
      expect(reply.status).to.equal(400);
      expect(reply.body.fields.to).to.deep.include({ code: 'before-from', message: 'Bitiş tarihi başlangıç tarihinden önce olamaz.' });
    });

    it('refuses bad parameters field by field: a period, a date, a source, a period over two years, an unknown parameter', async () => {
      const fields = async (query: string) => (await http.call<{ fields: Record<string, { code: string }> }>('GET', `/api/reports/calls?${query}`, 'nuray')).body.fields;
      expect((await fields('period=quarter')).period?.code).to.equal('invalid-period');
      expect((await fields('period=day&date=2026-02-30')).date?.code).to.equal('invalid-date');
      expect((await fields('source=fax')).source?.code).to.equal('invalid-source');
      expect((await fields('from=2024-01-01&to=2026-01-02')).to?.code).to.equal('too-long');
      expect((await fields('from=2024-01-01&to=2025-12-31')) ?? {}).to.deep.equal({});
      expect((await fields('colour=red')).colour?.code).to.equal('unknown-parameter');
      expect((await fields('period=custom&from=2026-01-01')).to?.code).to.equal('required');
    });

    it('answers 404 for a report that does not exist and for one whose builder is not installed', async () => {
      const unknown = await http.call('GET', '/api/reports/sales', 'nuray');
      expect(unknown.status).to.equal(404);
      expect(unknown.body).to.include({ reason: 'unknown-report' });
      const missing = await http.call('GET', '/api/reports/agents', 'nuray');
      expect(missing.status).to.equal(404);
      expect(missing.body).to.include({ reason: 'report-not-installed', error: 'Bu sunucuda agents raporu kurulu değil.' });
      expect((await http.call('GET', '/api/reports/calls/nope.csv', 'nuray')).body).to.include({ reason: 'unknown-table' });
      expect((await http.call('GET', '/api/reports/listings/nope.xlsx', 'nuray')).body).to.include({ reason: 'unknown-listing' });
    });

    it('is for supervisors and admins: an agent gets 403, no session 401, files too', async () => {
      expect((await http.call('GET', '/api/reports/calls', 'ayse')).status).to.equal(403);
      expect((await http.call('GET', '/api/reports/calls', null)).status).to.equal(401);
      expect((await fetchAs('/api/reports/listings/calls.csv', 'ayse')).status).to.equal(403);
      expect((await fetch(`${http.base}/api/reports/calls/by-queue.xlsx`)).status).to.equal(401);
      expect((await http.call<{ reports: string[] }>('GET', '/api/reports', 'admin')).body).to.deep.equal({ reports: ['calls'], listings: ['calls', 'tickets', 'endless'] });
    });
  });

  describe('table exports', () => {
    it('sends CSV as UTF-8 with a BOM, a Turkish header, Turkish letters intact, dot decimals and Istanbul times', async () => {
      logged.length = 0;
      const response = await fetchAs('/api/reports/calls/by-queue.csv?period=year&date=2025-05-05');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).to.equal('attachment; filename="rapor-calls-by-queue-2025.csv"');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).to.equal('Kuyruk adı (ğüşiöç),Gelen,Hizmet düzeyi %,Ort. görüşme (sn),İlk çağrı');
      expect(parse(text)).to.deep.equal([
        ['Kuyruk adı (ğüşiöç)', 'Gelen', 'Hizmet düzeyi %', 'Ort. görüşme (sn)', 'İlk çağrı'],
        [TURKISH, '1200', '87.5', '184', '2026-03-09 08:30:00'],
        ['alo153-genel, "tırnaklı"', '0', '', '', ''],
      ]);
      expect(logged).to.have.length(1);
      expect(logged[0]).to.deep.include({ kind: 'export', tickets: [], user: { userId: http.users.nuray?.id, username: 'nuray' } });
      expect(logged[0]?.detail).to.include({ format: 'csv', report: 'calls', table: 'by-queue', period: 'year', firstDay: '2025-01-01', lastDay: '2025-12-31', rows: 2, complete: true, file: 'rapor-calls-by-queue-2025.csv', lang: 'tr' });
    });

    it('sends XLSX that exceljs reads back to the same rows, the header bold and in English with lang=en', async () => {
      const response = await fetchAs('/api/reports/calls/by-queue.xlsx?period=month&date=2026-03-01&lang=en', 'admin');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-disposition')).to.equal('attachment; filename="rapor-calls-by-queue-2026-03.xlsx"');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet?.name).to.equal('Calls by queue');
      const values = (row: number) => (sheet?.getRow(row).values as unknown[]).slice(1);
      expect(values(1)).to.deep.equal(['Queue', 'Offered', 'Service level %', 'AHT (s)', 'First call']);
      expect(sheet?.getRow(1).getCell(1).font?.bold).to.equal(true);
      expect(values(2)).to.deep.equal([TURKISH, 1200, 87.5, 184, new Date('2026-03-09T08:30:00.000Z')]);
      expect(values(3)).to.deep.equal(['alo153-genel, "tırnaklı"', 0]);
      expect(sheet?.getColumn(1).width).to.be.greaterThan(10);
      expect(logged.at(-1)?.detail).to.include({ format: 'xlsx', rows: 2, complete: true, lang: 'en' });
    });
  });

  describe('listing exports', () => {
    it('streams 5,000 calls of one hour in keyset pages of 2,000 (three statements, one per other hour), in start order, numbers masked to the last 4 digits', async () => {
      callQueries.length = 0;
      logged.length = 0;
      const response = await fetchAs('/api/reports/listings/calls.csv?period=month&date=2026-03-01');
      expect(response.headers.get('content-disposition')).to.equal('attachment; filename="rapor-liste-calls-2026-03.csv"');
      const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
      expect(rows).to.have.length(CALLS);
      // March 2026 in Istanbul is 744 UTC hours; the hour with the calls takes three pages.
      expect(callQueries.filter((bindings) => bindings.includes('2026-03-09T06'))).to.have.length(3);
      expect(callQueries).to.have.length(744 + 2);
      expect(rows.map((row) => row['Çağrı no'])).to.deep.equal(Array.from({ length: CALLS }, (_, i) => `call-${String(i).padStart(5, '0')}`));
      expect(rows[0]).to.include({ 'Arayan (son 4 hane)': '******0000', Başlangıç: '2026-03-09 09:00:00', 'Başvuru no': '153-2026-000001', 'Bekleme (sn)': '0' });
      expect(rows[4999]?.['Arayan (son 4 hane)']).to.equal('******4999');
      expect(logged).to.have.length(1);
      expect(logged[0]?.tickets).to.deep.equal([]);
      expect(logged[0]?.detail).to.include({ listing: 'calls', rows: CALLS, complete: true, masked: 'phone-last-4', format: 'csv' });
    });

    it('filters a listing as the reports do (queue), and lists tickets of the period without names', async () => {
      const none = parse((await (await fetchAs('/api/reports/listings/calls.csv?period=month&date=2026-03-01&queue=alo153-cevre')).text())) as string[][];
      expect(none).to.have.length(1);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await fetchAs('/api/reports/listings/tickets.xlsx?period=week&date=2026-03-09')).arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet?.rowCount).to.equal(2);
      expect((sheet?.getRow(2).values as unknown[]).slice(1, 9)).to.deep.equal(['153-2026-000001', new Date('2026-03-09T10:00:00.000Z'), 'phone', undefined, undefined, 'Talas', undefined, 'open']);
      expect(sheet?.getRow(2).getCell(9).value).to.equal('*******4567');
    });

    for (const format of ['csv', 'xlsx'] as const) {
      it(`stops reading rows while a ${format} client does not read, and ends the loop when it hangs up`, async () => {
        logged.length = 0;
        const abort = new AbortController();
        const response = await fetchAs(`/api/reports/listings/endless.${format}`, 'nuray', abort.signal);
        const reader = response.body?.getReader();
        try {
          await reader?.read();
          // Backpressure: once the socket's buffers are full no further page is asked for. A pause of the zip's
          // zlib work (a starved thread pool on a loaded machine) also stops the pages for a while, so the stall must
          // last a full second, and what follows may add a page or two, never the stream an unthrottled loop makes.
          const stalled = await pagesSettled();
          await new Promise((resolve) => setTimeout(resolve, 1000));
          expect(endless.pages() - stalled, 'pages asked for while the client read nothing').to.be.at.most(2);
        } finally {
          abort.abort();
        }
        await waitFor(() => logged.length === 1, 10_000, 'the export to end after the hang-up');
        const after = await pagesSettled();
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(endless.pages()).to.equal(after);
        expect(logged).to.have.length(1);
        expect(logged[0]?.detail).to.include({ listing: 'endless', complete: false, format });
        expect(Number(logged[0]?.detail?.rows)).to.be.greaterThan(0);
      });
    }

    /** The endless listing's page count once it has not moved for a second (at most 20 s). */
    async function pagesSettled(): Promise<number> {
      let last = endless.pages();
      let still = 0;
      for (let tries = 0; tries < 80 && still < 4; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const now = endless.pages();
        still = now === last ? still + 1 : 0;
        last = now;
      }
      return last;
    }
  });
});
