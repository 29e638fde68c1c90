import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { ActiveAnnouncement, AnnouncementOutcome } from '../../src/ivr/announcements.js';
import { istanbulYear } from '../../src/requests/ticket-numbers.js';
import type { CallView } from '../../src/requests/ticket-store-type.js';
import { startSmsc, type Smsc } from '../../src/simulator/smsc/smsc-server.js';
import { seedTicket } from '../support/seed-tickets.js';
import { SMSC_LOGIN } from '../support/sms.js';
import { startSystem, waitFor, waitForCallEnd, type System, type SystemOptions } from '../support/system.js';
import { testEngine } from '../support/db.js';

/** The shipped menu with timeouts for tests; the returning lookup gets a generous budget so a loaded machine never skips it. */
function phoneIvrFile(): string {
  const ivr = JSON.parse(readFileSync('config/ivr.json', 'utf8')) as Record<string, Record<string, unknown>>;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-ivr-')), 'ivr.json');
  writeFileSync(
    file,
    JSON.stringify({
      ...ivr,
      firstDigitTimeoutMs: 3000,
      interDigitTimeoutMs: 300,
      ticketWaitMs: 2000,
      statusLookup: { ...ivr.statusLookup, firstDigitTimeoutMs: 3000, interDigitTimeoutMs: 1000, budgetMs: 5000 },
      returning: { ...ivr.returning, timeoutMs: 3000, lookupBudgetMs: 2000 },
    }),
  );
  return file;
}

const steps = (call: CallView): string[] =>
  call.ivrPath.map((s) => `${s.menu}:${s.event}${s.digits ? `:${s.digits}` : ''}${s.target ? `>${s.target}` : ''}`);

