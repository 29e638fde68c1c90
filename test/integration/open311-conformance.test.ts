import { expect } from 'chai';
import { shippedSiteData } from '../../src/config/site.js';
import { testEngine } from '../support/db.js';
import { agent, parseXml, startOpen311, T0, vet, xmlChild, xmlChildren, xmlFields, type Open311Harness, type RawReply } from './open311-harness.js';

type Request311 = Record<string, unknown>;
type Error311 = { code: number; description: string }[];

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/;
const NUMBER = /^153-2026-\d{6}$/;

/** GeoReport v2 walked as its wiki's examples go, on both engines. */
describe(`open311: GeoReport v2 conformance (${testEngine()})`, function () {
  this.timeout(30_000);
  let h: Open311Harness;
  beforeEach(async () => {
    h = await startOpen311();
  });
  afterEach(() => h.close());

  const post = (fields: Record<string, string>, format = 'json', headers: Record<string, string> = {}) =>
    h.form(`/open311/v2/requests.${format}`, { api_key: h.key, ...fields }, headers);
  const pothole = { service_code: 'hayvan', lat: '38.7205', long: '35.4826', description: 'Yaralı köpek, Cumhuriyet Meydanı', email: 'ali@example.com', first_name: 'Ali', last_name: 'Yılmaz' };
  const created = async (fields: Record<string, string> = pothole): Promise<{ id: string; token: string }> => {
    const reply = await post(fields);
    expect(reply.status, reply.text).to.equal(201);
    const [first] = h.json<Request311[]>(reply);
    return { id: String(first?.service_request_id), token: String(first?.token) };
  };
  const errorsOf = (reply: RawReply): Error311 => h.json<Error311>(reply);
  const xmlErrors = (reply: RawReply) => xmlChildren(parseXml(reply.text), 'error').map(xmlFields);

  it('discovery names the GeoReport v2 endpoint and both formats', async () => {
    const json = h.json<{ endpoints: { specification: string; url: string; formats: string[] }[]; contact: string }>(await h.get('/open311/v2/discovery.json'));
    expect(json.endpoints[0]).to.deep.include({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${h.app.base}/open311/v2` });
    expect(json.endpoints[0]?.formats).to.deep.equal(['text/xml', 'application/json']);
    const xml = parseXml((await h.get('/open311/v2/discovery.xml')).text);
    expect(xml.name).to.equal('discovery');
    const formats = xmlChildren(xmlChild(xmlChild(xmlChild(xml, 'endpoints'), 'endpoint'), 'formats'), 'format').map((f) => f.text);
    expect(formats).to.deep.equal(['text/xml', 'application/json']);
  });

  it('lists every category as a realtime service with metadata, in JSON and in well-formed XML', async () => {
    const reply = await h.get('/open311/v2/services.json');
    expect(reply.type).to.match(/^application\/json; charset=utf-8/);
    const services = h.json<Request311[]>(reply);
    const codes = services.map((s) => s.service_code);
    expect(codes).to.include.members(['hayvan', 'cevre', 'kentkart', 'sosyal-sut', 'genel']);
    expect(services.find((s) => s.service_code === 'kentkart')).to.deep.equal({
      service_code: 'kentkart', service_name: 'Kentkart / seyahat kartı', description: 'Kentkart / seyahat kartı (Kayseri Ulaşım A.Ş.)', metadata: true, type: 'realtime', keywords: '', group: 'Ulaşım',
    });
    const xmlReply = await h.get('/open311/v2/services.xml');
    expect(xmlReply.type).to.match(/^text\/xml; charset=utf-8/);
    const xml = parseXml(xmlReply.text);
    expect(xml.name).to.equal('services');
    const items = xmlChildren(xml, 'service').map(xmlFields);
    expect(items.map((s) => s.service_code)).to.deep.equal(codes);
    expect(items.find((s) => s.service_code === 'hayvan')).to.include({ metadata: 'true', type: 'realtime', service_name: 'Yaralı veya sahipsiz hayvan' });
  });

  it('defines a service: an optional district from the site’s districts and a neighbourhood', async () => {
    const definition = h.json<{ service_code: string; attributes: Request311[] }>(await h.get('/open311/v2/services/hayvan.json'));
    expect(definition.service_code).to.equal('hayvan');
    const district = definition.attributes[0];
    expect(district).to.include({ variable: true, code: 'district', datatype: 'singlevaluelist', required: false, order: 1 });
    expect((district?.values as { key: string }[]).map((v) => v.key)).to.deep.equal(shippedSiteData().districts.map((d) => d.name));
    expect(definition.attributes[1]).to.include({ code: 'neighbourhood', datatype: 'string', required: false });
    const xml = parseXml((await h.get('/open311/v2/services/hayvan.xml')).text);
    expect(xml.name).to.equal('service_definition');
    const attributes = xmlChildren(xmlChild(xml, 'attributes'), 'attribute');
    expect(attributes.map((a) => xmlFields(a).code)).to.deep.equal(['district', 'neighbourhood']);
    expect(xmlChildren(xmlChild(attributes[0]!, 'values'), 'value').map((v) => xmlFields(v).key)).to.include('Talas');
  });

  it('answers an unknown service_code, request id, token or resource with 404 in the spec’s error format', async () => {
    const json = await h.get('/open311/v2/services/yok.json');
    expect(json.status).to.equal(404);
    expect(errorsOf(json)).to.deep.equal([{ code: 404, description: 'service_code yok not found' }]);
    const xml = await h.get('/open311/v2/services/yok.xml');
    expect(xml.status).to.equal(404);
    expect(parseXml(xml.text).name).to.equal('errors');
    expect(xmlErrors(xml)).to.deep.equal([{ code: '404', description: 'service_code yok not found' }]);
    expect((await h.read('/open311/v2/requests/153-2026-999999.json')).status).to.equal(404);
    expect((await h.read('/open311/v2/tokens/00000000000000000000000000000000.xml')).status).to.equal(404);
    expect(xmlErrors(await h.get('/open311/v2/nothing-here.xml'))[0]?.code).to.equal('404');
    expect(errorsOf(await h.get('/open311/v2/services.json?jurisdiction_id=ankara.bel.tr'))).to.deep.equal([{ code: 404, description: 'jurisdiction_id not found' }]);
    expect((await h.get('/open311/v2/services.json?jurisdiction_id=kayseri.bel.tr')).status).to.equal(200);
  });

  it('takes a request with lat/long as a form: a ticket of source open311, its number the service_request_id', async () => {
    const reply = await post({ ...pothole, phone: '0532 123 45 67', account_id: 'acc-7', device_id: 'dev-1', media_url: 'https://foto.example.com/1.jpg' });
    expect(reply.status).to.equal(201);
    const [answer] = h.json<Request311[]>(reply);
    expect(answer?.service_request_id).to.match(NUMBER);
    expect(answer?.token).to.match(/^[0-9a-f]{32}$/);
    expect(answer).to.include({ account_id: 'acc-7', service_notice: 'Talebiniz Alo 153 Çağrı Merkezine kaydedildi; ilgili birim yanıtladığında durum notu güncellenir.' });
    const ticket = (await h.test.db('tickets').where({ number: answer?.service_request_id }).first()) as Record<string, unknown>;
    expect(ticket).to.include({ source: 'open311', status: 'open', category_code: 'hayvan', department_code: 'veteriner', email: 'ali@example.com', caller_name: 'Ali Yılmaz', caller_number: '0532 123 45 67', description: 'Yaralı köpek, Cumhuriyet Meydanı' });
    expect([Number(ticket.latitude), Number(ticket.longitude)]).to.deep.equal([38.7205, 35.4826]);
    const opened = (await h.test.db('ticket_events').where({ ticket_id: ticket.id, kind: 'opened' }).first()) as { actor: string };
    expect(opened.actor).to.equal('system:open311');
  });

  it('takes a request with address_string and a district attribute, answering in XML', async () => {
    const reply = await post({ service_code: 'cevre', address_string: 'Mevlana Mah. 12. Sokak', 'attribute[district]': 'Talas', 'attribute[neighbourhood]': 'Mevlana', description: 'Çöp toplanmadı' }, 'xml');
    expect(reply.status, reply.text).to.equal(201);
    const xml = parseXml(reply.text);
    expect(xml.name).to.equal('service_requests');
    const request = xmlFields(xmlChild(xml, 'request'));
    expect(request.service_request_id).to.match(NUMBER);
    expect(request.account_id).to.equal('');
    const ticket = (await h.test.db('tickets').where({ number: request.service_request_id }).first()) as Record<string, unknown>;
    expect(ticket).to.include({ district: 'Talas', neighbourhood: 'Mevlana', address: 'Mevlana Mah. 12. Sokak', latitude: null, department_code: 'cevre' });
  });

  it('accepts a JSON body with an attribute object', async () => {
    const response = await fetch(`${h.app.base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: h.key, service_code: 'su', lat: 38.7, long: 35.5, description: 'Su borusu patladı', attribute: { district: 'Melikgazi' } }),
    });
    expect(response.status).to.equal(201);
    const [answer] = (await response.json()) as Request311[];
    const ticket = (await h.test.db('tickets').where({ number: answer?.service_request_id }).first()) as Record<string, unknown>;
    expect(ticket).to.include({ district: 'Melikgazi', category_code: 'su' });
  });

  it('refuses bad POSTs with the spec’s codes, listing each problem, and opens nothing', async () => {
    const cases: [Record<string, string>, number, string[]][] = [
      [{ service_code: 'hayvan', lat: '38', long: '35', description: 'x', api_key: '' }, 403, ['api_key was not provided']],
      [{ ...pothole, api_key: 'o311_not-a-real-key' }, 403, ["Invalid api_key received -- can't proceed with create_request."]],
      [{ ...pothole, service_code: 'yok' }, 404, ['service_code yok not found']],
      [{ ...pothole, jurisdiction_id: 'ankara.bel.tr' }, 404, ['jurisdiction_id not found']],
      [{ service_code: 'hayvan', description: 'konum yok' }, 400, ['lat/long, address_string or address_id: one location is required']],
      [{ ...pothole, lat: '95', long: 'doğu' }, 400, ['lat: must be between -90 and 90', 'long: must be a decimal number']],
      [{ ...pothole, long: '' }, 400, ['lat and long: give both or neither']],
      [{ ...pothole, 'attribute[color]': 'red' }, 400, ['attribute[color]: not an attribute of this service']],
      [{ ...pothole, 'attribute[district]': 'Paris' }, 400, ['attribute[district]: district is not one of the districts of Kayseri']],
      [{ ...pothole, email: 'not-an-address', media_url: 'javascript:alert(1)' }, 400, ['email: must be an e-mail address', 'media_url: must be an http(s) URL']],
      [{ ...pothole, description: '   ' }, 400, ['description: is required']],
    ];
    for (const [fields, status, descriptions] of cases) {
      const reply = await h.form('/open311/v2/requests.json', { api_key: h.key, ...fields });
      expect(reply.status, JSON.stringify(fields)).to.equal(status);
      expect(errorsOf(reply), JSON.stringify(fields)).to.deep.equal(descriptions.map((description) => ({ code: status, description })));
    }
    const xml = await h.form('/open311/v2/requests.xml', { ...pothole, api_key: 'o311_wrong' });
    expect(xml.status).to.equal(403);
    expect(xmlErrors(xml)).to.deep.equal([{ code: '403', description: "Invalid api_key received -- can't proceed with create_request." }]);
    const plain = await fetch(`${h.app.base}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `api_key=${h.key}` });
    expect(plain.status).to.equal(415);
    expect(((await plain.json()) as Error311)[0]?.code).to.equal(415);
    const count = (await h.test.db('tickets').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(count.n)).to.equal(0);
  });

  it('refuses an oversize body with 413 in the spec’s format', async () => {
    const reply = await post({ ...pothole, description: 'ç'.repeat(20_000) });
    expect(reply.status).to.equal(413);
    expect(errorsOf(reply)).to.deep.equal([{ code: 413, description: 'the request body is too large' }]);
    const xml = await post({ ...pothole, description: 'a'.repeat(20_000) }, 'xml');
    expect(xmlErrors(xml)).to.deep.equal([{ code: '413', description: 'the request body is too large' }]);
  });

  it('shows a request: open with its deadline, then the department’s answer as status_notes once relayed and closed', async () => {
    const { id } = await created({ ...pothole, media_url: 'https://foto.example.com/k.jpg', address_id: 'UAVT-123' });
    const [open] = h.json<Request311[]>(await h.read(`/open311/v2/requests/${id}.json`));
    expect(open).to.deep.equal({
      service_request_id: id, status: 'open', status_notes: null, service_name: 'Yaralı veya sahipsiz hayvan', service_code: 'hayvan',
      description: 'Yaralı köpek, Cumhuriyet Meydanı', agency_responsible: 'Veteriner İşleri Dairesi Başkanlığı',
      service_notice: 'Talebiniz Alo 153 Çağrı Merkezine kaydedildi; ilgili birim yanıtladığında durum notu güncellenir.',
      requested_datetime: '2026-12-03T10:00:00+03:00', updated_datetime: '2026-12-03T10:00:00+03:00',
      // hayvan: 4 hours.
      expected_datetime: '2026-12-03T14:00:00+03:00',
      address: 'Adres no: UAVT-123', address_id: 'UAVT-123', zipcode: null, lat: 38.7205, long: 35.4826, media_url: 'https://foto.example.com/k.jpg',
    });
    for (const key of ['caller_name', 'caller_number', 'email', 'first_name', 'phone']) expect(open).to.not.have.property(key);
    await h.requests.service.act(id, { name: 'forward', department: 'veteriner', text: 'iç not: acil' }, agent);
    await h.requests.service.act(id, { name: 'answer', text: 'Köpek tedavi için barınağa alındı.' }, vet);
    const [answered] = h.json<Request311[]>(await h.read(`/open311/v2/requests/${id}.json`));
    expect(answered).to.include({ status: 'open', status_notes: null });
    h.clock.now = T0 + 3_600_000;
    await h.requests.service.act(id, { name: 'inform', text: null, channel: 'phone' }, agent);
    const xml = parseXml((await h.read(`/open311/v2/requests/${id}.xml`)).text);
    const closed = xmlFields(xmlChild(xml, 'request'));
    expect(closed).to.include({ status: 'closed', status_notes: 'Köpek tedavi için barınağa alındı.', updated_datetime: '2026-12-03T11:00:00+03:00', lat: '38.7205', zipcode: '' });
    expect(closed.requested_datetime).to.match(W3C);
  });

  it('lists requests by id list, service_code, status and date window, newest first, only those that came over Open311', async () => {
    const a = await created();
    h.clock.now = T0 + 60_000;
    const b = await created({ ...pothole, service_code: 'cevre', description: 'Çöp' });
    h.clock.now = T0 + 120_000;
    const c = await created({ ...pothole, description: 'İkinci köpek' });
    await h.requests.service.act(c.id, { name: 'resolve', text: 'Ekip yönlendirildi, köpek alındı.' }, agent);
    await h.requests.service.create({ source: 'desk', createdAt: new Date(T0), callerNumber: '05321234567' }, agent, [{ name: 'edit', fields: { categoryCode: 'hayvan', departmentCode: 'veteriner', description: 'Telefondan' } }]);
    const ids = async (query: string, format: 'json' | 'xml' = 'json'): Promise<string[]> => {
      const reply = await h.read(`/open311/v2/requests.${format}${query}`);
      expect(reply.status, reply.text).to.equal(200);
      if (format === 'xml') return xmlChildren(parseXml(reply.text), 'request').map((r) => xmlFields(r).service_request_id ?? '');
      return h.json<Request311[]>(reply).map((r) => String(r.service_request_id));
    };
    expect(await ids('')).to.deep.equal([c.id, b.id, a.id]);
    expect(await ids('', 'xml')).to.deep.equal([c.id, b.id, a.id]);
    expect(await ids(`?service_request_id=${a.id},${c.id}`)).to.deep.equal([c.id, a.id]);
    // The id list wins over every other filter.
    expect(await ids(`?service_request_id=${a.id}&status=closed&service_code=cevre`)).to.deep.equal([a.id]);
    expect(await ids('?service_code=cevre')).to.deep.equal([b.id]);
    expect(await ids('?service_code=cevre,hayvan&status=open')).to.deep.equal([b.id, a.id]);
    expect(await ids('?status=closed')).to.deep.equal([c.id]);
    expect(await ids('?status=open,closed')).to.deep.equal([c.id, b.id, a.id]);
    const [resolved] = h.json<Request311[]>(await h.read(`/open311/v2/requests.json?service_request_id=${c.id}`));
    expect(resolved).to.include({ status: 'closed', status_notes: 'Ekip yönlendirildi, köpek alındı.' });
    expect(await ids(`?start_date=${encodeURIComponent('2026-12-03T10:00:30+03:00')}&end_date=${encodeURIComponent('2026-12-03T10:01:30+03:00')}`)).to.deep.equal([b.id]);
    expect(await ids('?start_date=2026-12-03T07:01:00Z')).to.deep.equal([c.id, b.id]);
    expect(await ids('?end_date=2026-12-03T07:00:30Z')).to.deep.equal([a.id]);
    // Default window: the last 90 days.
    h.clock.now = T0 + 91 * 86_400_000;
    expect(await ids('')).to.deep.equal([]);
  });

  it('refuses bad list filters with 400', async () => {
    const cases: [string, string][] = [
      ['?start_date=2026-12-03', 'start_date: a W3C datetime with a time zone, e.g. 2026-12-03T10:00:00+03:00'],
      ['?start_date=2026-12-03T10:00:00', 'start_date: a W3C datetime with a time zone, e.g. 2026-12-03T10:00:00+03:00'],
      ['?start_date=2026-12-03T10:00:00Z&end_date=2026-12-02T10:00:00Z', 'start_date: must not be after end_date'],
      ['?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z', 'start_date and end_date: may not span more than 90 days'],
      ['?status=pending', 'status: open, closed, or both comma-separated'],
      ['?status=open&status=closed', 'status: give it once (a comma-separated list where the spec allows one)'],
    ];
    for (const [query, description] of cases) {
      const reply = await h.read(`/open311/v2/requests.json${query}`);
      expect(reply.status, query).to.equal(400);
      expect(errorsOf(reply), query).to.deep.equal([{ code: 400, description }]);
    }
  });

  it('maps a token to its service_request_id', async () => {
    const { id, token } = await created();
    expect(h.json(await h.read(`/open311/v2/tokens/${token}.json`))).to.deep.equal([{ service_request_id: id, token }]);
    expect(xmlFields(xmlChild(parseXml((await h.read(`/open311/v2/tokens/${token}.xml`)).text), 'request'))).to.deep.equal({ service_request_id: id, token });
  });

  it('gives the same request for a repeated Idempotency-Key or, without one, for the same content within the window', async () => {
    const headers = { 'idempotency-key': 'kent-app-4711' };
    const first = await post(pothole, 'json', headers);
    const again = await post({ ...pothole, description: 'retried with other text' }, 'json', headers);
    expect([first.status, again.status]).to.deep.equal([201, 200]);
    expect(h.json<Request311[]>(again)[0]?.service_request_id).to.equal(h.json<Request311[]>(first)[0]?.service_request_id);
    expect(h.json<Request311[]>(again)[0]?.token).to.equal(h.json<Request311[]>(first)[0]?.token);
    // 07:08 Z: two minutes before the 10-minute window's bucket turns.
    h.clock.now = T0 + 8 * 60_000;
    const twins = await Promise.all([post({ ...pothole, description: 'aynı anda' }), post({ ...pothole, description: 'aynı anda' })]);
    expect(twins.map((r) => r.status).sort()).to.deep.equal([200, 201]);
    expect(h.json<Request311[]>(twins[0]!)[0]?.service_request_id).to.equal(h.json<Request311[]>(twins[1]!)[0]?.service_request_id);
    // Four minutes later, in the next bucket but within the window: still the same; 25 minutes later: a new request.
    h.clock.now = T0 + 12 * 60_000;
    expect((await post({ ...pothole, description: 'aynı anda' })).status).to.equal(200);
    h.clock.now = T0 + 33 * 60_000;
    expect((await post({ ...pothole, description: 'aynı anda' })).status).to.equal(201);
    const count = (await h.test.db('tickets').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(count.n)).to.equal(3);
    expect((await post(pothole, 'json', { 'idempotency-key': 'bad key with spaces' })).status).to.equal(400);
  });

  it('returns script in a description as text: escaped in XML, a plain string in JSON', async () => {
    const script = '<script>alert("x")</script> & <b>kalın</b> \u0007';
    const { id } = await created({ ...pothole, description: script });
    const xmlText = (await h.read(`/open311/v2/requests/${id}.xml`)).text;
    expect(xmlText).to.not.include('<script>');
    expect(xmlText).to.include('&lt;script&gt;');
    expect(xmlFields(xmlChild(parseXml(xmlText), 'request')).description).to.equal('<script>alert("x")</script> & <b>kalın</b> ');
    expect(h.json<Request311[]>(await h.read(`/open311/v2/requests/${id}.json`))[0]?.description).to.equal(script);
  });

  it('keeps the origin check: a foreign page’s POST is refused, a server without Origin passes', async () => {
    const foreign = await post({ ...pothole, description: 'from a page' }, 'json', { origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    const sameSite = await post({ ...pothole, description: 'from a page' }, 'json', { 'sec-fetch-site': 'cross-site' });
    expect(sameSite.status).to.equal(403);
    const count = (await h.test.db('tickets').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(count.n)).to.equal(0);
    expect((await post(pothole)).status).to.equal(201);
  });
});
