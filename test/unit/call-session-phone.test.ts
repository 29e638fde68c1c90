import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createCallNumberSms } from '../../src/calls/call-number-sms.js';
import { CallPhoneLine } from '../../src/calls/call-phone-line.js';
import { CallRegistry } from '../../src/calls/call-registry.js';
import { withinBudget, type CallPhoneServices } from '../../src/calls/call-phone-services.js';
import type { PhoneTicketStatus, TicketStatusLookup } from '../../src/calls/phone-lookups.js';
import { parseIvrDefinition } from '../../src/ivr/definition.js';
import { createTestLogger } from '../../src/logging/logger.js';
import type { Sms } from '../../src/relay/sms/create-sms.js';
import type { SmsRequest } from '../../src/relay/sms/sms-outbox.js';
import type { TelephonyEvent } from '../../src/telephony/ports.js';
import { FakeCallControl, fakeChannel } from '../fakes/fake-call-control.js';
import { FakeCallTickets } from '../fakes/fake-call-tickets.js';
import { waitUntil } from '../support/sms.js';

const shipped = parseIvrDefinition(JSON.parse(readFileSync('config/ivr.json', 'utf8')));
const ivr = { ...shipped, ticketWaitMs: 0, returning: { ...shipped.returning, lookupBudgetMs: 50 }, statusLookup: { ...shipped.statusLookup, budgetMs: 100 } };
const ts = '2026-12-03T10:00:00.000+0000';
const open: PhoneTicketStatus = { number: '153-2026-000042', status: 'forwarded', dueAt: null };

/** A lookup whose answers the test releases. */
class HeldLookup implements TicketStatusLookup {
  readonly asked: string[] = [];
  private releases: Array<() => void> = [];
  constructor(private readonly answer: PhoneTicketStatus | undefined) {}
  byNumber(year: number, seq: number): Promise<PhoneTicketStatus | undefined> {
    this.asked.push(`${year}/${seq}`);
    return new Promise((resolve) => this.releases.push(() => resolve(this.answer)));
  }
  openForCaller(caller: string): Promise<PhoneTicketStatus | undefined> {
    this.asked.push(`caller ${caller}`);
    return new Promise((resolve) => this.releases.push(() => resolve(this.answer)));
  }
  release(): void {
    this.releases.splice(0).forEach((release) => release());
  }
}

function harness(phone: CallPhoneServices) {
  const control = new FakeCallControl();
  const tickets = new FakeCallTickets();
  const registry = new CallRegistry({ control, tickets, ivr, queueContext: 'alo153-queues', fallback: { queue: 'alo153-genel', category: 'genel' }, logger: createTestLogger(), phone });
  const emit = (event: TelephonyEvent): void => registry.handle(event);
  control.onCommand = (call) => {
    if (call.op === 'stopPlayback') {
      const play = control.plays().find((p) => p.playbackId === call.playbackId);
      if (play) emit({ type: 'playbackFinished', playbackId: play.playbackId, channelId: play.channelId, state: 'done', timestamp: ts });
    }
    if (call.op === 'continue') setTimeout(() => emit({ type: 'stasisEnd', channelId: call.channelId, timestamp: ts }), 1);
  };
  const start = (id: string): void => emit({ type: 'stasisStart', channel: fakeChannel(id), args: ['inbound'], timestamp: ts });
  const dtmf = (channelId: string, digits: string): void => {
    for (const digit of digits) emit({ type: 'dtmf', channelId, digit, durationMs: 100, timestamp: ts });
  };
  const finishLast = (channelId: string): void => emit({ type: 'playbackFinished', playbackId: control.plays().at(-1)!.playbackId, channelId, state: 'done', timestamp: ts });
  const media = () => control.plays().at(-1)?.media ?? [];
  return { control, tickets, registry, start, dtmf, finishLast, media };
}