describe(`the phone line: status by phone, returning callers, announcements, survey consent, the number by SMS (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;
  const year = istanbulYear(new Date());
  const heard: Array<{ announcementId: number; outcome: AnnouncementOutcome }> = [];
  let active: ActiveAnnouncement[] = [];

  async function start(options: SystemOptions = {}): Promise<void> {
    heard.length = 0;
    system = await startSystem({
      agents: 1,
      agentTalkMs: 1_000_000,
      config: { ivr: { file: phoneIvrFile() } },
      phone: {
        announcements: { active: () => active },
        announcementOutcomes: { record: ({ announcementId, outcome }) => heard.push({ announcementId, outcome }) },
      },
      ...options,
    });
  }

  let smsc: Smsc | undefined;

  afterEach(async () => {
    active = [];
    await system?.stop();
    await smsc?.close();
    smsc = undefined;
  });

  const session = (channelId: string) => system.app.registry.get(channelId);
  const at = (channelId: string, step: string) => waitFor(() => session(channelId)?.lastStep === step, 10000, `${channelId} at ${step}`);
  const hearing = (channelId: string, prompt: string) =>
    waitFor(() => session(channelId)?.playing.includes(prompt) ?? false, 10000, `${channelId} hearing ${prompt}`);

  it('tells the status of a real ticket keyed in with #, then takes the caller on from the main menu', async () => {
    await start();
    const number = await seedTicket(system.app.db, { year, seq: 4242, status: 'forwarded', department: 'kayseri-ulasim', createdAt: new Date(Date.now() - 86400_000), dueAt: new Date(Date.now() + 5 * 86400_000) });
    const call = system.sim.placeCall({ callerNumber: '05321112233', script: [] });
    await at(call.channelId, 'main:enter');
    call.sendDigit('8');
    await at(call.channelId, 'main:selected');
    for (const digit of '4242#') call.sendDigit(digit);
    await hearing(call.channelId, 'status-forwarded');
    expect(session(call.channelId)?.playing.slice(0, 2)).to.deep.equal(['status-forwarded', 'status-due']);
    call.sendDigit('0');
    const stored = await waitForCallEnd(system, call.channelId);
    expect(stored.queue).to.equal('alo153-genel');
    expect(steps(stored)).to.deep.equal(['main:enter', 'main:selected:8>status', 'status:status-lookup>found:forwarded', 'main:enter', 'main:selected:0>alo153-genel']);
    expect(JSON.stringify(stored.ivrPath), 'the number keyed in is not on the call').to.not.include('4242');
    expect(number).to.equal(`153-${year}-004242`);
  });

  it('says "numara bulunamadı" for an unknown and an invalid number, then goes back to the main menu', async () => {
    await start();
    const call = system.sim.placeCall({ callerNumber: '05321112234', script: [] });
    await at(call.channelId, 'main:enter');
    call.sendDigit('8');
    await at(call.channelId, 'main:selected');
    for (const digit of '999#') call.sendDigit(digit);
    await at(call.channelId, 'status:status-lookup');
    for (const digit of '3456789#') call.sendDigit(digit);
    await at(call.channelId, 'main:enter');
    expect(session(call.channelId)?.playing).to.deep.equal(['status-not-found', 'main-menu']);
    call.sendDigit('0');
    const stored = await waitForCallEnd(system, call.channelId);
    expect(steps(stored).filter((s) => s.startsWith('status:'))).to.deep.equal(['status:status-lookup>not-found', 'status:status-lookup>invalid']);
  });

  it('offers a returning caller their open ticket: 1 hears its status, then the menu', async () => {
    // The lookup runs beside the welcome (12 s simulated): slower, so it is 600 ms real even on a loaded machine.
    await start({ speed: 0.05 });
    await seedTicket(system.app.db, { year, seq: 5000, status: 'needs_info', callerNumber: '05321234567', createdAt: new Date(Date.now() - 3600_000), dueAt: new Date(Date.now() + 86400_000) });
    const call = system.sim.placeCall({ callerNumber: '+905321234567', script: [] });
    await at(call.channelId, 'returning:enter');
    // The offer is queued behind the welcome: a key during the welcome would be a main-menu choice.
    await hearing(call.channelId, 'returning-offer');
    call.sendDigit('1');
    await hearing(call.channelId, 'status-needs-info');
    call.sendDigit('3');
    const stored = await waitForCallEnd(system, call.channelId);
    expect(steps(stored)).to.deep.equal(['main:enter', 'returning:enter>needs_info', 'returning:returning-choice:1>status', 'main:enter', 'main:selected:3>alo153-hayvan']);
  });

  it('takes a returning caller who presses 2 to the main menu; a closed ticket or an abandoned call is no reason for the offer', async () => {
    // The lookup runs beside the welcome (12 s simulated): slower, so it is 600 ms real even on a loaded machine.
    await start({ speed: 0.05 });
    await seedTicket(system.app.db, { year, seq: 5001, status: 'open', callerNumber: '05329876543', createdAt: new Date(Date.now() - 3600_000) });
    await seedTicket(system.app.db, { year, seq: 5002, status: 'closed', callerNumber: '05320000001', createdAt: new Date(Date.now() - 3600_000) });
    await seedTicket(system.app.db, { year, seq: 5003, status: 'abandoned', callerNumber: '05320000001', createdAt: new Date(Date.now() - 3600_000) });
    const returning = system.sim.placeCall({ callerNumber: '05329876543', script: [] });
    await at(returning.channelId, 'returning:enter');
    await hearing(returning.channelId, 'returning-offer');
    returning.sendDigit('2');
    await at(returning.channelId, 'main:enter');
    returning.sendDigit('0');
    expect(steps(await waitForCallEnd(system, returning.channelId))).to.include('returning:returning-choice:2>menu');

    const done = system.sim.placeCall({ callerNumber: '05320000001', script: [] });
    await at(done.channelId, 'main:enter');
    done.sendDigit('0');
    expect(steps(await waitForCallEnd(system, done.channelId))[0]).to.equal('main:enter');
  });

  it('plays an active announcement before the main menu: served when the caller hangs up on it, continued when they choose', async () => {
    active = [{ id: 7, prompt: 'goodbye', scope: 'all' }];
    // Slower than the other tests, so the 6 s announcement lasts long enough (300 ms) to be seen playing.
    await start({ speed: 0.05 });
    const served = system.sim.placeCall({ callerNumber: '05321110001', script: [] });
    await hearing(served.channelId, 'goodbye');
    served.hangup();
    const left = await waitForCallEnd(system, served.channelId);
    expect(left.outcome).to.equal('abandoned-in-ivr');
    expect(steps(left)).to.include('main:announcement>7:served');

    const continued = system.sim.placeCall({ callerNumber: '05321110002', script: [] });
    await hearing(continued.channelId, 'main-menu');
    continued.sendDigit('2');
    const handed = await waitForCallEnd(system, continued.channelId);
    expect(handed.queue).to.equal('alo153-cevre');
    expect(steps(handed)).to.include('main:announcement>7:continued');
    expect(heard).to.deep.equal([
      { announcementId: 7, outcome: 'served' },
      { announcementId: 7, outcome: 'continued' },
    ]);
  });

  it('records the survey consent key with the hand-off\'s path, and texts the caller their number after the hand-off', async () => {
    const texts = await startSmsc({ ...SMSC_LOGIN, receiptDelayMs: 5 });
    smsc = texts;
    await start({ smsc: { port: texts.port, ...SMSC_LOGIN } });
    {
      const call = system.sim.placeCall({ callerNumber: '05321239876', script: [] });
      await at(call.channelId, 'main:enter');
      call.sendDigit('9');
      await at(call.channelId, 'main:survey-consent');
      call.sendDigit('4');
      const stored = await waitForCallEnd(system, call.channelId);
      expect(steps(stored)).to.deep.equal(['main:enter', 'main:survey-consent:9', 'main:selected:4>alo153-otopark']);
      const raw = (await system.app.db('calls').where({ channel_id: call.channelId }).first('ivr_path')) as { ivr_path: string };
      expect(raw.ivr_path).to.include('"survey-consent"');

      await waitFor(() => texts.messages().length > 0, 10000, 'the number by SMS');
      const [message] = texts.messages();
      expect(message?.destination).to.equal('905321239876');
      expect(message?.text).to.include(stored.ticketNumber!);
      const rows = await system.app.db('sms_messages').where({ ticket_number: stored.ticketNumber }).select('idempotency_key', 'template');
      expect(rows).to.deep.equal([{ idempotency_key: `${stored.ticketNumber}:opened`, template: 'opened' }]);
    }
  });
});
