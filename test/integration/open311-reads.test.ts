import { expect } from 'chai';
import { testEngine } from '../support/db.js';
import { parseXml, startOpen311, xmlChildren, xmlFields, type Open311Harness, type RawReply } from './open311-harness.js';

type Request311 = Record<string, unknown>;

/** KVKK: reading Open311 requests needs a key, and a key sees only its own requests unless it is readAll. */
describe(`open311: who may read requests (${testEngine()})`, function () {
  this.timeout(30_000);
  let h: Open311Harness;
  afterEach(() => h.close());

  const fields = { service_code: 'hayvan', lat: '38.7205', long: '35.4826', email: 'ali@example.com', first_name: 'Ali', last_name: 'Yılmaz', phone: '0532 123 45 67' };
  const submit = async (key: string, description: string): Promise<{ id: string; token: string }> => {
    const reply = await h.form('/open311/v2/requests.json', { api_key: key, ...fields, description });
    expect(reply.status, reply.text).to.equal(201);
    const [answer] = h.json<Request311[]>(reply);
    return { id: String(answer?.service_request_id), token: String(answer?.token) };
  };
  const listed = (reply: RawReply): string[] => {
    expect(reply.status, reply.text).to.equal(200);
    if (reply.type.startsWith('text/xml')) return xmlChildren(parseXml(reply.text), 'request').map((r) => xmlFields(r).service_request_id ?? '');
    return h.json<Request311[]>(reply).map((r) => String(r.service_request_id));
  };
  const errors = (reply: RawReply): { code: string | number; description: string }[] =>
    reply.type.startsWith('text/xml') ? xmlChildren(parseXml(reply.text), 'error').map((e) => ({ code: xmlFields(e).code ?? '', description: xmlFields(e).description ?? '' })) : h.json(reply);
  /** Every read of requests, in both formats, for one request and its token. */
  const reads = (request: { id: string; token: string }): [string, string][] =>
    (['json', 'xml'] as const).flatMap((format): [string, string][] => [
      [`/open311/v2/requests.${format}`, 'get_service_requests'],
      [`/open311/v2/requests/${request.id}.${format}`, 'get_service_request'],
      [`/open311/v2/tokens/${request.token}.${format}`, 'get_service_request_id'],
    ]);
  const revoke = async (id: number): Promise<void> => {
    expect((await h.app.call('DELETE', `/api/open311/keys/${id}`, 'admin')).status).to.equal(200);
  };

  it('refuses every read of requests without an api_key with 403 in the spec’s JSON and XML; discovery and services stay public', async () => {
    h = await startOpen311();
    const request = await submit(h.key, 'Yaralı köpek');
    for (const [path] of reads(request)) {
      for (const url of [path, `${path}?api_key=`]) {
        const reply = await h.get(url);
        expect(reply.status, url).to.equal(403);
        expect(reply.headers.get('cache-control'), url).to.equal('no-store');
        const code = path.endsWith('.xml') ? '403' : 403;
        expect(errors(reply), url).to.deep.equal([{ code, description: 'api_key was not provided' }]);
        expect(reply.text, url).to.not.include('Yaralı köpek');
      }
    }
    expect((await h.get('/open311/v2/requests.json?api_key=a&api_key=b')).status).to.equal(400);
    for (const path of ['/open311/v2/discovery.json', '/open311/v2/services.xml', '/open311/v2/services/hayvan.json']) expect((await h.get(path)).status, path).to.equal(200);
    const allowed = await h.read('/open311/v2/requests.json');
    expect(listed(allowed)).to.deep.equal([request.id]);
    expect(allowed.headers.get('cache-control')).to.equal('no-store');
  });

  it('refuses an unknown key, and a revoked key from the next read on, naming the method', async () => {
    h = await startOpen311();
    const request = await submit(h.key, 'Yaralı köpek');
    for (const [path, method] of reads(request)) {
      expect((await h.read(path)).status, path).to.equal(200);
      const unknown = await h.read(path, 'o311_not-a-real-key');
      expect(unknown.status, path).to.equal(403);
      const code = path.endsWith('.xml') ? '403' : 403;
      expect(errors(unknown), path).to.deep.equal([{ code, description: `Invalid api_key received -- can't proceed with ${method}.` }]);
    }
    await revoke(h.keyId);
    for (const [path, method] of reads(request)) {
      const refused = await h.read(path);
      expect(refused.status, path).to.equal(403);
      expect(errors(refused)[0]?.description, path).to.equal(`Invalid api_key received -- can't proceed with ${method}.`);
    }
  });

  it('lets a key read only the requests it sent: another key’s request is not found and absent from every list', async () => {
    h = await startOpen311();
    const other = await h.createKey({ name: 'Başka uygulama' });
    const mine = await submit(h.key, 'Benim isteğim');
    const theirs = await submit(other.key, 'Onların isteği');
    expect(listed(await h.read('/open311/v2/requests.json'))).to.deep.equal([mine.id]);
    expect(listed(await h.read('/open311/v2/requests.xml'))).to.deep.equal([mine.id]);
    expect(listed(await h.read('/open311/v2/requests.json', other.key))).to.deep.equal([theirs.id]);
    expect(listed(await h.read(`/open311/v2/requests.json?service_request_id=${mine.id},${theirs.id}`))).to.deep.equal([mine.id]);
    expect(listed(await h.read('/open311/v2/requests.xml?service_code=hayvan&status=open'))).to.deep.equal([mine.id]);

    const one = await h.read(`/open311/v2/requests/${theirs.id}.json`);
    expect(one.status).to.equal(404);
    expect(errors(one)).to.deep.equal([{ code: 404, description: `service_request_id ${theirs.id} not found` }]);
    expect(one.text).to.not.include('Onların isteği');
    expect((await h.read(`/open311/v2/requests/${theirs.id}.xml`)).status).to.equal(404);
    const token = await h.read(`/open311/v2/tokens/${theirs.token}.json`);
    expect(token.status).to.equal(404);
    expect(errors(token)).to.deep.equal([{ code: 404, description: 'token not found' }]);
    expect(listed(await h.read(`/open311/v2/requests/${theirs.id}.json`, other.key))).to.deep.equal([theirs.id]);
    expect(h.json(await h.read(`/open311/v2/tokens/${theirs.token}.json`, other.key))).to.deep.equal([{ service_request_id: theirs.id, token: theirs.token }]);
  });

  it('lets a readAll key, set by an admin, read every request, including a revoked key’s', async () => {
    h = await startOpen311();
    const other = await h.createKey({ name: 'Başka uygulama' });
    const reader = await h.createKey({ name: 'Belediye paneli', readAll: true });
    const mine = await submit(h.key, 'Benim isteğim');
    const theirs = await submit(other.key, 'Onların isteği');
    await revoke(other.id);
    expect(listed(await h.read('/open311/v2/requests.json', reader.key))).to.deep.equal([theirs.id, mine.id]);
    expect(listed(await h.read('/open311/v2/requests.xml', reader.key))).to.deep.equal([theirs.id, mine.id]);
    for (const request of [mine, theirs]) {
      const [shown] = h.json<Request311[]>(await h.read(`/open311/v2/requests/${request.id}.json`, reader.key));
      expect(shown?.service_request_id).to.equal(request.id);
      for (const personal of ['email', 'first_name', 'last_name', 'phone', 'caller_name', 'caller_number']) expect(shown).to.not.have.property(personal);
      expect(h.json(await h.read(`/open311/v2/tokens/${request.token}.json`, reader.key))).to.deep.equal([{ service_request_id: request.id, token: request.token }]);
    }
    const keys = await h.app.call<{ items: { name: string; readAll: boolean }[] }>('GET', '/api/open311/keys', 'admin');
    expect(keys.body.items.map((k) => [k.name, k.readAll])).to.deep.equal([['Belediye paneli', true], ['Başka uygulama', false], ['Kent uygulaması', false]]);
    const invalid = await h.app.call<{ details: { path: string }[] }>('POST', '/api/open311/keys', 'admin', { name: 'x', owner: 'y', readAll: 'yes' });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.details.map((d) => d.path)).to.deep.equal(['readAll']);
  });

  it('with publicReads needs no key to read every request, still without names or e-mail, and still checks a key that is given', async () => {
    h = await startOpen311({ publicReads: true });
    const other = await h.createKey({ name: 'Başka uygulama' });
    const mine = await submit(h.key, 'Benim isteğim');
    const theirs = await submit(other.key, 'Onların isteği');
    expect(listed(await h.get('/open311/v2/requests.json'))).to.deep.equal([theirs.id, mine.id]);
    expect(listed(await h.get('/open311/v2/requests.xml'))).to.deep.equal([theirs.id, mine.id]);
    // A key does not narrow what a public site shows.
    expect(listed(await h.read('/open311/v2/requests.json'))).to.deep.equal([theirs.id, mine.id]);
    const one = await h.get(`/open311/v2/requests/${theirs.id}.json`);
    const [shown] = h.json<Request311[]>(one);
    expect(shown).to.include({ service_request_id: theirs.id, description: 'Onların isteği' });
    expect(one.text).to.not.include('ali@example.com').and.not.include('Yılmaz').and.not.include('123 45 67');
    expect(h.json(await h.get(`/open311/v2/tokens/${mine.token}.json`))).to.deep.equal([{ service_request_id: mine.id, token: mine.token }]);
    expect((await h.read('/open311/v2/requests.json', 'o311_not-a-real-key')).status).to.equal(403);
    await revoke(h.keyId);
    expect((await h.read('/open311/v2/requests.json')).status).to.equal(403);
    expect((await h.form('/open311/v2/requests.json', { ...fields, description: 'anahtarsız' })).status).to.equal(403);
  });

  it('counts a key’s reads against its own read limit, concurrently exact, apart from its POSTs and other keys', async () => {
    h = await startOpen311({ perKeyReads: { points: 3, durationS: 60 } });
    const other = await h.createKey({ name: 'Başka uygulama' });
    const replies = await Promise.all(Array.from({ length: 7 }, () => h.read('/open311/v2/requests.json')));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).to.have.length(3);
    expect(statuses.filter((status) => status === 429)).to.have.length(4);
    const limited = replies.find((reply) => reply.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
    expect(h.json(limited)).to.deep.equal([{ code: 429, description: 'api_key over its read limit of 3 requests in 60 s' }]);
    const xml = await h.read('/open311/v2/requests/153-2026-000001.xml');
    expect(xml.status).to.equal(429);
    expect(xml.text).to.include('<errors><error><code>429</code>');
    // POSTs have their own points; another key has its own reads.
    await submit(h.key, 'okuma sınırından sonra');
    expect((await h.read('/open311/v2/requests.json', other.key)).status).to.equal(200);
  });
});
