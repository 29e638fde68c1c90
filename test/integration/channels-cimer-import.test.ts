import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startApplicationsApp, type ApplicationsApp } from './channels-cimer-app.js';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/cimer/${name}`, import.meta.url));

interface Row {
  row: number;
  status: string;
  ticket?: string;
  externalRef?: string;
  changed?: string[];
  fields?: Record<string, { code: string }>;
}
interface Report {
  counts: Record<string, number>;
  rows: Row[];
  ignoredColumns: string[];
}

/** Each refused row as `row: field=code …`, the shape the screen lists. */
const refusals = (report: Report) =>
  Object.fromEntries(report.rows.filter((row) => row.status === 'refused').map((row) => [row.row, Object.fromEntries(Object.entries(row.fields ?? {}).map(([field, problem]) => [field, problem.code]))]));

describe(`channels: importing a CİMER / Açık Kapı list export (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let app: ApplicationsApp;

  beforeEach(async () => {
    test = await createTestDatabase();
    app = await startApplicationsApp(test, () => NOW, { importMaxBytes: 64 * 1024 });
  });
  afterEach(async () => {
    await app.http.close();
    await test.destroy();
  });

  const count = async () => Number(((await test.db('tickets').count({ n: '*' }).first()) as { n: number | string }).n);
  const upload = async (bytes: Buffer | string, type: string, query = '') => {
    const reply = await app.upload('ayse', bytes, type, query);
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return reply.body as unknown as Report;
  };

  it('imports the CSV export once: a second import creates nothing, and the XLSX of the same list finds them unchanged', async () => {
    const first = await upload(fixture('basvurular.csv'), CSV);
    expect(first.counts).to.deep.equal({ created: 3, updated: 0, unchanged: 0, refused: 0 });
    expect(first.ignoredColumns).to.deep.equal([]);
    const stored = await test.db('tickets').orderBy('id').select('source', 'external_ref', 'applied_at', 'caller_number', 'email', 'district', 'category_code', 'department_code', 'status', 'description');
    expect(stored.map((row: Record<string, unknown>) => [row.source, row.external_ref, row.applied_at, row.district, row.category_code, row.department_code, row.status])).to.deep.equal([
      ['cimer', '2600012345', '2026-12-01T07:15:00.000Z', 'Melikgazi', 'cevre', 'cevre', 'forwarded'],
      ['cimer', '2600012346', '2026-11-29T21:00:00.000Z', 'Talas', 'hayvan', 'veteriner', 'forwarded'],
      ['acik-kapi', 'AK-2026-0042', '2026-12-02T06:00:00.000Z', 'Kocasinan', 'zabita', 'zabita', 'forwarded'],
    ]);
    expect(stored[0]).to.include({ caller_number: '05321234567', email: 'ayse@example.com' });
    expect(stored[2]).to.include({ caller_number: '03522223344', description: 'Kaldırım işgali; dükkân önleri kapalı.\nİkinci satır: akşamları da sürüyor.' });

    const second = await upload(fixture('basvurular.csv'), CSV);
    expect(second.counts).to.deep.equal({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(second.rows.map((row) => row.ticket)).to.deep.equal(first.rows.map((row) => row.ticket));
    const asXlsx = await upload(fixture('basvurular.xlsx'), XLSX);
    expect(asXlsx.counts).to.deep.equal({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(asXlsx.ignoredColumns).to.deep.equal(['DURUM']);
    expect(await count()).to.equal(3);
  });

  it('imports the XLSX export on its own, twice, with the same result', async () => {
    const first = await upload(fixture('basvurular.xlsx'), XLSX);
    expect(first.counts).to.deep.include({ created: 3, refused: 0 });
    expect(first.rows.map((row) => row.externalRef)).to.deep.equal(['2600012345', '2600012346', 'AK-2026-0042']);
    expect((await upload(fixture('basvurular.xlsx'), XLSX)).counts).to.deep.equal({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(await count()).to.equal(3);
  });

  it('refuses each bad CSV row with its problems by field and row number, and keeps the good row', async () => {
    const report = await upload(fixture('hatali.csv'), CSV);
    expect(report.counts).to.deep.equal({ created: 1, updated: 0, unchanged: 0, refused: 8 });
    expect(report.rows[0]).to.include({ row: 2, status: 'created', externalRef: '2600020001' });
    expect(refusals(report)).to.deep.equal({
      3: { externalRef: 'required' },
      4: { appliedAt: 'invalid-date' },
      5: { appliedAt: 'in-the-future' },
      6: { callerName: 'formula' },
      7: { callerNumber: 'invalid-phone', district: 'invalid-district', categoryCode: 'unknown-category' },
      8: { externalRef: 'invalid-number' },
      9: { externalRef: 'duplicate-in-file' },
      10: { email: 'invalid-email', description: 'formula' },
    });
    expect(await count()).to.equal(1);
    // Nothing of a formula was stored anywhere.
    const texts = await test.db('tickets').select('caller_name', 'description');
    expect(JSON.stringify(texts)).not.to.match(/HYPERLINK|SUM\(/);
  });

  it('refuses formula cells, a number for a name and a true/false date in an XLSX file, and keeps the good row', async () => {
    const report = await upload(fixture('hatali.xlsx'), XLSX);
    expect(report.counts).to.deep.equal({ created: 1, updated: 0, unchanged: 0, refused: 3 });
    expect(report.rows[0]).to.include({ row: 2, status: 'created', externalRef: '2600030001' });
    expect(refusals(report)).to.deep.equal({ 3: { description: 'formula' }, 4: { callerName: 'invalid-type' }, 5: { appliedAt: 'invalid-type' } });
    const stored = await test.db('tickets').first('caller_number', 'district', 'category_code', 'applied_at');
    expect(stored).to.deep.equal({ caller_number: '05321234567', district: 'Hacılar', category_code: 'su', applied_at: '2026-12-01T05:30:00.000Z' });
  });

  it('updates the changed fields of a still-open application, and refuses a change to a closed one', async () => {
    await upload(fixture('basvurular.csv'), CSV);
    const csv = fixture('basvurular.csv').toString('utf8');
    const changed = csv.replace('Cumhuriyet Mah. 5. Sok. No:3', 'Cumhuriyet Mah. 7. Sok. No:1').replace('Parkta yaralı bir köpek var.', 'Parkta yaralı iki köpek var.');
    const report = await upload(changed, CSV);
    expect(report.counts).to.deep.equal({ created: 0, updated: 2, unchanged: 1, refused: 0 });
    expect(report.rows.map((row) => row.changed ?? null)).to.deep.equal([['address'], ['description'], null]);
    const number = report.rows[0]?.ticket ?? '';
    const events = await test.db('ticket_events').join('tickets', 'tickets.id', 'ticket_events.ticket_id').where('tickets.number', number).orderBy('ticket_events.id').select('kind', 'actor');
    expect(events.at(-1)).to.deep.equal({ kind: 'updated', actor: 'user:ayse' });

    const current = await app.http.call<{ version: number }>('GET', `/api/tickets/${number}`, 'ayse');
    await test.db('tickets').where({ number }).update({ status: 'returned' });
    const referred = await app.http.call('POST', `/api/tickets/${number}/actions`, 'ayse', { action: 'refer', version: current.body.version, text: 'Başka kurum' });
    expect(referred.status, JSON.stringify(referred.body)).to.equal(200);
    const again = await upload(csv, CSV);
    expect(refusals(again)).to.deep.equal({ 2: { address: 'closed' } });
    const moved = csv.replace(';hayvan;', ';cevre;');
    expect(refusals(await upload(moved, CSV))).to.deep.include({ 3: { categoryCode: 'category-locked' } });
  });

  it('refuses other content types (415), a file over the limit (413) and a file without the required columns (400)', async () => {
    expect((await app.upload('ayse', 'Başvuru No\n1', 'text/plain')).status).to.equal(415);
    const json = await app.upload('ayse', '{"rows":[]}', 'application/json');
    expect(json.status).to.equal(415);
    expect((json.body.details as { code: string }).code).to.equal('unsupported-media-type');
    const big = Buffer.alloc(65 * 1024, 'a');
    const tooBig = await app.upload('ayse', big, CSV);
    expect(tooBig.status).to.equal(413);
    const columns = await app.upload('ayse', 'Başvuru No;Ad Soyad\n2600012345;Ayşe', CSV);
    expect(columns.status).to.equal(400);
    expect(columns.body.details).to.deep.equal({ code: 'missing-columns', columns: ['Başvuru Tarihi', 'Konu', 'Başvuru Metni'] });
    const notXlsx = await app.upload('ayse', 'this is no zip', XLSX);
    expect(notXlsx.status).to.equal(400);
    expect((notXlsx.body.details as { code: string }).code).to.equal('unreadable');
    expect(await count()).to.equal(0);
  });

  it('dates each application’s deadline from its application date and files a source-less row under the chosen portal', async () => {
    const csv = 'Başvuru No,Başvuru Tarihi,Ad Soyad,Konu,Başvuru Metni\n2026-000777,2026-11-30T10:00,Hasan Öz,genel,Bilgi talebi\n';
    const report = await upload(csv, CSV, '?source=acik-kapi&forward=0');
    expect(report.counts.created).to.equal(1);
    const stored = await test.db('tickets').first('source', 'external_ref', 'status', 'applied_at', 'due_at');
    expect(stored).to.deep.equal({ source: 'acik-kapi', external_ref: '2026-000777', status: 'open', applied_at: '2026-11-30T07:00:00.000Z', due_at: '2026-12-15T07:00:00.000Z' });
  });
});
