import { expect } from 'chai';
import { startSmsc, type Smsc } from '../../src/simulator/smsc/smsc-server.js';
import { SMSC_LOGIN } from '../support/sms.js';
import { startSystem, waitFor, type System } from '../support/system.js';
import { testEngine } from '../support/db.js';

describe(`channels: a web request's number by SMS through a real SMSC (${testEngine()})`, function () {
  this.timeout(60_000);
  let smsc: Smsc;
  let system: System;

  before(async () => {
    smsc = await startSmsc({ ...SMSC_LOGIN, receiptDelayMs: 20 });
    system = await startSystem({ agents: 0, smsc: { port: smsc.port, ...SMSC_LOGIN }, config: { channels: { web: { minFillSeconds: 0 } } } });
  });
  after(async () => {
    await system?.stop();
    await smsc?.close();
  });

  let fill = 0;
  async function send(overrides: Record<string, unknown>): Promise<{ status: number; body: { number: string; sms: boolean } }> {
    const form = (await (await fetch(`${system.app.url}/api/public/form`)).json()) as { token: string };
    fill += 1;
    const response = await fetch(`${system.app.url}/api/public/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: system.app.url },
      body: JSON.stringify({
        submissionKey: `11111111-2222-4333-8444-${String(fill).padStart(12, '0')}`,
        formToken: form.token,
        categoryCode: 'cevre',
        district: 'Melikgazi',
        description: 'Konteynerler üç gündür boşaltılmadı.',
        name: 'Ali Demir',
        phone: '0533 765 43 21',
        kvkkConsent: true,
        ...overrides,
      }),
    });
    return { status: response.status, body: (await response.json()) as { number: string; sms: boolean } };
  }

  it('sends the opened SMS with the ticket number to the mobile given, and none to a landline or when refused', async () => {
    const mobile = await send({});
    expect(mobile.status).to.equal(201);
    expect(mobile.body.sms).to.equal(true);
    await waitFor(() => smsc.messages().some((message) => message.complete && message.text.includes(mobile.body.number)), 20_000, 'the opened SMS at the SMSC');
    const message = smsc.messages().find((candidate) => candidate.text.includes(mobile.body.number))!;
    expect(message.destination).to.equal('905337654321');

    const landline = await send({ phone: '0352 222 33 44' });
    const refused = await send({ phone: '0533 111 22 33', smsConsent: false });
    expect([landline.body.sms, refused.body.sms]).to.deep.equal([false, false]);
    // The sender has had its chance: each of these tickets' outbox holds nothing.
    const queued = (await system.app.db('sms_messages').whereIn('ticket_number', [landline.body.number, refused.body.number]).count({ n: '*' }).first()) as { n: number | string };
    expect(Number(queued.n)).to.equal(0);
    expect(smsc.messages().filter((candidate) => candidate.text.includes(landline.body.number) || candidate.text.includes(refused.body.number))).to.deep.equal([]);
  });
});
