import { expect } from 'chai';
import { planSms } from '../../src/relay/sms/encoding.js';
import { istanbulYear } from '../../src/requests/ticket-numbers.js';
import { seedTicket } from '../support/seed-tickets.js';
import { testEngine } from '../support/db.js';
import { signIn, startSystem, type System } from '../support/system.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read field by field in the assertions
type Json = Record<string, any>;

describe(`the catalogue administration: /api/admin/catalogue (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;
  let admin: string;
  let adminName: string;

  before(async () => {
    system = await startSystem({ agents: 0 });
    const signed = await signIn(system, 'admin');
    admin = signed.token;
    adminName = signed.username;
  });
  after(() => system?.stop());

  const api = async (method: string, url: string, body?: unknown, token = admin): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${system.app.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as Json) };
  };
  const catalogue = async (): Promise<Json> => (await api('GET', '/api/catalogue')).body;

  it('adds a sub-category that GET /api/catalogue lists at once, and records who did it', async () => {
    const created = await api('POST', '/api/admin/catalogue/categories', { code: 'su-ariza', name: 'Su arızası', parentCode: 'su', departmentCode: 'kaski' });
    expect(created.status).to.equal(201);
    const su = (await catalogue()).categories.find((c: Json) => c.code === 'su');
    expect(su.children).to.deep.equal([{ code: 'su-ariza', name: 'Su arızası', departmentCode: 'kaski' }]);

    const renamed = await api('PATCH', '/api/admin/catalogue/categories/su-ariza', { name: 'Su ve kanalizasyon arızası' });
    expect(renamed.status).to.equal(200);
    expect((await catalogue()).categories.find((c: Json) => c.code === 'su').children[0].name).to.equal('Su ve kanalizasyon arızası');

    const { changes } = (await api('GET', '/api/admin/catalogue/history')).body;
    expect(changes.slice(0, 2).map((c: Json) => [c.entity, c.code, c.action, c.changedBy])).to.deep.equal([
      ['category', 'su-ariza', 'update', adminName],
      ['category', 'su-ariza', 'create', adminName],
    ]);
    expect(changes[0].before.name).to.equal('Su arızası');
    expect(changes[0].after.name).to.equal('Su ve kanalizasyon arızası');
  });

  it('refuses a bad code, a missing department and a third level, each at its field in Turkish', async () => {
    const bad = await api('POST', '/api/admin/catalogue/categories', { code: 'Su Arıza', name: 'x', departmentCode: 'kaski' });
    expect(bad.status).to.equal(400);
    expect(bad.body.details).to.deep.equal([{ path: 'code', message: 'Kod küçük harf, rakam, _ ve - içerebilir (ör. su-ariza)' }]);
    const links = await api('POST', '/api/admin/catalogue/categories', { code: 'kentkart-iade', name: 'İade', parentCode: 'kentkart', departmentCode: 'yok' });
    expect(links.status).to.equal(400);
    expect(links.body.details).to.deep.equal([
      { path: 'parentCode', message: 'Üst kategori bir ana kategori olmalı (iki düzey)' },
      { path: 'departmentCode', message: '"yok" kodlu bir birim yok' },
    ]);
  });

  it('refuses to delete a category that tickets use, or that the IVR menu sends callers to, and deletes an unused one', async () => {
    const number = await seedTicket(system.app.db, { year: istanbulYear(new Date()), seq: 77, createdAt: new Date() });
    await system.app.db('tickets').where({ number }).update({ category_code: 'sosyal-sut' });
    const used = await api('DELETE', '/api/admin/catalogue/categories/sosyal-sut');
    expect(used.status).to.equal(409);
    expect(used.body.error).to.equal('"Süt yardımı" kategorisi silinemez: 1 başvuru bu kategoride. Adını değiştirebilir veya yeni başvurular için başka bir kategori açabilirsiniz.');
    const inMenu = await api('DELETE', '/api/admin/catalogue/categories/otopark');
    expect(inMenu.status).to.equal(409);
    expect(inMenu.body.error).to.contain('sesli menü bu kategoriye aktarıyor');
    const parent = await api('DELETE', '/api/admin/catalogue/categories/sosyal');
    expect(parent.status).to.equal(409);
    expect(parent.body.error).to.contain('alt kategorisi var');

    expect((await api('DELETE', '/api/admin/catalogue/categories/sosyal-egitim')).status).to.equal(204);
    const sosyal = (await catalogue()).categories.find((c: Json) => c.code === 'sosyal');
    expect(sosyal.children.map((c: Json) => c.code)).to.have.members(['sosyal-sut', 'sosyal-kirtasiye', 'sosyal-ulasim']);
    expect((await api('GET', '/api/admin/catalogue')).body.categories.find((c: Json) => c.code === 'sosyal-sut').tickets).to.equal(1);
  });

  it('adds and renames a department, and refuses to delete one that categories use', async () => {
    expect((await api('POST', '/api/admin/catalogue/departments', { code: 'itfaiye', name: 'İtfaiye' })).status).to.equal(201);
    expect((await api('PATCH', '/api/admin/catalogue/departments/itfaiye', { name: 'İtfaiye Dairesi Başkanlığı' })).status).to.equal(200);
    expect((await catalogue()).departments).to.deep.include({ code: 'itfaiye', name: 'İtfaiye Dairesi Başkanlığı' });
    const used = await api('DELETE', '/api/admin/catalogue/departments/kaski');
    expect(used.status).to.equal(409);
    expect(used.body.error).to.match(/^"KASKİ Genel Müdürlüğü" birimi silinemez: \d+ kategori bu birime bağlı\.$/);
    expect((await api('DELETE', '/api/admin/catalogue/departments/itfaiye')).status).to.equal(204);
  });

  it('replaces the districts and break reasons over config/site.json, checked by its schema, visible at once', async () => {
    const duplicate = await api('PUT', '/api/admin/catalogue/districts', { items: [{ name: 'Melikgazi' }, { name: 'melikgazi' }] });
    expect(duplicate.status).to.equal(400);
    expect(duplicate.body.details).to.deep.equal([{ path: 'items.1', message: '"melikgazi" iki kez yazılmış' }]);

    const districts = [{ name: 'Melikgazi', neighbourhoods: ['Gesi', 'Ağırnas'] }, { name: 'Talas' }];
    expect((await api('PUT', '/api/admin/catalogue/districts', { items: districts })).status).to.equal(200);
    const after = await catalogue();
    expect(after.districts).to.deep.equal(['Melikgazi', 'Talas']);
    expect(after.neighbourhoods).to.deep.equal({ Melikgazi: ['Gesi', 'Ağırnas'] });

    const reasons = [{ code: 'mola', label: { tr: 'Mola', en: 'Break' } }, { code: 'namaz', label: { tr: 'Namaz', en: 'Prayer' } }];
    const badReason = await api('PUT', '/api/admin/catalogue/pause-reasons', { items: [{ code: 'wrap-up', label: { tr: 'x', en: 'x' } }] });
    expect(badReason.body.details).to.deep.equal([{ path: 'items.0.code', message: '"wrap-up" çağrı sonrası durumudur, mola nedeni olamaz' }]);
    expect((await api('PUT', '/api/admin/catalogue/pause-reasons', { items: reasons })).status).to.equal(200);
    expect((await catalogue()).pauseReasons).to.deep.equal(reasons);

    // The desk takes the new list without a restart: a removed reason is a 400, the new one passes validation.
    const agent = await signIn(system, 'agent');
    const removed = await api('POST', '/api/desk/pause', { reason: 'yemek' }, agent.token);
    expect(removed.status).to.equal(400);
    const added = await api('POST', '/api/desk/pause', { reason: 'namaz' }, agent.token);
    expect(added.body.error).to.not.equal('invalid request');
  });

  it('edits an SMS text with its placeholders checked, shows its part count by the relay encoder, and sends it at once', async () => {
    const before = (await api('GET', '/api/admin/catalogue')).body.smsTemplates.find((t: Json) => t.key === 'opened.short');
    expect(before).to.include({ text: 'Alo 153: Talebiniz {ticketNumber} numarasıyla kaydedildi.', parts: 1 });

    const missing = await api('PUT', '/api/admin/catalogue/sms-templates', { texts: { 'opened.short': 'Alo 153: talebiniz alındı. {cevap}' } });
    expect(missing.status).to.equal(400);
    expect(missing.body.details).to.deep.equal([
      { path: 'texts.opened.short', message: '{cevap} bu metinde kullanılamaz (kullanılabilenler: {ticketNumber})' },
      { path: 'texts.opened.short', message: '{ticketNumber} metinde olmalı' },
    ]);

    const long = 'Alo 153: Talebiniz {ticketNumber} numarasıyla kaydedildi. ' + 'Teşekkür ederiz. '.repeat(8);
    const preview = await api('POST', '/api/admin/catalogue/sms-templates/preview', { texts: { 'opened.short': long } });
    expect(preview.body.problems).to.deep.equal([]);
    const expected = planSms(long.replace('{ticketNumber}', '153-2026-1000000'), { encoding: system.config.relay.sms.encoding, maxParts: system.config.relay.sms.maxParts });
    expect(expected.parts).to.be.greaterThan(1);
    expect(preview.body.texts.find((t: Json) => t.key === 'opened.short')).to.include({ parts: expected.parts, coding: expected.coding });

    const text = 'Alo 153: {ticketNumber} numaralı talebiniz kaydedildi. Durumu 153 ile sorabilirsiniz.';
    expect((await api('PUT', '/api/admin/catalogue/sms-templates', { texts: { 'opened.short': text } })).status).to.equal(200);
    const number = await seedTicket(system.app.db, { year: istanbulYear(new Date()), seq: 78, createdAt: new Date() });
    const queued = await system.app.sms.enqueue(system.app.db, { idempotencyKey: `${number}:opened`, ticketNumber: number, recipient: '05321234567', template: 'opened', params: { ticketNumber: number } });
    expect(queued.queued).to.equal(true);
    const row = (await system.app.db('sms_messages').where({ ticket_number: number }).first('body')) as { body: string };
    expect(row.body).to.equal(`Alo 153: ${number} numaralı talebiniz kaydedildi. Durumu 153 ile sorabilirsiniz.`);
    const { changes } = (await api('GET', '/api/admin/catalogue/history')).body;
    expect(changes[0]).to.include({ entity: 'smsTemplates', action: 'update', changedBy: adminName });
  });

  it('lets only admins in', async () => {
    const supervisor = await signIn(system, 'supervisor');
    expect((await api('GET', '/api/admin/catalogue', undefined, supervisor.token)).status).to.equal(403);
    expect((await api('POST', '/api/admin/catalogue/departments', { code: 'x', name: 'X' }, supervisor.token)).status).to.equal(403);
  });
});
