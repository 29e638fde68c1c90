import { expect } from 'chai';
import type { PopTicketSummary, ScreenPop } from '../../src/agents/desk-protocol.js';
import { ScreenPops, type PopSources } from '../../src/agents/screen-pops.js';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import type { CallView, TicketView } from '../../src/requests/ticket-store-type.js';
import { shippedIvr } from './ivr-driver.js';

const at = Date.parse('2026-11-28T10:00:00+03:00');
const call: CallView = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  channelId: '1795888.42',
  linkedid: '1795888.42',
  callerNumber: '05321234567',
  callerName: 'Gülşen Çağlar',
  startedAt: new Date(at - 60_000),
  answeredAt: new Date(at - 59_000),
  queuedAt: new Date(at - 20_000),
  leftIvrAt: new Date(at - 19_000),
  agentConnectedAt: null,
  endedAt: null,
  ivrPath: [
    { at: '2026-11-28T06:59:02.000Z', menu: 'main', event: 'enter' },
    { at: '2026-11-28T06:59:10.000Z', menu: 'ulasim', event: 'enter' },
    { at: '2026-11-28T06:59:15.000Z', menu: 'ulasim', event: 'selected', digits: '2', target: 'alo153-kentkart' },
  ],
  lastStep: 'ulasim:selected',
  queue: 'alo153-kentkart',
  agent: null,
  agentName: null,
  waitS: null,
  talkS: null,
  outcome: 'handed-to-queue',
  ticketNumber: '153-2026-000042',
  createdAt: new Date(at - 60_000),
  updatedAt: new Date(at - 20_000),
};
const ticket = { number: '153-2026-000042', status: 'open', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', description: null, createdAt: new Date(at - 59_000), updatedAt: new Date(at - 20_000), version: 3 } as TicketView;
const earlier: PopTicketSummary = { number: '153-2026-000007', status: 'forwarded', categoryCode: 'ulasim-sefer', departmentCode: 'kayseri-ulasim', description: 'Durak tabelası kırık', createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-21T08:00:00.000Z' };

const connect = (iface: string, uniqueid = call.channelId): QueueEvent => ({ kind: 'agentConnect', at, queue: 'alo153-kentkart', uniqueid, linkedid: uniqueid, member: { interface: iface, name: 'Ajan' }, holdTimeS: 20, ringTimeS: 2 });

describe('screen pops', () => {
  let delivered: Array<{ userId: number; pop: ScreenPop }>;
  let owners: Array<[string, number]>;
  let pops: ScreenPops;
  const sources: PopSources = {
    userIdByInterface: async (iface) => ({ 'PJSIP/agent1': 11, 'PJSIP/agent2': 12 })[iface],
    callByChannel: async (id) => (id === call.channelId ? call : undefined),
    ticket: async (number) => (number === ticket.number ? ticket : undefined),
    history: async (phone, exclude) => (phone === call.callerNumber && exclude === ticket.number ? [earlier] : []),
    assignOwner: async (number, userId) => void owners.push([number, userId]),
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

  beforeEach(() => {
    delivered = [];
    owners = [];
    pops = new ScreenPops({ sources, ivr: () => shippedIvr, deliver: (userId, pop) => delivered.push({ userId, pop }), logger: createTestLogger() });
  });

  it('pops the call, its ticket, the IVR choices and the caller\'s earlier tickets to the connected agent only', async () => {
    pops.handle(connect('PJSIP/agent1'));
    await settle();
    expect(delivered.map((d) => d.userId)).to.deep.equal([11]);
    const pop = delivered[0]!.pop;
    expect(pop).to.deep.include({ uniqueid: call.channelId, callId: call.id, callerNumber: '05321234567', callerName: 'Gülşen Çağlar', queue: 'alo153-kentkart' });
    expect(pop.ivrChoices).to.deep.equal(['Ulaşım', 'Kentkart / seyahat kartı']);
    expect(pop.ticket).to.deep.include({ number: '153-2026-000042', version: 3 });
    expect(pop.history.map((t) => t.number)).to.deep.equal(['153-2026-000007']);
    expect(owners).to.deep.equal([['153-2026-000042', 11]]);
  });

  it('labels the IVR choices with the menu in use when the call pops, so an admin\'s relabelling shows at once', async () => {
    const relabelled = structuredClone(shippedIvr);
    const main = relabelled.menus.main;
    if (!main) throw new Error('the shipped menu has no main menu');
    main.options['1'] = { ...main.options['1']!, label: 'Toplu taşıma' } as (typeof main.options)[string];
    let menu = shippedIvr;
    pops = new ScreenPops({ sources, ivr: () => menu, deliver: (userId, pop) => delivered.push({ userId, pop }), logger: createTestLogger() });
    menu = relabelled;
    pops.handle(connect('PJSIP/agent1'));
    await settle();
    expect(delivered[0]!.pop.ivrChoices).to.deep.equal(['Toplu taşıma', 'Kentkart / seyahat kartı']);
  });

  it('keeps the pop for a desk that reconnects during the call, and drops it at AgentComplete', async () => {
    pops.handle(connect('PJSIP/agent1'));
    await settle();
    expect(pops.currentFor(11)?.uniqueid).to.equal(call.channelId);
    expect(pops.currentFor(12)).to.equal(undefined);
    pops.handle({ kind: 'agentComplete', at: at + 60_000, queue: 'alo153-kentkart', uniqueid: call.channelId, linkedid: call.channelId, member: { interface: 'PJSIP/agent1', name: 'Ajan' }, holdTimeS: 20, talkTimeS: 60, reason: 'caller' });
    expect(pops.currentFor(11)).to.equal(undefined);
  });

  it('logs and counts a pop for an interface no user has, without throwing', async () => {
    pops.handle(connect('PJSIP/agent99'));
    await settle();
    expect(delivered).to.deep.equal([]);
    expect(pops.stats).to.deep.include({ noUser: 1, delivered: 0 });
  });

  it('still pops a call it has no record of (IVR bypassed), with what AMI said', async () => {
    pops.handle(connect('PJSIP/agent2', '1795888.99'));
    await settle();
    expect(delivered[0]).to.deep.include({ userId: 12 });
    expect(delivered[0]!.pop).to.deep.include({ callerNumber: null, ticket: null, history: [], ivrChoices: [] });
  });
});
