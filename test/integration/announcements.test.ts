import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createAnnouncements, type Announcements } from '../../src/announcements/create-announcements.js';
import { parseWavHeader } from '../../src/announcements/wav-header.js';
import { loadIvrDefinition } from '../../src/ivr/definition.js';
import { IvrMenuHolder } from '../../src/ivr/menu-holder.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { createStreamHub, type StreamHub } from '../../src/realtime/stream-hub.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'wav');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
const HOUR = 3_600_000;

describe(`live announcements: store, speech, uploads, the IVR's book and counts (${testEngine()})`, function () {
  this.timeout(30000);
  let test: TestDatabase;
  let http: TestHttpApp;
  let announcements: Announcements;
  let hub: StreamHub;
  let soundsDir: string;

  beforeEach(async () => {
    test = await createTestDatabase();
    const logger = createTestLogger();
    soundsDir = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-duyuru-')), 'duyuru');
    const ivr = await loadIvrDefinition('config/ivr.json');
    announcements = createAnnouncements({ db: test.db, ivr, config: { soundsDir, textMaxLength: 200, uploadMaxBytes: 64 * 1024, flushMs: 20 }, baseDir: process.cwd(), logger });
    await announcements.start();
    hub = createStreamHub({ logger });
    announcements.publish(hub);
    http = await startTestHttpApp({
      db: test.db,
      logger,
      accounts: [
        { username: 'sefe', role: 'supervisor' },
        { username: 'ajan', role: 'agent' },
      ],
      deps: { announcements },
    });
  });

  afterEach(async () => {
    await http.close();
    await announcements.stop();
    await test.destroy();
  });

  async function upload(query: string, body: Buffer, type = 'audio/wav', who = 'sefe'): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${http.base}/api/announcements/upload?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${http.tokens[who] ?? ''}`, 'content-type': type },
      body: new Uint8Array(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const window = (fromMs: number, untilMs: number) => `validFrom=${encodeURIComponent(new Date(fromMs).toISOString())}&validUntil=${encodeURIComponent(new Date(untilMs).toISOString())}`;

  it('speaks a text into an 8 kHz mono 16-bit WAV at once and the IVR sees it as active for every caller', async () => {
    const reply = await http.call<{ id: number; status: string; version: number }>('POST', '/api/announcements', 'sefe', {
      text: 'Talas ilçesinde yarın 09.00 ile 17.00 arasında planlı su kesintisi yapılacaktır.',
      scope: 'all',
      validUntil: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(reply.status).to.equal(201);
    expect(reply.body).to.include({ status: 'active', version: 1 });
    const file = path.join(soundsDir, `${reply.body.id}-1.wav`);
    const format = parseWavHeader(readFileSync(file));
    expect(format).to.include({ formatTag: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    expect(format?.durationMs).to.be.greaterThan(1000);
    expect(announcements.source.active(new Date())).to.deep.equal([{ id: reply.body.id, prompt: `duyuru/${reply.body.id}-1`, scope: 'all' }]);
    const list = await http.call<{ announcements: Array<{ id: number; createdBy: string }> }>('GET', '/api/announcements', 'sefe');
    expect(list.body.announcements.map((a) => [a.id, a.createdBy])).to.deep.equal([[reply.body.id, 'sefe']]);
  });

  it('takes an 8 kHz mono upload as it is and refuses 44.1 kHz stereo, 8-bit and non-WAV files with the reason, other types with 415', async () => {
    const good = await upload(`scope=ulasim&${window(Date.now() - 1000, Date.now() + HOUR)}`, fixture('good-8k-mono.wav'));
    expect(good.status).to.equal(201);
    expect(good.body).to.include({ source: 'upload', scope: 'ulasim', text: null });
    expect(readFileSync(path.join(soundsDir, `${String(good.body.id)}-1.wav`)).equals(fixture('good-8k-mono.wav'))).to.equal(true);

    const stereo = await upload(`scope=all&${window(Date.now(), Date.now() + HOUR)}`, fixture('bad-44k-stereo.wav'));
    expect(stereo.status).to.equal(422);
    expect(stereo.body).to.deep.equal({ error: '8 kHz mono olmalı, dosya 44.1 kHz stereo', details: { code: 'bad-audio', field: 'file' } });
    const eightBit = await upload(`scope=all&${window(Date.now(), Date.now() + HOUR)}`, fixture('bad-8k-8bit.wav'));
    expect(eightBit.status).to.equal(422);
    expect(eightBit.body.error).to.equal('16 bit PCM olmalı, dosya 8 bit PCM');
    const notWav = await upload(`scope=all&${window(Date.now(), Date.now() + HOUR)}`, fixture('not-a-wav.wav'));
    expect(notWav.status).to.equal(422);
    expect(notWav.body.error).to.match(/WAV dosyası değil/);
    const plain = await upload(`scope=all&${window(Date.now(), Date.now() + HOUR)}`, Buffer.from('hello'), 'text/plain');
    expect(plain.status).to.equal(415);
    const large = await upload(`scope=all&${window(Date.now(), Date.now() + HOUR)}`, Buffer.concat([fixture('good-8k-mono.wav'), Buffer.alloc(70 * 1024)]));
    expect(large.status).to.equal(413);
    const forged = await fetch(`${http.base}/api/announcements/upload?scope=all&${window(Date.now(), Date.now() + HOUR)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${http.tokens.sefe ?? ''}`, 'content-type': 'audio/wav', origin: 'http://evil.example' },
      body: new Uint8Array(fixture('good-8k-mono.wav')),
    });
    expect(forged.status, 'another origin').to.equal(403);
    const agent = await upload(`scope=all&${window(Date.now(), Date.now() + HOUR)}`, fixture('good-8k-mono.wav'), 'audio/wav', 'ajan');
    expect(agent.status).to.equal(403);
    // Only the good one was stored; nothing half-written was left beside it.
    expect((await http.call<{ announcements: unknown[] }>('GET', '/api/announcements', 'sefe')).body.announcements).to.have.length(1);
  });

  it('answers active() by scope and validity window, and stops an announcement ended now', async () => {
    const now = Date.now();
    const later = await upload(`scope=ulasim&${window(now + HOUR, now + 2 * HOUR)}`, fixture('good-8k-mono.wav'));
    const running = await upload(`scope=all&${window(now - HOUR, now + HOUR)}`, fixture('good-8k-mono.wav'));
    const laterId = Number(later.body.id);
    const runningId = Number(running.body.id);
    expect(later.body.status).to.equal('scheduled');
    expect(announcements.source.active(new Date(now)).map((a) => a.id)).to.deep.equal([runningId]);
    expect(announcements.source.active(new Date(now + HOUR + 1)).map((a) => [a.id, a.scope])).to.deep.equal([[laterId, 'ulasim']]);
    expect(announcements.source.active(new Date(now + 2 * HOUR))).to.deep.equal([]);

    const ended = await http.call<{ status: string; endedAt: string }>('POST', `/api/announcements/${runningId}/end`, 'sefe');
    expect(ended.status).to.equal(200);
    expect(ended.body.status).to.equal('ended');
    expect(announcements.source.active(new Date())).to.deep.equal([]);
    const edit = await http.call<{ error: string }>('PATCH', `/api/announcements/${runningId}`, 'sefe', { text: 'Yeni metin' });
    expect(edit.status).to.equal(409);
  });

  it('makes a new text a new version and file, keeping the old file for calls playing it; refuses bad scopes and windows in Turkish', async () => {
    const created = await http.call<{ id: number }>('POST', '/api/announcements', 'sefe', { text: 'Birinci metin.', scope: 'all', validUntil: new Date(Date.now() + HOUR).toISOString() });
    const id = created.body.id;
    const edited = await http.call<{ version: number; text: string }>('PATCH', `/api/announcements/${id}`, 'sefe', { text: 'İkinci metin.' });
    expect(edited.status).to.equal(200);
    expect(edited.body).to.include({ version: 2, text: 'İkinci metin.' });
    expect(existsSync(path.join(soundsDir, `${id}-2.wav`))).to.equal(true);
    expect(existsSync(path.join(soundsDir, `${id}-1.wav`)), 'the old version stays a while').to.equal(true);
    expect(announcements.source.active(new Date())[0]?.prompt).to.equal(`duyuru/${id}-2`);
    const moved = await http.call<{ scope: string; version: number }>('PATCH', `/api/announcements/${id}`, 'sefe', { scope: 'ulasim' });
    expect(moved.body).to.include({ scope: 'ulasim', version: 2 });

    const badScope = await http.call('POST', '/api/announcements', 'sefe', { text: 'x metin', scope: 'yok', validUntil: new Date(Date.now() + HOUR).toISOString() });
    expect(badScope.status).to.equal(400);
    expect(badScope.body).to.deep.equal({ error: 'Bilinmeyen kapsam: yok', details: { code: 'bad-scope', field: 'scope' } });
    const backwards = await http.call('POST', '/api/announcements', 'sefe', {
      text: 'x metin',
      scope: 'all',
      validFrom: new Date(Date.now() + 2 * HOUR).toISOString(),
      validUntil: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(backwards.body.error).to.equal('Bitiş zamanı başlangıçtan sonra olmalı');
    const tooLong = await http.call('POST', '/api/announcements', 'sefe', { text: 'a'.repeat(201), scope: 'all', validUntil: new Date(Date.now() + HOUR).toISOString() });
    expect(tooLong.body.error).to.equal('Duyuru metni en çok 200 karakter olabilir');
    const byAgent = await http.call('POST', '/api/announcements', 'ajan', { text: 'x metin', scope: 'all', validUntil: new Date(Date.now() + HOUR).toISOString() });
    expect(byAgent.status).to.equal(403);

    const removed = await fetch(`${http.base}/api/announcements/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${http.tokens.sefe ?? ''}` } });
    expect(removed.status).to.equal(204);
    expect(announcements.source.active(new Date())).to.deep.equal([]);
  });

  it('counts outcomes reported through the port once per call, writes them in a batch and shows them on the stream', async () => {
    const created = await upload(`scope=all&${window(Date.now() - 1000, Date.now() + HOUR)}`, fixture('good-8k-mono.wav'));
    const id = Number(created.body.id);
    const at = new Date();
    announcements.outcomes.record({ announcementId: id, callId: 'call-1', outcome: 'served', at });
    announcements.outcomes.record({ announcementId: id, callId: 'call-2', outcome: 'continued', at });
    announcements.outcomes.record({ announcementId: id, callId: 'call-3', outcome: 'continued', at });
    // The same call reported twice (a retried hand-off) counts once.
    announcements.outcomes.record({ announcementId: id, callId: 'call-3', outcome: 'continued', at });
    const entry = () => hub.snapshot('announcements').entries[`item:${id}`] as { played: number; served: number; continued: number } | undefined;
    await waitUntil(() => entry()?.played === 3);
    expect(entry()).to.include({ played: 3, served: 1, continued: 2 });
    await waitUntil(async () => Number((await test.db('announcements').where({ id }).first('played'))?.played) === 3);
    const row = await test.db('announcements').where({ id }).first('played', 'served', 'continued');
    expect([Number(row.played), Number(row.served), Number(row.continued)]).to.deep.equal([3, 1, 2]);
    // Written once: the in-memory view does not count them twice after the flush.
    expect(entry()).to.include({ played: 3, served: 1, continued: 2 });
  });

  it('writes the last counts at shutdown, and a new node reads the book from the table', async () => {
    const created = await upload(`scope=all&${window(Date.now() - 1000, Date.now() + HOUR)}`, fixture('good-8k-mono.wav'));
    const id = Number(created.body.id);
    announcements.outcomes.record({ announcementId: id, callId: 'late', outcome: 'served', at: new Date() });
    await announcements.stop();
    const row = await test.db('announcements').where({ id }).first('served');
    expect(Number(row.served)).to.equal(1);
    const second = createAnnouncements({ db: test.db, ivr: await loadIvrDefinition('config/ivr.json'), config: { soundsDir, textMaxLength: 200, uploadMaxBytes: 65536, flushMs: 20 }, baseDir: process.cwd(), logger: createTestLogger() });
    await second.start();
    expect(second.source.active(new Date()).map((a) => a.id)).to.deep.equal([id]);
    await second.stop();
    // afterEach stops the first again: a second stop is harmless.
  });

  it('follows an applied menu: a new branch is a scope at once, for the service, the API and the stream', async () => {
    const shipped = await loadIvrDefinition('config/ivr.json');
    const holder = new IvrMenuHolder(shipped);
    const logger = createTestLogger();
    const followed = createAnnouncements({ db: test.db, ivr: holder, config: { soundsDir, textMaxLength: 200, uploadMaxBytes: 64 * 1024, flushMs: 20 }, baseDir: process.cwd(), logger });
    const streams = createStreamHub({ logger });
    await followed.start();
    followed.publish(streams);
    try {
      const content = { kind: 'text' as const, text: 'Bisiklet istasyonları bakımda.' };
      const fields = { scope: 'bisiklet', validFrom: new Date(), validUntil: new Date(Date.now() + HOUR) };
      const refused = await followed.service.create(content, fields, 'sefe').then(() => null, (error: unknown) => error);
      expect(String(refused)).to.include('Bilinmeyen kapsam: bisiklet');
      const withBranch = structuredClone(shipped);
      withBranch.menus.bisiklet = { prompt: withBranch.menus.main!.prompt, options: { '1': { queue: 'alo153-kaybis', category: 'kaybis', label: 'KAYBİS' } } } as (typeof withBranch.menus)[string];
      withBranch.menus.main!.options['8'] = { menu: 'bisiklet', label: 'Bisiklet' } as (typeof withBranch.menus)[string]['options'][string];
      holder.swap(withBranch, 1);
      expect(followed.scopes().map((scope) => scope.id)).to.include('bisiklet');
      expect(followed.scopes().find((scope) => scope.id === 'bisiklet')?.label).to.equal('Bisiklet');
      const meta = streams.snapshot('announcements').entries.meta as { scopes: { id: string }[] };
      expect(meta.scopes.map((scope) => scope.id)).to.include('bisiklet');
      expect((await followed.service.create(content, fields, 'sefe')).scope).to.equal('bisiklet');
    } finally {
      await followed.stop();
    }
  });
});

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
