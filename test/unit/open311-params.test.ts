import { expect } from 'chai';
import { Open311Error, splitResource, toXml } from '../../src/channels/open311/format.js';
import { parseRequestParams } from '../../src/channels/open311/request-params.js';
import { parseRequestQuery } from '../../src/channels/open311/request-query.js';
import { formatW3cDatetime, parseW3cDatetime } from '../../src/channels/open311/w3c-time.js';

const NOW = new Date('2026-12-03T07:00:00.000Z');
const DAY = 86_400_000;

function refusal(run: () => unknown): Open311Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected an Open311Error');
}

describe('open311: W3C datetimes', () => {
  it('reads a datetime with Z or an offset, and refuses one without a zone or with an impossible date', () => {
    expect(parseW3cDatetime('2026-12-03T10:00:00+03:00')?.toISOString()).to.equal('2026-12-03T07:00:00.000Z');
    expect(parseW3cDatetime('2026-12-31T23:30:00-05:00')?.toISOString()).to.equal('2027-01-01T04:30:00.000Z');
    expect(parseW3cDatetime('2026-12-03T07:00Z')?.toISOString()).to.equal('2026-12-03T07:00:00.000Z');
    for (const text of ['2026-12-03', '2026-12-03T10:00:00', '2026-02-30T10:00:00Z', '2026-12-03 10:00:00Z', 'yesterday']) expect(parseW3cDatetime(text), text).to.equal(undefined);
  });

  it('writes Istanbul local time with its offset', () => {
    expect(formatW3cDatetime(NOW)).to.equal('2026-12-03T10:00:00+03:00');
    expect(formatW3cDatetime(new Date('2026-12-31T22:59:59.900Z'))).to.equal('2027-01-01T01:59:59+03:00');
  });
});

describe('open311: POST parameters', () => {
  const base = { api_key: 'o311_x', service_code: 'hayvan', lat: '38.72', long: '35.48', description: 'Yaralı kedi' };

  it('takes the spec’s fields trimmed, blanks as absent, and attributes from form keys or a JSON object', () => {
    const form = parseRequestParams({ ...base, first_name: ' Ali ', last_name: '', 'attribute[district]': 'Talas' });
    expect(form).to.deep.include({ ok: true });
    if (!form.ok) return;
    expect(form.params).to.include({ serviceCode: 'hayvan', lat: 38.72, long: 35.48, firstName: 'Ali', lastName: undefined });
    expect(form.params.attributes).to.deep.equal({ district: 'Talas' });
    const json = parseRequestParams({ ...base, lat: 38.5, long: 35.1, attribute: { neighbourhood: 'Mevlana' } });
    expect(json.ok && json.params.attributes).to.deep.equal({ neighbourhood: 'Mevlana' });
    expect(json.ok && json.params.lat).to.equal(38.5);
  });

  it('names every problem: a field twice, a NUL, an unknown attribute, a bad phone, no location', () => {
    const result = parseRequestParams({ ...base, description: ['a', 'b'], first_name: 'A\u0000', 'attribute[renk]': 'kırmızı', phone: '12' });
    expect(result).to.deep.equal({
      ok: false,
      problems: ['description: given more than once', 'first_name: must not contain NUL characters', 'phone: must have 7 to 20 digits', 'attribute[renk]: not an attribute of this service'],
    });
    const { lat: _lat, long: _long, ...noLocation } = base;
    expect(parseRequestParams(noLocation)).to.deep.equal({ ok: false, problems: ['lat/long, address_string or address_id: one location is required'] });
    expect(parseRequestParams({ ...noLocation, address_id: 'UAVT-1' }).ok).to.equal(true);
    expect(parseRequestParams([1, 2])).to.deep.equal({ ok: false, problems: ['the body must be form fields or a JSON object'] });
  });
});

describe('open311: GET requests filters', () => {
  it('defaults to the 90 days before now, or the 90 days after a start or before an end', () => {
    const all = parseRequestQuery({}, NOW);
    expect([all.start.getTime(), all.end.getTime()]).to.deep.equal([NOW.getTime() - 90 * DAY, NOW.getTime()]);
    const fromStart = parseRequestQuery({ start_date: '2026-10-01T00:00:00Z' }, NOW);
    expect(fromStart.end.toISOString()).to.equal('2026-12-30T00:00:00.000Z');
    const toEnd = parseRequestQuery({ end_date: '2026-10-01T00:00:00Z' }, NOW);
    expect(toEnd.start.toISOString()).to.equal('2026-07-03T00:00:00.000Z');
    expect(parseRequestQuery({ start_date: '2026-09-04T07:00:00Z', end_date: '2026-12-03T07:00:00Z' }, NOW).start.toISOString()).to.equal('2026-09-04T07:00:00.000Z');
  });

  it('lets an id list override every other filter, even a malformed one', () => {
    expect(parseRequestQuery({ service_request_id: '153-2026-000001, 153-2026-000002', status: 'bogus', start_date: 'x' }, NOW)).to.deep.include({ ids: ['153-2026-000001', '153-2026-000002'] });
  });

  it('reads comma lists of service codes and statuses and refuses the rest with 400', () => {
    expect(parseRequestQuery({ service_code: 'hayvan,cevre', status: 'open,closed' }, NOW)).to.deep.include({ serviceCodes: ['hayvan', 'cevre'], statuses: ['open', 'closed'] });
    expect(refusal(() => parseRequestQuery({ start_date: '2026-08-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }, NOW)).descriptions).to.deep.equal(['start_date and end_date: may not span more than 90 days']);
    expect(refusal(() => parseRequestQuery({ status: 'pending' }, NOW)).status).to.equal(400);
    expect(refusal(() => parseRequestQuery({ service_code: ',' }, NOW)).descriptions).to.deep.equal(['service_code: empty']);
    expect(refusal(() => parseRequestQuery({ service_request_id: Array.from({ length: 1001 }, (_, i) => String(i)).join(',') }, NOW)).descriptions).to.deep.equal(['service_request_id: at most 1000 values']);
  });
});

describe('open311: formats', () => {
  it('knows a resource by its .json or .xml extension only', () => {
    expect(splitResource('services.json')).to.deep.equal({ name: 'services', format: 'json' });
    expect(splitResource('153-2026-000026.xml')).to.deep.equal({ name: '153-2026-000026', format: 'xml' });
    expect(splitResource('services.html')).to.equal(undefined);
    expect(splitResource('.json')).to.equal(undefined);
  });

  it('writes the spec’s XML: an element per list entry, empty elements for null, escaped text, no control characters', () => {
    expect(toXml('service_requests', 'request', [{ service_request_id: '153-2026-000001', description: '<b>"a" & b</b>\u0001', account_id: null, lat: 38.7 }])).to.equal(
      '<?xml version="1.0" encoding="UTF-8"?><service_requests><request><service_request_id>153-2026-000001</service_request_id>' +
        '<description>&lt;b&gt;"a" &amp; b&lt;/b&gt;</description><account_id/><lat>38.7</lat></request></service_requests>',
    );
    expect(toXml('discovery', null, { endpoints: [{ formats: ['text/xml'] }] })).to.equal(
      '<?xml version="1.0" encoding="UTF-8"?><discovery><endpoints><endpoint><formats><format>text/xml</format></formats></endpoint></endpoints></discovery>',
    );
  });
});
