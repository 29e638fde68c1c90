import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startSmsc, type Smsc } from '../../src/simulator/smsc/smsc-server.js';
import { SMSC_LOGIN } from '../support/sms.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, waitForCallEnd, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const DESK_PHONE = 'PJSIP/agent7';
const CITIZEN = '05321234567';
const ANSWER = 'Kartınıza yüklenen 100 TL bakiye tanımlandı; kartı bir validöre okutmanız yeterli. Çağrınız için teşekkür ederiz.';

/** The whole loop on the screens: call → ticket → department answer → the agent tells the citizen. */
describe('the request lifecycle end to end in Chromium: relay list, callback, SMS', function () {
  this.timeout(90_000);
  let system: System;
  let smsc: Smsc;
  let desk: Page;
  let department: Page;
  let errors: string[];

  const chromium = useChromium();

  beforeEach(async () => {
    smsc = await startSmsc({ ...SMSC_LOGIN, receiptDelayMs: 50 });
    system = await startSystem({ agents: 0, wrapUpS: 1, smsc: { port: smsc.port, ...SMSC_LOGIN } });
    // The desk phone answers a queue call or a callback's first leg after 100 ms and never hangs up by itself.
    system.sim.addAgent({ interface: DESK_PHONE, name: 'Zeynep Kılıç', answerAfterMs: 10_000, talkMs: 100_000_000 });
    await signIn(system, 'agent', 'zeynep', DESK_PHONE);
    await system.app.auth.users.create({ username: 'ulasim-birim', displayName: 'Ulaşım Birimi', role: 'department', password: TEST_PASSWORD, department: 'kayseri-ulasim' });
    desk = await openScreen(chromium());
    department = await openScreen(chromium());
    errors = collectPageErrors(desk);
  });

  afterEach(async () => {
    await desk?.context().close();
    await department?.context().close();
    await system.stop();
    await smsc.close();
  });

  const logIn = (page: Page, username: string): Promise<void> => logInWithForm(page, system.app.url, username, { next: '/desk', ready: true });

  /** The department's screen: open the ticket, take `action` with `text`. */
  async function departmentActs(number: string, action: 'accept' | 'answer', text: string): Promise<void> {
    const row = department.locator(`[data-testid="department-ticket-${number}"]`);
    await row.waitFor();
    await row.click();
    await department.locator(`[data-testid="dept-action-${action}"]`).click();
    if (text) await department.fill('[data-testid="dept-action-text"]', text);
    await department.click('[data-testid="dept-action-submit"]');
    const wanted = action === 'accept' ? 'in_progress' : 'answered';
    await waitFor(async () => (await system.app.store.getTicket(number))?.status === wanted, 10_000, `the ticket ${wanted}`);
  }

  const item = (number: string) => desk.locator(`[data-testid="relay-item-${number}"]`);
  const historyKinds = async (number: string) => (await system.app.store.getTicket(number))!.events.map((event) => event.kind);

  it('takes a call to a forwarded ticket, shows the department answer live, calls the citizen back and closes it as informed', async () => {
    await logIn(desk, 'zeynep');
    await desk.click('[data-testid="shift-start"]');
    await desk.waitForFunction(() => /Hazır/.test(document.querySelector('[data-testid="status-badge"]')?.textContent ?? ''));
    const call = system.sim.placeCall({ callerNumber: CITIZEN, callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    await desk.waitForSelector('[data-testid="pop-ticket"]:not(:empty)');
    const number = (await desk.textContent('[data-testid="pop-ticket"]'))!.trim();
    await desk.waitForFunction(() => (document.querySelector('#f-category') as HTMLSelectElement | null)?.value === 'ulasim');
    await desk.selectOption('#f-district', 'Talas');
    await desk.fill('#f-description', 'Kentkart bakiyesi yüklendi ama kartta görünmüyor.');
    await desk.check('input[name="outcome"][value="forwarded"]');
    await desk.click('#f-save');
    await waitFor(async () => (await system.app.store.getTicket(number))?.status === 'forwarded', 10_000, 'the ticket forwarded');
    call.hangup();

    await desk.click('[data-testid="tab-relay"]');
    await desk.waitForSelector('[data-testid="relay-panel"]:not([hidden])');
    expect(await desk.textContent('[data-testid="relay-count"]')).to.equal('0');

    await logIn(department, 'ulasim-birim');
    await departmentActs(number, 'accept', '');
    await departmentActs(number, 'answer', ANSWER);

    // Live: no reload on the desk.
    await item(number).waitFor();
    expect(await item(number).locator('[data-testid="relay-text"]').textContent()).to.equal(ANSWER);
    expect(await item(number).locator('.relay-department').textContent()).to.equal('Kayseri Ulaşım A.Ş.');
    expect(await item(number).locator('[data-testid="relay-attempts"]').textContent()).to.equal('Deneme: 0');
    expect(await desk.textContent('[data-testid="relay-count"]')).to.equal('1');
    expect(await desk.textContent('[data-testid="relay-counts"]')).to.include('1 cevap');
    expect(await item(number).textContent()).not.to.include(CITIZEN);
    await screenshot(desk, 'lifecycle-relay-list');

    // "Ara": the agent's phone, then the citizen's; the item shows each phase.
    // Simulated time runs at 0.01: the citizen rings 100 ms (inside relay.callback.citizenRingS) and talks 3 s.
    system.sim.setTrunk(CITIZEN, { result: 'answer', ringMs: 10_000, talkMs: 300_000 });
    await desk.evaluate(`(() => {
      const seen = [];
      window.relayPhases = seen;
      new MutationObserver(() => {
        const phase = document.querySelector('[data-testid="relay-item-${number}"] [data-testid="relay-progress"]')?.getAttribute('data-phase');
        if (phase && seen[seen.length - 1] !== phase) seen.push(phase);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-phase'], childList: true, characterData: true });
    })()`);
    await item(number).locator('[data-testid="relay-call"]').click();
    await desk.waitForFunction((n) => /Bitti: görüşüldü/.test(document.querySelector(`[data-testid="relay-item-${n}"] [data-testid="relay-progress"]`)?.textContent ?? ''), number, { timeout: 20_000 });
    const phases = (await desk.evaluate('window.relayPhases')) as string[];
    expect(phases[0]).to.equal('dialling');
    expect(phases).to.include.members(['agent-ringing', 'talking', 'ended']);
    expect(phases.indexOf('talking')).to.be.above(phases.indexOf('agent-ringing'));
    await waitFor(async () => (await historyKinds(number)).includes('callback-attempt'), 5000, 'the callback in the history');

    await item(number).locator('[data-testid="relay-channel"]').selectOption('phone');
    await item(number).locator('[data-testid="relay-informed"]').click();
    await item(number).waitFor({ state: 'detached' });
    expect(await desk.textContent('[data-testid="relay-count"]')).to.equal('0');
    const closed = (await system.app.store.getTicket(number))!;
    expect(closed).to.include({ status: 'closed', closeReason: 'informed' });
    const steps = ['opened', 'forwarded', 'accepted', 'answered', 'callback-attempt', 'informed'];
    expect((await historyKinds(number)).filter((kind) => steps.includes(kind))).to.deep.equal(steps);

    // The history, in Turkish sentences on the desk's ticket panel.
    await desk.click('[data-testid="tab-desk"]');
    await desk.fill('#search', number);
    await desk.locator('[data-testid="search-results"] button, [data-testid="search-results"] li').first().click();
    await desk.waitForSelector('[data-testid="panel-events"] .history-line');
    const lines = await desk.$$eval('[data-testid="panel-events"] .history-what', (nodes) => nodes.map((node) => node.textContent ?? ''));
    const story = lines.join('\n');
    expect(story).to.include("Kayseri Ulaşım A.Ş.'ye iletildi");
    expect(story).to.include(`: ${ANSWER}`);
    expect(story).to.include('Geri arama: cevaplandı');
    expect(story).to.include('Vatandaş bilgilendirildi (telefon)');
    expect(story).not.to.match(/callback-attempt|informed|answered/);
    await screenshot(desk, 'lifecycle-relay-history');
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });

  it('sends the answer by SMS from the desk, shows the receipt in the history and closes the ticket as informed by SMS', async () => {
    const agent = { userId: 1, username: 'zeynep', role: 'agent' as const };
    const opened = await system.app.editor.create({ source: 'desk', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', callerNumber: CITIZEN, description: 'Kart bakiyesi görünmüyor.' }, agent);
    const number = opened.number;
    const vet = { kind: 'user' as const, userId: 99, username: 'ulasim-birim', role: 'department' as const, department: 'kayseri-ulasim' };
    await system.app.requests.service.act(number, { name: 'answer', text: ANSWER }, vet);
    // The forward's "opened" SMS and the answer's own SMS went out by themselves.
    await waitFor(() => smsc.messages().filter((message) => message.complete).length === 2, 10_000, 'the automatic SMS at the SMSC');

    await logIn(desk, 'zeynep');
    await desk.click('[data-testid="tab-relay"]');
    await item(number).waitFor();
    await item(number).locator('[data-testid="relay-sms"]').click();
    await desk.waitForFunction((n) => /SMS gönderim sırasına alındı/.test(document.querySelector(`[data-testid="relay-item-${n}"] [data-testid="relay-progress"]`)?.textContent ?? ''), number);
    // The automatic answer-ready SMS and the desk's: the same Turkish text, in UCS-2 (data_coding 8), every part there.
    const answerText = `Alo 153: ${number} numaralı talebinize ilgili birimin cevabı: ${ANSWER}`;
    await waitFor(() => smsc.messages().filter((message) => message.complete && message.text === answerText).length === 2, 10_000, 'the desk SMS at the SMSC');
    expect(smsc.messages()).to.have.length(3);
    expect(smsc.received.every((part) => part.dataCoding === 8 && part.destination === '905321234567'), 'UCS-2 to the mobile').to.equal(true);
    await waitFor(async () => (await system.app.store.getTicket(number))!.events.filter((event) => event.kind === 'sms-delivered').length === 3, 10_000, 'three delivery receipts noted');
    expect(await historyKinds(number)).to.include('sms-requested');

    // A second press for the same answer sends nothing new.
    await item(number).locator('[data-testid="relay-sms"]').click();
    await desk.waitForFunction((n) => /zaten gönderildi/.test(document.querySelector(`[data-testid="relay-item-${n}"] [data-testid="relay-progress"]`)?.textContent ?? ''), number);
    expect(smsc.messages()).to.have.length(3);

    await item(number).locator('[data-testid="relay-channel"]').selectOption('sms');
    await item(number).locator('[data-testid="relay-informed"]').click();
    await item(number).waitFor({ state: 'detached' });
    const closed = (await system.app.store.getTicket(number))!;
    expect(closed).to.include({ status: 'closed', closeReason: 'informed' });
    expect(closed.events.find((event) => event.kind === 'informed')?.data).to.include({ channel: 'sms' });

    await desk.click('[data-testid="tab-desk"]');
    await desk.fill('#search', number);
    await desk.locator('[data-testid="search-results"] button, [data-testid="search-results"] li').first().click();
    await desk.waitForSelector('[data-testid="panel-events"] .history-line');
    const story = (await desk.$$eval('[data-testid="panel-events"] .history-what', (nodes) => nodes.map((node) => node.textContent ?? ''))).join('\n');
    expect(story).to.include('SMS iletildi');
    expect(story).to.include('Vatandaş bilgilendirildi (SMS)');
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });

  it('lists a caller who hung up waiting, calls them back from the list and opens their ticket with "Yeni talep aç"', async () => {
    await logIn(desk, 'zeynep');
    await desk.click('[data-testid="tab-relay"]');
    // Nobody is on shift: the caller waits in the queue and gives up.
    const call = system.sim.placeCall({ callerNumber: CITIZEN, callerName: '', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    const stored = await waitForCallEnd(system, call.channelId);
    call.hangup();
    const abandoned = desk.locator(`[data-testid="relay-abandoned-${stored.id}"]`);
    await abandoned.waitFor({ timeout: 5000 });
    expect(await abandoned.locator('.relay-caller').textContent()).to.equal('*********67');
    expect(await abandoned.locator('.relay-calls').textContent()).to.equal('1 kez kapattı');
    expect(await abandoned.locator('[data-testid="relay-new-ticket"]').isVisible()).to.equal(false);

    system.sim.setTrunk(CITIZEN, { result: 'answer', ringMs: 10_000, talkMs: 100_000 });
    await abandoned.locator('[data-testid="relay-call"]').click();
    await desk.waitForFunction((id) => /Bitti: görüşüldü/.test(document.querySelector(`[data-testid="relay-abandoned-${id}"] [data-testid="relay-progress"]`)?.textContent ?? ''), stored.id, { timeout: 20_000 });
    // The answered callback takes the number off the server's list; the item stays for what comes next.
    await system.app.relay.refresh();
    expect(system.app.hub.snapshot('relay').entries[`abandoned:${stored.id}`]).to.equal(undefined);
    await abandoned.locator('[data-testid="relay-new-ticket"]').click();
    await abandoned.waitFor({ state: 'detached' });
    await desk.waitForFunction((n) => (document.querySelector('[data-testid="form-title"]')?.textContent ?? '').includes(n), stored.ticketNumber!);
    expect(await desk.isVisible('[data-testid="ticket-form"]')).to.equal(true);
  });

  it('refuses "SMS gönder" for a landline with a Turkish reason', async () => {
    const agent = { userId: 1, username: 'zeynep', role: 'agent' as const };
    const opened = await system.app.editor.create({ source: 'desk', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', callerNumber: '03522221234', description: 'Sabit hattan arayan.' }, agent);
    await system.app.requests.service.act(opened.number, { name: 'answer', text: 'Cevap' }, { kind: 'user', userId: 99, username: 'u', role: 'department', department: 'kayseri-ulasim' });
    await logIn(desk, 'zeynep');
    await desk.click('[data-testid="tab-relay"]');
    await item(opened.number).waitFor();
    const button = item(opened.number).locator('[data-testid="relay-sms"]');
    expect(await button.isDisabled()).to.equal(true);
    expect(await button.getAttribute('title')).to.equal('Numara bir cep telefonu değil (sabit hat ya da yurt dışı): SMS gönderilemez, arayın.');
  });
});
