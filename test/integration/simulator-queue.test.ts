import net from 'node:net';
import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';

type AmiFields = Record<string, string>;

/** Logs in over a raw TCP socket and collects every event as a key/value record. */
async function amiEvents(port: number): Promise<{ events: AmiFields[]; socket: net.Socket }> {
  const socket = net.connect(port, '127.0.0.1');
  const events: AmiFields[] = [];
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 4);
      const fields: AmiFields = {};
      for (const line of block.split('\r\n')) {
        const colon = line.indexOf(': ');
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 2);
      }
      if (fields.Event) events.push(fields);
    }
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('Action: Login\r\nUsername: alo153\r\nSecret: secret\r\n\r\n');
  return { events, socket };
}

const QUEUES = `[general]
persistentmembers = no

[alo153-genel]
strategy = rrmemory
timeout = 15
retry = 5
wrapuptime = 0
joinempty = yes
ringinuse = no
member => PJSIP/agent2,0,Ajan 2,PJSIP/agent2
member => PJSIP/agent3,0,Ajan 3,PJSIP/agent3

[alo153-cevre]
strategy = rrmemory
timeout = 15
retry = 5
member => PJSIP/agent3,0,Ajan 3,PJSIP/agent3
`;

const until = async (check: () => boolean, ms = 3000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** A simulator of its own whose alo153-genel keeps a member in wrap-up this many seconds after each call. */
const startWithWrapUp = (seconds: number): Promise<Simulator> =>
  startSimulator({
    username: 'alo153',
    password: 'secret',
    speed: 0.05,
    dialplanDir: makeDialplanDir(QUEUES.replace('wrapuptime = 0', `wrapuptime = ${seconds}`)),
    logger: createTestLogger(),
  });

describe('simulator app_queue over AMI', function () {
  let sim: Simulator;
  let ami: { events: AmiFields[]; socket: net.Socket };

  beforeEach(async () => {
    // Speed 0.05, not 0.01: the ring, retry and answer chain must stay well inside the queue's timeout on a loaded machine.
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.05, dialplanDir: makeDialplanDir(QUEUES), logger: createTestLogger() });
    ami = await amiEvents(sim.amiPort);
    await until(() => ami.events.some((e) => e.Event === 'FullyBooted'));
  });
  afterEach(async () => {
    ami.socket.destroy();
    await sim.stop();
  });

  const queueEvents = (): string[] =>
    ami.events
      .filter((e) => /^(Queue|Agent)/.test(e.Event ?? '') && e.Event !== 'QueueMemberStatus' ? true : e.Event === 'QueueMemberStatus' && e.Queue === 'alo153-genel')
      .map((e) => `${e.Event}${e.Status ? ` ${e.Status}` : ''}${e.Interface ? ` ${e.Interface}` : ''}${e.RingTime ? ` ring=${e.RingTime}` : ''}${e.Reason ? ` ${e.Reason}` : ''}`);

  it('rings agent2 without answer (RingTime in ms), retries, connects agent3 and completes in fact-5 order', async () => {
    sim.addAgent({ interface: 'PJSIP/agent2', name: 'Ajan 2', answerAfterMs: 0, talkMs: 0, noAnswer: true });
    sim.addAgent({ interface: 'PJSIP/agent3', name: 'Ajan 3', answerAfterMs: 2000, talkMs: 5000 });
    await until(() => ami.events.filter((e) => e.Event === 'QueueMemberStatus').length === 3);
    ami.events.length = 0;
    // No ARI app is connected: Stasis fails over to Queue(alo153-genel).
    const call = sim.placeCall({ callerNumber: '05321234567' });
    const end = await call.ended;
    // Queue(…,tc): the caller continues after the agent hung up; Stasis(alo153,after-queue) fails without an app, then Hangup().
    expect(end.cause).to.equal('dialplan');
    await until(() => ami.events.some((e) => e.Event === 'Hangup' && e.Uniqueid === call.channelId));
    expect(queueEvents()).to.deep.equal([
      'QueueCallerJoin',
      'AgentCalled PJSIP/agent2',
      'QueueMemberStatus 6 PJSIP/agent2',
      'AgentRingNoAnswer PJSIP/agent2 ring=15000',
      'QueueMemberStatus 1 PJSIP/agent2',
      'AgentCalled PJSIP/agent3',
      'QueueMemberStatus 6 PJSIP/agent3',
      'QueueCallerLeave',
      'AgentConnect PJSIP/agent3 ring=2',
      'QueueMemberStatus 2 PJSIP/agent3',
      'AgentComplete PJSIP/agent3 agent',
      'QueueMemberStatus 1 PJSIP/agent3',
    ]);
    const connect = ami.events.find((e) => e.Event === 'AgentConnect');
    expect(connect).to.include({ Linkedid: call.channelId, Uniqueid: call.channelId, Queue: 'alo153-genel' });
    // 15 s ring + 5 s retry + 2 s ring; at speed 0.01 a millisecond of timer jitter is 100 simulated ms,
    // and a loaded CI machine adds a few of them.
    expect(Number(connect?.HoldTime)).to.be.within(22, 25);
    expect(connect?.DestLinkedid).to.equal(call.channelId);
    expect(Number(ami.events.find((e) => e.Event === 'AgentComplete')?.TalkTime)).to.be.within(5, 6);
  });

  it('rings the next member when the retry timer fires, although the wall clock stepped back during the retry', async () => {
    sim.addAgent({ interface: 'PJSIP/agent2', name: 'Ajan 2', answerAfterMs: 0, talkMs: 0, noAnswer: true });
    sim.addAgent({ interface: 'PJSIP/agent3', name: 'Ajan 3', answerAfterMs: 2000, talkMs: 5000 });
    const realNow = Date.now;
    try {
      const call = sim.placeCall({ callerNumber: '05321234567' });
      await until(() => ami.events.some((e) => e.Event === 'AgentRingNoAnswer'));
      // An NTP step back (or libuv's loop clock, read before the arming callback ran) puts Date.now() behind the
      // retry timer: the timer, not the wall clock, must end the retry.
      const stepBack = realNow() - 1000;
      const base = realNow();
      Date.now = () => stepBack + (realNow() - base);
      await until(() => ami.events.some((e) => e.Event === 'AgentConnect' && e.Uniqueid === call.channelId));
      expect(ami.events.filter((e) => e.Event === 'AgentCalled').map((e) => e.Interface)).to.deep.equal(['PJSIP/agent2', 'PJSIP/agent3']);
      Date.now = realNow;
      expect((await call.ended).cause).to.equal('dialplan');
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps a member out of the queue for its wrap-up and rings it when the wrap-up timer ends, whatever the wall clock says', async () => {
    const wrapping = await startWithWrapUp(4);
    const events = await amiEvents(wrapping.amiPort);
    const realNow = Date.now;
    try {
      wrapping.addAgent({ interface: 'PJSIP/agent3', name: 'Ajan 3', answerAfterMs: 500, talkMs: 1000 });
      const first = wrapping.placeCall({ callerNumber: '05321234567' });
      await until(() => events.events.some((e) => e.Event === 'AgentComplete' && e.Uniqueid === first.channelId));
      const completedAt = realNow();
      const second = wrapping.placeCall({ callerNumber: '05329876543' });
      const stepBack = realNow() - 1000;
      Date.now = () => stepBack + (realNow() - completedAt);
      await until(() => events.events.some((e) => e.Event === 'AgentCalled' && e.Uniqueid === second.channelId));
      Date.now = realNow;
      // wrapuptime 4 s at speed 0.05: the second caller is not rung before 200 ms after the first call completed.
      expect(realNow() - completedAt).to.be.at.least(190);
      expect((await second.ended).cause).to.equal('dialplan');
    } finally {
      Date.now = realNow;
      events.socket.destroy();
      await wrapping.stop();
    }
  });

  it('ends every wrap-up when Asterisk restarts', async () => {
    const wrapping = await startWithWrapUp(600);
    try {
      wrapping.addAgent({ interface: 'PJSIP/agent3', name: 'Ajan 3', answerAfterMs: 500, talkMs: 1000 });
      await wrapping.placeCall({ callerNumber: '05321234567' }).ended;
      await wrapping.restartAsterisk({ refuseMs: 20, http404Ms: 20, notBootedMs: 20 });
      const events = await amiEvents(wrapping.amiPort);
      try {
        // 600 s of wrap-up is 30 s here: only the restart can have ended it.
        const next = wrapping.placeCall({ callerNumber: '05329876543' });
        await until(() => events.events.some((e) => e.Event === 'AgentConnect' && e.Uniqueid === next.channelId));
        await next.ended;
      } finally {
        events.socket.destroy();
      }
    } finally {
      await wrapping.stop();
    }
  });

  it('a caller hanging up while waiting gives QueueCallerAbandon then QueueCallerLeave', async () => {
    const call = sim.placeCall({ callerNumber: '05321234567', hangupAfterMs: 6000 });
    expect((await call.ended).cause).to.equal('caller');
    await until(() => ami.events.some((e) => e.Event === 'Hangup' && e.Uniqueid === call.channelId));
    const names = ami.events.map((e) => e.Event);
    const from = names.indexOf('HangupRequest');
    expect(names.slice(from, from + 5)).to.deep.equal(['HangupRequest', 'QueueCallerAbandon', 'QueueCallerLeave', 'SoftHangupRequest', 'Hangup']);
    expect(ami.events.find((e) => e.Event === 'QueueCallerAbandon')).to.include({ Position: '1', OriginalPosition: '1', Queue: 'alo153-genel' });
  });

  it('does not ring a busy agent for another queue (ringinuse=no)', async () => {
    sim.addAgent({ interface: 'PJSIP/agent3', name: 'Ajan 3', answerAfterMs: 1000, talkMs: 20000 });
    const first = sim.placeCall({ callerNumber: '05321234567' });
    await until(() => ami.events.some((e) => e.Event === 'AgentConnect'));
    const second = sim.placeCall({ callerNumber: '05329876543', hangupAfterMs: 5000 });
    await second.ended;
    expect(ami.events.filter((e) => e.Event === 'AgentCalled').map((e) => e.Uniqueid)).to.deep.equal([first.channelId]);
    await first.ended;
  });
});
