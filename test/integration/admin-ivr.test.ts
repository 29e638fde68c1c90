import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createMenuAdmin } from '../../src/admin/ivr/create-menu-admin.js';
import { parseIvrDefinition } from '../../src/ivr/definition.js';
import type { IvrDefinition } from '../../src/ivr/types.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import type { CallView } from '../../src/requests/ticket-store-type.js';
import { createTestDatabase, testEngine } from '../support/db.js';
import { signIn, startSystem, waitFor, waitForCallEnd, type System } from '../support/system.js';

/** The shipped menu with timeouts a loaded machine keeps to (the caller presses within them). */
function ivrFile(): string {
  const ivr = JSON.parse(readFileSync('config/ivr.json', 'utf8')) as Record<string, unknown>;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-ivr-')), 'ivr.json');
  writeFileSync(file, JSON.stringify({ ...ivr, firstDigitTimeoutMs: 5000, interDigitTimeoutMs: 300, ticketWaitMs: 500 }));
  return file;
}

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const steps = (call: CallView): string[] => call.ivrPath.map((s) => `${s.menu}:${s.event}${s.digits ? `:${s.digits}` : ''}${s.target ? `>${s.target}` : ''}`);

describe(`the IVR menu administration: /api/admin/ivr (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;
  let admin: string;
  let adminName: string;
  let seed: IvrDefinition;

  before(async () => {
    system = await startSystem({ agents: 1, agentTalkMs: 1_000_000, config: { ivr: { file: ivrFile() } } });
    const signed = await signIn(system, 'admin');
    admin = signed.token;
    adminName = signed.username;
    seed = parseIvrDefinition(JSON.parse(readFileSync(system.config.ivr.file, 'utf8')));
  });
  after(() => system?.stop());

  const api = async (method: string, url: string, body?: unknown, token = admin): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${system.app.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const current = async (): Promise<{ version: number; definition: IvrDefinition }> => (await api('GET', '/api/admin/ivr')).body as never;

  it('serves config/ivr.json as version 0 until a menu is applied, with the prompts the manifest has', async () => {
    const { status, body } = await api('GET', '/api/admin/ivr');
    expect(status).to.equal(200);
    expect(body.version).to.equal(0);
    expect(body.definition).to.deep.equal(seed);
    expect(body.prompts).to.include.members(['main-menu', 'menu-ulasim', 'welcome']);
  });

  it('refuses a bad target with the field path and a Turkish message, by the engine schema, and keeps the menu', async () => {
    const bad = clone(seed) as unknown as { menus: Record<string, { options: Record<string, Json> }> };
    bad.menus.main!.options['2'] = { queue: 'general', category: 'cevre', label: 'Çevre' };
    bad.menus.main!.options['3'] = { menu: 'yok-boyle', label: 'Hayvan' };
    const { status, body } = await api('PUT', '/api/admin/ivr', { definition: bad });
    expect(status).to.equal(400);
    expect(body.details).to.deep.include.members([
      { path: 'menus.main.options.2.queue', message: 'Kuyruk adı "general" olamaz (Asterisk bu adı ayırır)' },
      { path: 'menus.main.options.3.menu', message: '"yok-boyle" adlı bir menü yok' },
    ]);
    expect((await current()).version).to.equal(0);
  });

  it('refuses a menu that names a prompt the sounds manifest does not have, saying which and why', async () => {
    const bad = clone(seed);
    bad.menus.main!.prompt = 'ana-menu-yeni';
    const { status, body } = await api('PUT', '/api/admin/ivr', { definition: bad });
    expect(status).to.equal(400);
    expect(body.details).to.have.length(1);
    const [problem] = body.details as { path: string; message: string }[];
    expect(problem!.path).to.equal('menus.main.prompt');
    expect(problem!.message).to.contain('"ana-menu-yeni" anonsu yok').and.contain('manifest.json');
  });

  it('refuses a category the catalogue does not have (a ticket could not be opened with it)', async () => {
    const bad = clone(seed) as unknown as { menus: Record<string, { options: Record<string, Json> }> };
    bad.menus.main!.options['4'] = { queue: 'alo153-otopark', category: 'park-yok', label: 'Otopark' };
    const { status, body } = await api('POST', '/api/admin/ivr/check', { definition: bad });
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ ok: false, problems: [{ path: 'menus.main.options.4.category', message: '"park-yok" kodlu bir kategori yok (Yönetim → Katalog)' }] });
  });

  it('accepts as a target a queue an admin created at /yonetim/kuyruklar, and refuses one nobody created', async () => {
    const menu = clone(seed) as unknown as { menus: Record<string, { options: Record<string, Json> }> };
    menu.menus.main!.options['4'] = { queue: 'alo153-bisiklet', category: 'kaybis', label: 'KAYBİS' };
    const before = await api('POST', '/api/admin/ivr/check', { definition: menu });
    expect(before.body).to.deep.equal({ ok: false, problems: [{ path: 'menus.main.options.4.queue', message: '"alo153-bisiklet" adlı bir kuyruk yok (Yönetim → Kuyruklar)' }] });
    expect((await api('POST', '/api/admin/queues', { name: 'alo153-bisiklet', label: { tr: 'Bisiklet', en: 'Bike sharing' } })).status).to.equal(201);
    expect((await api('POST', '/api/admin/ivr/check', { definition: menu })).body).to.deep.equal({ ok: true, problems: [] });
  });

  it('lets only admins change the menu', async () => {
    const supervisor = await signIn(system, 'supervisor');
    expect((await api('GET', '/api/admin/ivr', undefined, supervisor.token)).status).to.equal(403);
    expect((await api('PUT', '/api/admin/ivr', { definition: seed }, supervisor.token)).status).to.equal(403);
  });

  it('applies a menu, lists it with who and when, and restores an old one as a new version equal to it', async () => {
    const edited = clone(seed);
    edited.menus.main!.options['2'] = { queue: 'alo153-cevre', category: 'cevre', label: 'Çevre, temizlik ve gürültü' };
    const applied = await api('PUT', '/api/admin/ivr', { definition: edited });
    expect(applied.status).to.equal(201);
    const version = applied.body.version as number;
    expect(version).to.be.greaterThan(0);
    expect(await current()).to.deep.equal({ version, definition: edited, prompts: (await api('GET', '/api/admin/ivr')).body.prompts });

    const restored = await api('POST', '/api/admin/ivr/versions/0/restore');
    expect(restored.status).to.equal(201);
    expect(restored.body.version).to.equal(version + 1);
    const now = await current();
    expect(now.version).to.equal(version + 1);
    expect(now.definition).to.deep.equal(seed);

    const history = await api('GET', '/api/admin/ivr/versions');
    const rows = history.body.versions as { id: number; action: string; restoredFrom: number | null; createdBy: string; createdAt: string | null }[];
    expect(history.body.current).to.equal(version + 1);
    expect(rows.map((row) => [row.id, row.action, row.restoredFrom, row.createdBy])).to.deep.equal([
      [version + 1, 'restore', 0, adminName],
      [version, 'apply', null, adminName],
      [0, 'seed', null, 'config/ivr.json'],
    ]);
    expect(Date.now() - Date.parse(rows[0]!.createdAt!)).to.be.within(0, 60_000);
    expect((await api('GET', `/api/admin/ivr/versions/${version}`)).body.definition).to.deep.equal(edited);
    expect((await api('POST', '/api/admin/ivr/versions/999/restore')).status).to.equal(404);
  });

  it('finishes a call that is in the menu during an apply on the old menu, while a call after it hears the new one', async () => {
    const before = system.sim.placeCall({ callerNumber: '05321110001', script: [] });
    await waitFor(() => system.app.registry.get(before.channelId)?.lastStep === 'main:enter', 10000, 'the first call in the menu');
    // The new menu: its main prompt is another, and 1 transfers to Kentkart at once instead of opening Ulaşım.
    const next = clone((await current()).definition);
    next.menus.main!.prompt = 'menu-ulasim';
    next.menus.main!.options['1'] = { queue: 'alo153-kentkart', category: 'kentkart', label: 'Kentkart' };
    expect((await api('PUT', '/api/admin/ivr', { definition: next })).status).to.equal(201);

    const after = system.sim.placeCall({ callerNumber: '05321110002', script: [] });
    await waitFor(() => system.app.registry.get(after.channelId)?.playing.includes('menu-ulasim') ?? false, 10000, 'the second call hearing the new main menu');

    before.sendDigit('1');
    await waitFor(() => system.app.registry.get(before.channelId)?.lastStep === 'ulasim:enter', 10000, 'the first call in the old Ulaşım menu');
    before.sendDigit('2');
    after.sendDigit('1');
    const [old, fresh] = await Promise.all([waitForCallEnd(system, before.channelId), waitForCallEnd(system, after.channelId)]);
    expect(steps(old)).to.deep.equal(['main:enter', 'main:selected:1>ulasim', 'ulasim:enter', 'ulasim:selected:2>alo153-kentkart']);
    expect(steps(fresh)).to.deep.equal(['main:enter', 'main:selected:1>alo153-kentkart']);
  });
});

describe(`the IVR menu administration across a restart (${testEngine()})`, () => {
  it('takes the newest stored version at start, and config/ivr.json when the database has none', async () => {
    const database = await createTestDatabase();
    try {
      const seed = parseIvrDefinition(JSON.parse(readFileSync('config/ivr.json', 'utf8')));
      const deps = { db: database.db, seed, catalogue: new KnexCatalogue(database.db), rootDir: process.cwd(), logger: createTestLogger() };
      const first = await createMenuAdmin(deps);
      expect(first.holder.current().version).to.equal(0);
      const edited = clone(seed);
      edited.menus.ulasim!.options['3']!.label = 'KAYBİS akıllı bisiklet';
      const version = await first.admin.apply(edited, 'yonetici');
      const restarted = await createMenuAdmin(deps);
      expect(restarted.holder.current()).to.deep.equal({ version: version.id, definition: edited });
    } finally {
      await database.destroy();
    }
  });
});
