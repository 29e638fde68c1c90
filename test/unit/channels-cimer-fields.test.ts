import { expect } from 'chai';
import { parseApplicationDate, fromSpreadsheetDate } from '../../src/channels/cimer/application-date.js';
import { checkApplication, type CheckContext, type RawApplication } from '../../src/channels/cimer/application-fields.js';
import { normaliseApplicationNumber } from '../../src/channels/cimer/application-number.js';
import { mapColumns } from '../../src/channels/cimer/import-columns.js';
import { readSheet } from '../../src/channels/cimer/import-file.js';
import { NameLookup } from '../../src/channels/cimer/name-lookup.js';
import { replyText } from '../../src/channels/cimer/reply-text.js';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const text = (value: string) => ({ kind: 'text', text: value }) as const;
const context: CheckContext = {
  now: NOW,
  maxAgeDays: 365,
  categories: new NameLookup([['cevre', 'Çevre ve temizlik'], ['hayvan', 'Yaralı veya sahipsiz hayvan']]),
  districts: new NameLookup([['Melikgazi'], ['Hacılar'], ['İncesu']]),
  defaultSource: 'cimer',
  refuseFormulas: true,
};
const good: RawApplication = {
  externalRef: text('2600012345'), appliedAt: text('01.12.2026 10:15'), callerName: text('Ayşe Yılmaz'), categoryCode: text('cevre'), description: text('Çöpler toplanmıyor'),
};
const codes = (raw: RawApplication, overrides: Partial<CheckContext> = {}) => {
  const result = checkApplication(raw, { ...context, ...overrides });
  return 'problems' in result ? Object.fromEntries(Object.entries(result.problems).map(([field, problem]) => [field, problem?.code])) : {};
};