describe('call session: the phone line ports', () => {
  it('plays the welcome before the lookup answers, and the offer after it when the lookup found an open ticket', async () => {
    const lookup = new HeldLookup(open);
    const h = harness({ lookups: lookup });
    h.start('9.1');
    await waitUntil(() => h.control.plays().length === 1, 'the welcome');
    expect(lookup.asked).to.deep.equal(['caller 05321234567']);
    expect(h.media()).to.deep.equal(['sound:alo153/welcome', 'sound:alo153/survey-hint']);
    lookup.release();
    await waitUntil(() => h.registry.get('9.1')?.lastStep === 'returning:enter', 'the offer queued');
    h.finishLast('9.1');
    await waitUntil(() => h.control.plays().length === 2, 'the offer');
    expect(h.media()).to.deep.equal(['sound:alo153/returning-offer']);
  });

  it('bounds a lookup by its budget: the value in time, else the fallback (a failure too)', async () => {
    expect(await withinBudget(new Promise<string>(() => undefined), 20, 'fallback')).to.equal('fallback');
    expect(await withinBudget(Promise.resolve('found'), 10_000, 'fallback')).to.equal('found');
    expect(await withinBudget(Promise.reject(new Error('database down')), 10_000, 'fallback')).to.equal('fallback');
  });

  it('says the status cannot be told when the database does not answer in time, and goes back to the main menu', async () => {
    const lookup = new HeldLookup(undefined);
    const h = harness({ lookups: lookup });
    h.start('9.3');
    await waitUntil(() => h.control.plays().length === 1, 'the welcome');
    lookup.release();
    h.dtmf('9.3', '8');
    h.dtmf('9.3', '77#');
    await waitUntil(() => lookup.asked.some((asked) => asked.endsWith('/77')), 'the status lookup');
    await waitUntil(() => h.media()[0] === 'sound:alo153/status-unavailable', 'the unavailable prompt');
    expect(h.media()).to.deep.equal(['sound:alo153/status-unavailable', 'sound:alo153/main-menu']);
  });

  it('texts the number once, after the continue, even when the number is stored only after the hand-off', async () => {
    const sent: string[] = [];
    const h = harness({ numberSms: { send: (number, caller) => Promise.resolve(void sent.push(`${number} ${caller}`)) } });
    h.tickets.hold = true;
    h.start('9.4');
    await waitUntil(() => h.control.plays().length === 1, 'the welcome');
    h.dtmf('9.4', '0');
    await waitUntil(() => h.media()[0] === 'sound:alo153/transfer-short', 'the read-back without a number');
    h.finishLast('9.4');
    await waitUntil(() => h.control.ops().includes('continue'), 'the continue');
    expect(sent, 'no number yet').to.deep.equal([]);
    h.tickets.releaseHeld();
    await waitUntil(() => sent.length === 1, 'the SMS');
    expect(sent[0]).to.match(/^153-2026-000001 /);
  });
});

describe('a call\'s phone line', () => {
  const line = (phone: CallPhoneServices, callerNumber = '05321234567') =>
    new CallPhoneLine({ phone, ivr, callId: 'c1', callerNumber, startedAt: new Date(), log: createTestLogger(), clock: () => new Date() });

  it('asks for the number\'s SMS once per call, however often the hand-off is confirmed', () => {
    const sent: string[] = [];
    const phone = line({ numberSms: { send: (number) => Promise.resolve(void sent.push(number)) } });
    phone.textNumber(undefined);
    phone.textNumber('153-2026-000005');
    phone.textNumber('153-2026-000005');
    expect(sent).to.deep.equal(['153-2026-000005']);
  });

  it('gives up on a returning lookup past its budget, and looks nothing up without a caller id', async () => {
    const lookups: TicketStatusLookup = { byNumber: () => new Promise(() => undefined), openForCaller: () => new Promise(() => undefined) };
    expect(await line({ lookups }).findReturning()).to.equal(undefined);
    expect(line({ lookups }, '').findReturning()).to.equal(undefined);
  });
});

describe('the number by SMS after the hand-off', () => {
  const fakeSms = (fail = false) => {
    const requests: SmsRequest[] = [];
    const sms: Pick<Sms, 'enqueue'> = {
      enqueue: (_db, request) => {
        requests.push(request);
        if (fail) return Promise.reject(new Error('database down'));
        return Promise.resolve({ queued: true, id: 1, duplicate: false, parts: 1, coding: 'ucs2', fallback: false, truncated: false, shortForm: false });
      },
    };
    return { requests, sms };
  };
  const db = {} as never;

  it('asks for the lifecycle\'s opened SMS with its key for a Turkish mobile, nothing for a landline or when SMS is off', async () => {
    const on = fakeSms();
    const sender = createCallNumberSms({ db, sms: on.sms, enabled: true, logger: createTestLogger() });
    await sender.send('153-2026-000007', '+90 532 123 45 67');
    await sender.send('153-2026-000008', '03522221111');
    expect(on.requests).to.deep.equal([
      { idempotencyKey: '153-2026-000007:opened', ticketNumber: '153-2026-000007', recipient: '+90 532 123 45 67', template: 'opened', params: { ticketNumber: '153-2026-000007' } },
    ]);
    const off = fakeSms();
    await createCallNumberSms({ db, sms: off.sms, enabled: false, logger: createTestLogger() }).send('153-2026-000009', '05321234567');
    expect(off.requests).to.deep.equal([]);
  });

  it('never rejects: a failed enqueue is logged, the call is not concerned', async () => {
    const failing = fakeSms(true);
    await createCallNumberSms({ db, sms: failing.sms, enabled: true, logger: createTestLogger() }).send('153-2026-000010', '05321234567');
    expect(failing.requests).to.have.length(1);
  });
});
