import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { newchannel, queueMemberAdded, type AmiChannel } from '../../src/simulator/ami/ami-events.js';
import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';
import type { AmiQueueBackend, AmiResult, QueueStatusView, QueueSummaryView } from '../../src/simulator/ami/ami-queue-backend.js';
import { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import { AmiServer } from '../../src/simulator/ami/ami-server.js';

const USER = 'alo153';
const SECRET = 'alo153secret';
const TIMESTAMP = /^\d{10}\.\d{6}$/;

const keys = (msg: AmiMessage): string[] => msg.map(([key]) => key);
const value = (msg: AmiMessage, key: string): string | undefined => msg.find(([k]) => k === key)?.[1];
const isEvent = (name: string) => (msg: AmiMessage): boolean => msg[0]?.[0] === 'Event' && msg[0][1] === name;

const GENEL: QueueStatusView = {
  queue: 'alo153-genel',
  max: 0,
  strategy: 'rrmemory',
  calls: 1,
  holdtime: 7,
  talkTime: 5,
  completed: 2,
  abandoned: 1,
  serviceLevel: 0,
  servicelevelPerf: 0,
  servicelevelPerf2: 0,
  weight: 0,
  members: [
    { name: 'Agent 1', location: 'PJSIP/agent1', stateInterface: 'PJSIP/agent1', membership: 'static', penalty: 0, callsTaken: 1, lastCall: 1795888894, lastPause: 0, loginTime: 1795888887, inCall: 0, status: 5, paused: 0, pausedReason: '', wrapuptime: 0 },
  ],
  entries: [
    { position: 1, channel: 'PJSIP/citizen-00000008', uniqueid: '1795888972.8', callerIdNum: '05321234567', callerIdName: '', connectedLineNum: '', connectedLineName: '', wait: 2, priority: 0 },
  ],
};
const SUMMARY: QueueSummaryView = { queue: 'alo153-genel', loggedIn: 0, available: 0, callers: 1, holdTime: 7, talkTime: 5, longestHoldTime: 2 };

class FakeBackend implements AmiQueueBackend {
  readonly calls: unknown[] = [];
  constructor(private readonly onAdd: () => void = () => undefined) {}
  queueStatus(filter: { queue?: string; member?: string }): QueueStatusView[] {
    this.calls.push({ queueStatus: filter });
    return [GENEL];
  }
  queueSummary(queue?: string): QueueSummaryView[] {
    this.calls.push({ queueSummary: queue });
    return [SUMMARY];
  }
  queueAdd(p: Parameters<AmiQueueBackend['queueAdd']>[0]): AmiResult {
    this.calls.push({ queueAdd: p });
    this.onAdd();
    return { ok: true, message: 'Added interface to queue' };
  }
  queueRemove(p: { queue: string; iface: string }): AmiResult {
    this.calls.push({ queueRemove: p });
    return { ok: false, message: 'Member not dynamic' };
  }
  queuePause(p: { iface: string; queue?: string; paused: boolean; reason?: string }): AmiResult {
    this.calls.push({ queuePause: p });
    return { ok: true, message: 'Interface paused successfully' };
  }
}

describe('simulator AMI server over raw TCP', () => {
  let server: AmiServer;
  let port: number;
  let backend: FakeBackend;
  const clients: AmiRawClient[] = [];

  async function connect(): Promise<AmiRawClient> {
    const client = await AmiRawClient.connect(port);
    clients.push(client);
    return client;
  }
  async function loggedIn(): Promise<AmiRawClient> {
    const client = await connect();
    await client.login(USER, SECRET);
    await client.next(isEvent('SuccessfulAuth'));
    return client;
  }

  beforeEach(async () => {
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: USER, secret: SECRET, logger: createTestLogger(), authFailureDelayMs: 100, bootDelayMs: 60 });
    backend = new FakeBackend(() => server.publish(queueMemberAdded('alo153-genel', { memberName: 'Agent 2', interface: 'Local/agent2@agents', stateInterface: 'PJSIP/agent2', membership: 'dynamic', penalty: 1, callsTaken: 0, lastCall: 0, lastPause: 0, loginTime: 1795888974, inCall: 0, status: 5, paused: 0, pausedReason: '', ringinuse: 0, wrapuptime: 0 })));
    server.setBackend(backend);
    port = await server.start();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.stop();
  });

  it('greets with the single banner line and nothing else', async () => {
    const client = await connect();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(Buffer.concat(client.chunks).toString('utf8')).to.equal('Asterisk Call Manager/11.0.0\r\n');
  });

  it('accepts a good login, then sends FullyBooted without Timestamp and SuccessfulAuth with one', async () => {
    const client = await connect();
    const reply = await client.login(USER, SECRET, 'login-1');
    expect(reply).to.deep.equal([['Response', 'Success'], ['ActionID', 'login-1'], ['Message', 'Authentication accepted']]);
    const booted = await client.next(isEvent('FullyBooted'));
    expect(keys(booted)).to.deep.equal(['Event', 'Privilege', 'Uptime', 'LastReload', 'Status']);
    const auth = await client.next(isEvent('SuccessfulAuth'));
    expect(keys(auth).slice(0, 4)).to.deep.equal(['Event', 'Privilege', 'Timestamp', 'EventTV']);
    expect(client.received.indexOf(booted)).to.be.lessThan(client.received.indexOf(auth));
    expect(server.sessionCount).to.equal(1);
  });

  it('answers a bad secret with Error after the delay and closes, while others see InvalidPassword', async () => {
    const watcher = await loggedIn();
    const bad = await connect();
    const started = Date.now();
    const reply = await bad.login(USER, 'wrong-password', 'login-bad');
    expect(Date.now() - started).to.be.at.least(90);
    expect(reply).to.deep.equal([['Response', 'Error'], ['ActionID', 'login-bad'], ['Message', 'Authentication failed']]);
    await bad.waitClosed();
    expect(bad.endedCleanly).to.equal(true);
    const invalid = await watcher.next(isEvent('InvalidPassword'));
    expect(value(invalid, 'AccountID')).to.equal(USER);
  });

  it('refuses actions before login with Permission denied', async () => {
    const client = await connect();
    expect(await client.request([['Action', 'QueueStatus'], ['ActionID', 'early']])).to.deep.equal([['Response', 'Error'], ['ActionID', 'early'], ['Message', 'Permission denied']]);
  });

  it('answers Ping with and without ActionID', async () => {
    const client = await loggedIn();
    const withId = await client.request([['Action', 'Ping'], ['ActionID', 'ping-1']]);
    expect(keys(withId)).to.deep.equal(['Response', 'ActionID', 'Ping', 'Timestamp']);
    expect(value(withId, 'Timestamp')).to.match(TIMESTAMP);
    const withoutId = await client.request([['Action', 'Ping']]);
    expect(keys(withoutId)).to.deep.equal(['Response', 'Ping', 'Timestamp']);
  });

  it('lists QueueStatus as ack, params, members, entries each ending with ActionID, then Complete', async () => {
    const client = await loggedIn();
    const from = client.received.length;
    client.send([['Action', 'QueueStatus'], ['Queue', 'alo153-genel'], ['ActionID', 'qstat-1']]);
    await client.next(isEvent('QueueStatusComplete'), 2000, from);
    const list = client.received.slice(from);
    expect(list.map((m) => m[0]?.[1])).to.deep.equal(['Success', 'QueueParams', 'QueueMember', 'QueueEntry', 'QueueStatusComplete']);
    expect(list[0]).to.deep.equal([['Response', 'Success'], ['ActionID', 'qstat-1'], ['EventList', 'start'], ['Message', 'Queue status will follow']]);
    expect(keys(list[1] ?? [])).to.deep.equal(['Event', 'Queue', 'Max', 'Strategy', 'Calls', 'Holdtime', 'TalkTime', 'Completed', 'Abandoned', 'ServiceLevel', 'ServicelevelPerf', 'ServicelevelPerf2', 'Weight', 'ActionID']);
    expect(value(list[1] ?? [], 'ServicelevelPerf')).to.equal('0.0');
    expect(keys(list[2] ?? [])).to.deep.equal(['Event', 'Queue', 'Name', 'Location', 'StateInterface', 'Membership', 'Penalty', 'CallsTaken', 'LastCall', 'LastPause', 'LoginTime', 'InCall', 'Status', 'Paused', 'PausedReason', 'Wrapuptime', 'ActionID']);
    expect(list[3]).to.deep.equal([
      ['Event', 'QueueEntry'], ['Queue', 'alo153-genel'], ['Position', '1'], ['Channel', 'PJSIP/citizen-00000008'], ['Uniqueid', '1795888972.8'],
      ['CallerIDNum', '05321234567'], ['CallerIDName', 'unknown'], ['ConnectedLineNum', 'unknown'], ['ConnectedLineName', 'unknown'],
      ['Wait', '2'], ['Priority', '0'], ['ActionID', 'qstat-1'],
    ]);
    expect(list[4]).to.deep.equal([['Event', 'QueueStatusComplete'], ['ActionID', 'qstat-1'], ['EventList', 'Complete'], ['ListItems', '3']]);
    expect(backend.calls).to.deep.include({ queueStatus: { queue: 'alo153-genel' } });
  });

  it('filters QueueStatus by Member and lists QueueSummary with its Complete', async () => {
    const client = await loggedIn();
    let from = client.received.length;
    client.send([['Action', 'QueueStatus'], ['Member', 'PJSIP/nobody'], ['ActionID', 'qm']]);
    const done = await client.next(isEvent('QueueStatusComplete'), 2000, from);
    expect(value(done, 'ListItems')).to.equal('2');
    expect(client.received.slice(from).some(isEvent('QueueMember'))).to.equal(false);
    from = client.received.length;
    client.send([['Action', 'QueueSummary'], ['ActionID', 'qsum']]);
    await client.next(isEvent('QueueSummaryComplete'), 2000, from);
    const list = client.received.slice(from);
    expect(list[0]).to.deep.equal([['Response', 'Success'], ['ActionID', 'qsum'], ['EventList', 'start'], ['Message', 'Queue summary will follow']]);
    expect(keys(list[1] ?? [])).to.deep.equal(['Event', 'Queue', 'LoggedIn', 'Available', 'Callers', 'HoldTime', 'TalkTime', 'LongestHoldTime', 'ActionID']);
    expect(list[2]).to.deep.equal([['Event', 'QueueSummaryComplete'], ['ActionID', 'qsum'], ['EventList', 'Complete'], ['ListItems', '1']]);
  });

  it('checks mandatory headers and delegates QueueAdd/Remove/Pause to the backend', async () => {
    const client = await loggedIn();
    expect(value(await client.request([['Action', 'QueueAdd'], ['Queue', 'alo153-genel'], ['ActionID', 'a0']]), 'Message')).to.equal("'Interface' not specified.");
    expect(value(await client.request([['Action', 'QueuePause'], ['Paused', 'true'], ['ActionID', 'p0']]), 'Message')).to.equal("Need 'Interface' and 'Paused' parameters.");
    expect(value(await client.request([['Action', 'QueueRemove'], ['Queue', 'alo153-genel'], ['ActionID', 'r0']]), 'Message')).to.equal("Need 'Queue' and 'Interface' parameters.");
    const from = client.received.length;
    const added = await client.request([['Action', 'QueueAdd'], ['Queue', 'alo153-genel'], ['Interface', 'Local/agent2@agents'], ['MemberName', 'Agent 2'], ['Penalty', '1'], ['Paused', 'false'], ['ActionID', 'a1']]);
    expect(added).to.deep.equal([['Response', 'Success'], ['ActionID', 'a1'], ['Message', 'Added interface to queue']]);
    const event = await client.next(isEvent('QueueMemberAdded'), 2000, from);
    expect(keys(event).slice(0, 3)).to.deep.equal(['Event', 'Privilege', 'Timestamp']);
    expect(value(await client.request([['Action', 'QueueRemove'], ['Queue', 'alo153-genel'], ['Interface', 'PJSIP/agent1'], ['ActionID', 'r1']]), 'Response')).to.equal('Error');
    await client.request([['Action', 'QueuePause'], ['Interface', 'PJSIP/agent1'], ['Paused', 'yes'], ['Reason', 'öğle arası'], ['ActionID', 'p1']]);
    expect(backend.calls).to.deep.include({ queueAdd: { queue: 'alo153-genel', iface: 'Local/agent2@agents', memberName: 'Agent 2', penalty: 1, paused: false } });
    expect(backend.calls).to.deep.include({ queuePause: { iface: 'PJSIP/agent1', paused: true, reason: 'öğle arası' } });
  });

  it('answers an unknown action with the Asterisk text and reports RequestBadFormat', async () => {
    const client = await loggedIn();
    const from = client.received.length;
    const reply = await client.request([['Action', 'NoSuchAction'], ['ActionID', 'bogus-1']]);
    expect(reply).to.deep.equal([['Response', 'Error'], ['ActionID', 'bogus-1'], ['Message', 'Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.']]);
    const bad = await client.next(isEvent('RequestBadFormat'), 2000, from);
    expect(value(bad, 'RequestType')).to.equal('Action: NoSuchAction');
  });

  it('publishes with a Timestamp after Privilege, only to sessions that want events', async () => {
    const listening = await loggedIn();
    const quiet = await connect();
    await quiet.request([['Action', 'Login'], ['Username', USER], ['Secret', SECRET], ['Events', 'off'], ['ActionID', 'q']]);
    const ch: AmiChannel = { channel: 'PJSIP/citizen-00000001', channelState: 4, channelStateDesc: 'Ring', callerIdNum: '05321234567', callerIdName: '', connectedLineNum: '', connectedLineName: '', language: 'tr', accountCode: '', context: 'from-citizens', exten: '153', priority: 1, uniqueid: '1795888883.1', linkedid: '1795888883.1' };
    server.publish(newchannel(ch));
    const event = await listening.next(isEvent('Newchannel'));
    expect(keys(event).slice(0, 4)).to.deep.equal(['Event', 'Privilege', 'Timestamp', 'Channel']);
    expect(value(event, 'Timestamp')).to.match(TIMESTAMP);
    expect((await quiet.request([['Action', 'Ping'], ['ActionID', 'after']]))[0]).to.deep.equal(['Response', 'Success']);
    expect(quiet.received.some(isEvent('Newchannel'))).to.equal(false);
  });

  it('says goodbye on Logoff and closes with FIN', async () => {
    const client = await loggedIn();
    expect(await client.request([['Action', 'Logoff'], ['ActionID', 'bye']])).to.deep.equal([['Response', 'Goodbye'], ['ActionID', 'bye'], ['Message', 'Thanks for all the fish.']]);
    await client.waitClosed();
    expect(client.endedCleanly).to.equal(true);
  });

  it('drops every connection abruptly on dropConnections', async () => {
    const a = await loggedIn();
    const b = await connect();
    server.dropConnections();
    await Promise.all([a.waitClosed(), b.waitClosed()]);
    expect(a.endedCleanly).to.equal(false);
  });

  it('sends Shutdown then FIN on restart, and FullyBooted with Timestamp after the next login', async () => {
    const client = await loggedIn();
    server.shutdown(true);
    const event = await client.next(isEvent('Shutdown'));
    expect(event.slice(3)).to.deep.equal([['Shutdown', 'Cleanly'], ['Restart', 'True']]);
    expect(keys(event)).to.deep.equal(['Event', 'Privilege', 'Timestamp', 'Shutdown', 'Restart']);
    await client.waitClosed();
    expect(client.endedCleanly).to.equal(true);

    const again = await connect();
    await again.login(USER, SECRET, 'login-2');
    await again.next(isEvent('SuccessfulAuth'));
    expect(again.received.some(isEvent('FullyBooted'))).to.equal(false);
    const booted = await again.next(isEvent('FullyBooted'), 1000);
    expect(keys(booted)).to.deep.equal(['Event', 'Privilege', 'Timestamp', 'Status', 'Uptime', 'LastReload']);
    expect(value(booted, 'Uptime')).to.equal('0');
  });

  it('refuses connections while not accepting, and greets again afterwards', async () => {
    server.setAccepting(false);
    // The reset can beat the client's 'connect' event, so either outcome counts as refused; a banner does not.
    const outcome = await AmiRawClient.connect(port).then(
      async (client) => {
        clients.push(client);
        await client.waitClosed();
        return client.banner ?? 'closed';
      },
      (err: Error) => err.message,
    );
    expect(outcome).to.match(/closed|ECONNRESET/);
    server.setAccepting(true);
    const accepted = await connect();
    await accepted.request([['Action', 'Ping']]).catch(() => undefined);
    expect(accepted.banner).to.equal('Asterisk Call Manager/11.0.0\r\n');
  });
});