describe('channels: CİMER / Açık Kapı application fields', () => {
  it('accepts CİMER numbers of 6 to 15 digits only, and Açık Kapı numbers of capitals, digits and hyphens', () => {
    expect(normaliseApplicationNumber('cimer', ' 2600012345 ')).to.equal('2600012345');
    for (const bad of ['12345', '1234567890123456', '26000-12345', '2600 012345', 'A2600012345', '']) expect(normaliseApplicationNumber('cimer', bad), bad).to.equal(undefined);
    expect(normaliseApplicationNumber('acik-kapi', 'ak-2026-0042')).to.equal('AK-2026-0042');
    expect(normaliseApplicationNumber('acik-kapi', '2026000123')).to.equal('2026000123');
    for (const bad of ['AK--2026', '-2026', 'AKAPI', 'AK 2026', 'A1', `AK-${'1'.repeat(30)}`]) expect(normaliseApplicationNumber('acik-kapi', bad), bad).to.equal(undefined);
  });

  it('reads application dates on the Istanbul clock in the spellings exports use, and refuses days that do not exist', () => {
    const iso = (value: string) => parseApplicationDate(value)?.toISOString();
    expect(iso('01.12.2026 10:15')).to.equal('2026-12-01T07:15:00.000Z');
    expect(iso('1/12/2026 10:15:30')).to.equal('2026-12-01T07:15:30.000Z');
    expect(iso('01.12.2026')).to.equal('2026-11-30T21:00:00.000Z');
    expect(iso('2026-12-01')).to.equal('2026-11-30T21:00:00.000Z');
    expect(iso('2026-12-01T10:15')).to.equal('2026-12-01T07:15:00.000Z');
    expect(iso('2026-12-01T10:15:00Z')).to.equal('2026-12-01T10:15:00.000Z');
    expect(iso('2026-12-01T10:15:00+03:00')).to.equal('2026-12-01T07:15:00.000Z');
    for (const bad of ['31.02.2026', '29.02.2026', '2026-13-01', '01.12.2026 24:00', '01.12.26', 'dün', '12/01/2026 10:15 PM']) expect(iso(bad), bad).to.equal(undefined);
    // An XLSX date cell is wall-clock time in UTC fields.
    expect(fromSpreadsheetDate(new Date(Date.UTC(2026, 11, 1, 10, 15)))?.toISOString()).to.equal('2026-12-01T07:15:00.000Z');
  });

  it('checks a whole application and normalises what it keeps', () => {
    const result = checkApplication({ ...good, callerNumber: text('+90 (532) 123 45 67'), email: text(' Ayse@Example.COM '), district: text('HACILAR'), categoryCode: text('CEVRE VE TEMIZLIK'), source: text('Açık Kapı'), externalRef: text('ak-1234') }, context);
    if ('problems' in result) throw new Error(JSON.stringify(result.problems));
    expect(result.application).to.deep.include({ source: 'acik-kapi', externalRef: 'AK-1234', callerNumber: '05321234567', email: 'ayse@example.com', district: 'Hacılar', categoryCode: 'cevre', address: null });
    expect(result.application.appliedAt.toISOString()).to.equal('2026-12-01T07:15:00.000Z');
    const landline = checkApplication({ ...good, callerNumber: { kind: 'number', value: 3522223344 } }, context);
    expect('application' in landline && landline.application.callerNumber).to.equal('03522223344');
  });

  it('refuses each bad field with its own code, all at once', () => {
    expect(codes({})).to.deep.equal({ externalRef: 'required', appliedAt: 'required', callerName: 'required', categoryCode: 'required', description: 'required' });
    expect(codes({ ...good, source: text('e-Devlet'), callerNumber: text('12345'), email: text('ayse@'), district: text('Paris'), categoryCode: text('uzay') })).to.deep.equal({
      source: 'invalid-source', callerNumber: 'invalid-phone', email: 'invalid-email', district: 'invalid-district', categoryCode: 'unknown-category',
    });
    expect(codes({ ...good, appliedAt: text('03.12.2026 12:10') })).to.deep.equal({ appliedAt: 'in-the-future' });
    expect(codes({ ...good, appliedAt: text('03.12.2026 12:04') })).to.deep.equal({});
    expect(codes({ ...good, appliedAt: text('02.12.2025') })).to.deep.equal({ appliedAt: 'too-old' });
    expect(codes({ ...good, appliedAt: text('02.12.2025') }, { maxAgeDays: 400 })).to.deep.equal({});
    expect(codes({ ...good, description: text('x'.repeat(4001)), callerName: text('a\u0007b') })).to.deep.equal({ description: 'too-long', callerName: 'invalid-text' });
  });

  it('refuses formulas and wrong cell types from a spreadsheet, never keeping their text', () => {
    for (const formula of ['=HYPERLINK("http://evil","x")', '@SUM(A1)', '+cmd|x', "-2+3+cmd|' /C calc'!A0", '\t=1+1', '-SUM(1)']) {
      expect(codes({ ...good, description: text(formula) }), formula).to.deep.equal({ description: 'formula' });
    }
    // A phone or a dash list is not a formula.
    expect(codes({ ...good, callerNumber: text('+90 532 123 45 67'), description: text('- çöp\n- koku') })).to.deep.equal({});
    expect(codes({ ...good, description: text('=1+1') }, { refuseFormulas: false })).to.deep.equal({});
    expect(codes({ ...good, description: { kind: 'formula' } }, { refuseFormulas: false })).to.deep.equal({ description: 'formula' });
    expect(codes({ ...good, callerName: { kind: 'number', value: 42 }, appliedAt: { kind: 'other' }, externalRef: { kind: 'number', value: 2.5 } })).to.deep.equal({ callerName: 'invalid-type', appliedAt: 'invalid-type', externalRef: 'invalid-type' });
    expect(codes({ ...good, externalRef: { kind: 'number', value: 2600012345 } })).to.deep.equal({});
  });

  it('maps the export’s Turkish headers without case or Turkish letters, and says what is missing, repeated or ignored', () => {
    const map = mapColumns(['BAŞVURU NO', 'basvuru tarihi', 'Adı Soyadı', 'TELEFON', 'e-posta', 'İLÇE', 'Konu', 'BAŞVURU METNİ', 'kaynak', 'Durum', '']);
    expect([...map.fields.entries()]).to.deep.equal([[0, 'externalRef'], [1, 'appliedAt'], [2, 'callerName'], [3, 'callerNumber'], [4, 'email'], [5, 'district'], [6, 'categoryCode'], [7, 'description'], [8, 'source']]);
    expect(map).to.deep.include({ missing: [], ignored: ['Durum'], repeated: [] });
    expect(mapColumns(['Başvuru No', 'Konu']).missing).to.deep.equal(['appliedAt', 'callerName', 'description']);
    expect(mapColumns(['Başvuru No', 'BASVURU NO']).repeated).to.deep.equal(['externalRef']);
  });

  it('reads CSV with ; or , and a BOM, in UTF-8 or Windows-1254, keeping a stray quote as text', async () => {
    const semicolon = await readSheet(Buffer.from('\uFEFFBaşvuru No;Ad Soyad\n1;"Ayşe; Yılmaz"\n;\n2;=HYPERLINK("x")\n', 'utf8'), 'csv');
    expect(semicolon.headers).to.deep.equal(['Başvuru No', 'Ad Soyad']);
    expect(semicolon.rows.map((row) => [row.row, row.cells.map((cell) => (cell.kind === 'text' ? cell.text : cell.kind))])).to.deep.equal([[2, ['1', 'Ayşe; Yılmaz']], [4, ['2', '=HYPERLINK("x")']]]);
    // "İlçe;Şahin" in Windows-1254 (Turkish Excel's CSV).
    const legacy = Buffer.from([0xdd, 0x6c, 0xe7, 0x65, 0x3b, 0x41, 0x64, 0x0a, 0xde, 0x61, 0x68, 0xfd, 0x6e, 0x3b, 0x78]);
    const decoded = await readSheet(legacy, 'csv');
    expect(decoded.headers).to.deep.equal(['İlçe', 'Ad']);
    expect(decoded.rows[0]?.cells[0]).to.deep.equal({ kind: 'text', text: 'Şahın' });
  });

  it('writes the reply text for the portal: greeting, number and date, the answer, a closing', () => {
    const reply = replyText({
      source: 'acik-kapi', externalRef: 'AK-2026-0042', appliedAt: new Date('2026-12-01T22:30:00.000Z'), callerName: ' Fatma Kaya ', departmentName: 'Zabıta Dairesi Başkanlığı',
      answer: '  Kaldırım işgali giderildi.  ', signature: 'Kayseri Büyükşehir Belediyesi — Beyaz Masa',
    });
    expect(reply).to.equal([
      'Sayın Fatma Kaya,', '',
      // 22:30 UTC is already 2 December in Istanbul.
      '02.12.2026 tarihinde Açık Kapı üzerinden yaptığınız AK-2026-0042 numaralı başvurunuz Zabıta Dairesi Başkanlığı tarafından incelenmiştir.', '',
      'Kaldırım işgali giderildi.', '', 'Bilgilerinize sunar, iyi günler dileriz.', '', 'Saygılarımızla,', 'Kayseri Büyükşehir Belediyesi — Beyaz Masa',
    ].join('\n'));
    const anonymous = replyText({ source: 'cimer', externalRef: '2600012345', appliedAt: NOW, callerName: null, departmentName: null, answer: 'Tamam', signature: 'KBB' });
    expect(anonymous.split('\n').slice(0, 3)).to.deep.equal(['Sayın Başvuru Sahibi,', '', '03.12.2026 tarihinde CİMER üzerinden yaptığınız 2600012345 numaralı başvurunuz incelenmiştir.']);
  });
});
