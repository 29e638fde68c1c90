import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { runKeyCli } from '../../src/channels/open311/key-cli.js';
import { testEngine } from '../support/db.js';
import { startOpen311, type Open311Harness } from './open311-harness.js';

type KeyView = Record<string, unknown>;

/** Open311 API keys: admins create and revoke them, the key is shown once and stored hashed, each is limited. */
describe(`open311: API keys (${testEngine()})`, function () {
  this.timeout(30_000);
  let h: Open311Harness;
  afterEach(() => h.close());

  const request = (key: string, description: string) =>
    h.form('/open311/v2/requests.json', { api_key: key, service_code: 'hayvan', lat: '38.72', long: '35.48', description });

  it('shows a key once, lists keys without secrets, stores only its SHA-256, and refuses a revoked key at once', async () => {
    h = await startOpen311();
    const created = await h.app.call<{ key: KeyView }>('POST', '/api/open311/keys', 'admin', { name: 'Mahalle uygulaması', owner: 'Talas Belediyesi' });
    expect(created.status).to.equal(201);
    const key = String(created.body.key.key);
    expect(key).to.match(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key).to.include({ name: 'Mahalle uygulaması', owner: 'Talas Belediyesi', createdBy: 'user:admin', revokedAt: null, lastUsedAt: null, readAll: false, prefix: key.slice(0, 11) });

    const row = (await h.test.db('open311_keys').where({ id: created.body.key.id }).first()) as Record<string, unknown>;
    expect(row.key_hash).to.equal(createHash('sha256').update(key).digest('hex'));
    expect(Object.values(row)).to.not.include(key);
    expect(row.read_all).to.be.oneOf([false, 0]);

    const list = await h.app.call<{ items: KeyView[] }>('GET', '/api/open311/keys', 'admin');
    expect(list.body.items.map((item) => item.name)).to.deep.equal(['Mahalle uygulaması', 'Kent uygulaması']);
    expect(JSON.stringify(list.body)).to.not.include(key.slice(11));
    for (const item of list.body.items) expect(item).to.not.have.any.keys('key', 'keyHash', 'key_hash');

    expect((await request(key, 'ilk')).status).to.equal(201);
    const used = await h.app.call<{ items: KeyView[] }>('GET', '/api/open311/keys', 'admin');
    expect(used.body.items[0]?.lastUsedAt).to.equal(new Date(h.clock.now).toISOString());
    // Written at most once a minute: a client polling its list does not write the key's row on every read.
    const firstUse = h.clock.now;
    h.clock.now += 30_000;
    expect((await h.read('/open311/v2/requests.json', key)).status).to.equal(200);
    expect((await h.app.call<{ items: KeyView[] }>('GET', '/api/open311/keys', 'admin')).body.items[0]?.lastUsedAt).to.equal(new Date(firstUse).toISOString());
    h.clock.now += 31_000;
    expect((await h.read('/open311/v2/requests.json', key)).status).to.equal(200);
    expect((await h.app.call<{ items: KeyView[] }>('GET', '/api/open311/keys', 'admin')).body.items[0]?.lastUsedAt).to.equal(new Date(h.clock.now).toISOString());

    const revoked = await h.app.call<{ key: KeyView }>('DELETE', `/api/open311/keys/${String(created.body.key.id)}`, 'admin');
    expect(revoked.status).to.equal(200);
    expect(revoked.body.key.revokedAt).to.be.a('string');
    const refused = await request(key, 'sonra');
    expect(refused.status).to.equal(403);
    expect(h.json(refused)).to.deep.equal([{ code: 403, description: "Invalid api_key received -- can't proceed with create_request." }]);
    // The other key still works.
    expect((await request(h.key, 'öteki anahtar')).status).to.equal(201);
    expect((await h.app.call('DELETE', '/api/open311/keys/999', 'admin')).status).to.equal(404);
  });

  it('lets only admins manage keys', async () => {
    h = await startOpen311();
    expect((await h.app.call('GET', '/api/open311/keys', 'ayse')).status).to.equal(403);
    expect((await h.app.call('POST', '/api/open311/keys', 'ayse', { name: 'x', owner: 'y' })).status).to.equal(403);
    expect((await h.app.call('DELETE', `/api/open311/keys/${h.keyId}`, 'ayse')).status).to.equal(403);
    expect((await h.app.call('GET', '/api/open311/keys', null)).status).to.equal(401);
    const invalid = await h.app.call<{ details: { path: string }[] }>('POST', '/api/open311/keys', 'admin', { name: ' ', owner: 'y'.repeat(201) });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.details.map((d) => d.path).sort()).to.deep.equal(['name', 'owner']);
    expect((await request(h.key, 'hâlâ geçerli')).status).to.equal(201);
  });

  it('lets exactly the configured number of concurrent POSTs of one key through, the rest 429 with Retry-After', async () => {
    h = await startOpen311({ perKey: { points: 5, durationS: 60 } });
    const replies = await Promise.all(Array.from({ length: 12 }, (_, index) => request(h.key, `eşzamanlı ${index}`)));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 201)).to.have.length(5);
    expect(statuses.filter((status) => status === 429)).to.have.length(7);
    const limited = replies.find((reply) => reply.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
    expect(h.json(limited)).to.deep.equal([{ code: 429, description: 'api_key over its limit of 5 requests in 60 s' }]);
    const count = (await h.test.db('tickets').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(count.n)).to.equal(5);
    // Another key has its own allowance.
    const other = await h.app.call<{ key: { key: string } }>('POST', '/api/open311/keys', 'admin', { name: 'İkinci', owner: 'Başka firma' });
    expect((await request(other.body.key.key, 'öteki')).status).to.equal(201);
  });

  it('limits every request per client address, reads included', async () => {
    h = await startOpen311({ perAddress: { points: 3, durationS: 60 } });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => h.get('/open311/v2/services.json').then((reply) => reply.status)));
    expect(statuses.sort()).to.deep.equal([200, 200, 200, 429, 429]);
    const xml = await h.get('/open311/v2/services.xml');
    expect(xml.status).to.equal(429);
    expect(xml.text).to.include('<errors><error><code>429</code>');
  });

  it('creates, lists and revokes keys from the command line', async () => {
    h = await startOpen311();
    const out: string[] = [];
    const io = { stdout: (line: string) => out.push(line), stderr: (line: string) => out.push(`ERR ${line}`), db: h.test.db };
    expect(await runKeyCli(['create', '--name', 'CLI anahtarı', '--owner', 'Bilgi İşlem'], io)).to.equal(0);
    const key = /key \(shown once, store it now\): (o311_\S+)/.exec(out.join('\n'))?.[1];
    expect(key).to.be.a('string');
    expect((await request(key!, 'cli ile')).status).to.equal(201);
    out.length = 0;
    expect(await runKeyCli(['list'], io)).to.equal(0);
    expect(out.join('\n')).to.include('CLI anahtarı').and.include('active').and.include('reads own').and.not.include(key!.slice(11));
    const id = /^(\d+)\t/.exec(out[0] ?? '')?.[1];
    // --read-all: the key reads the other key's request too.
    out.length = 0;
    expect(await runKeyCli(['create', '--name', 'Panel', '--owner', 'Bilgi İşlem', '--read-all'], io)).to.equal(0);
    expect(out[0]).to.include('reads all');
    const readAll = /key \(shown once, store it now\): (o311_\S+)/.exec(out.join('\n'))?.[1];
    expect((await h.read('/open311/v2/requests.json', key!)).text).to.include('cli ile');
    expect((await h.read('/open311/v2/requests.json', h.key)).text).to.not.include('cli ile');
    expect((await h.read('/open311/v2/requests.json', readAll!)).text).to.include('cli ile');
    out.length = 0;
    expect(await runKeyCli(['list'], io)).to.equal(0);
    expect(out[0]).to.include('Panel').and.include('reads all');
    expect(await runKeyCli(['revoke', '--id', id!], io)).to.equal(0);
    expect((await request(key!, 'iptalden sonra')).status).to.equal(403);
    out.length = 0;
    expect(await runKeyCli(['revoke', '--id', '999'], io)).to.equal(1);
    expect(await runKeyCli(['create', '--name', 'eksik'], io)).to.equal(1);
    expect(out.join('\n')).to.include('ERR open311-key: no key with id 999').and.include('--owner is required');
  });
});
