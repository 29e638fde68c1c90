import { expect } from 'chai';
import { testEngine } from '../support/db.js';
import { signIn, startSystem, type System } from '../support/system.js';

/** The composed server (server.ts, app.ts): Open311 mounted before the session check, keys behind it. */
describe(`open311: in the composed server (${testEngine()})`, function () {
  this.timeout(30_000);
  let system: System | undefined;
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  it('takes a form POST with a key an admin created and shows the ticket back to that key, without a session', async () => {
    system = await startSystem();
    const admin = await signIn(system, 'admin');
    const created = await fetch(`${system.app.url}/api/open311/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kent uygulaması', owner: 'Kent Bilgi A.Ş.' }),
    });
    expect(created.status).to.equal(201);
    const { key } = ((await created.json()) as { key: { key: string } }).key;
    const posted = await fetch(`${system.app.url}/open311/v2/requests.xml`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key, jurisdiction_id: 'kayseri.bel.tr', service_code: 'zabita', address_string: 'Düvenönü Meydanı', description: 'Kaldırım işgali' }).toString(),
    });
    expect(posted.status).to.equal(201);
    const number = /<service_request_id>(153-\d{4}-\d{6})<\/service_request_id>/.exec(await posted.text())?.[1];
    expect(number).to.be.a('string');
    expect((await fetch(`${system.app.url}/open311/v2/requests/${number}.json`)).status).to.equal(403);
    const shown = (await (await fetch(`${system.app.url}/open311/v2/requests/${number}.json?api_key=${encodeURIComponent(key)}`)).json()) as Record<string, unknown>[];
    expect(shown[0]).to.include({ service_request_id: number, status: 'open', service_code: 'zabita', agency_responsible: 'Zabıta Dairesi Başkanlığı', address: 'Düvenönü Meydanı' });
    const ticket = await system.app.store.getTicket(number!);
    expect(ticket).to.include({ source: 'open311', departmentCode: 'zabita' });
  });

  it('mounts nothing when channels.open311.enabled is false', async () => {
    system = await startSystem({ config: { channels: { open311: { enabled: false } } } });
    const response = await fetch(`${system.app.url}/open311/v2/services.json`);
    expect(response.status).to.equal(404);
    expect(await response.json()).to.deep.equal({ error: 'no route for GET /open311/v2/services.json' });
  });
});
