import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';
import type { AmiQueueBackend } from '../../src/simulator/ami/ami-queue-backend.js';
import { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import { AmiServer } from '../../src/simulator/ami/ami-server.js';

const eventName = (msg: AmiMessage): string | undefined => (msg[0]?.[0] === 'Event' ? msg[0][1] : undefined);
const value = (msg: AmiMessage, key: string): string | undefined => msg.find(([k]) => k === key)?.[1];

const join: AmiMessage = [['Event', 'QueueCallerJoin'], ['Privilege', 'agent,all'], ['Queue', 'alo153-genel'], ['Uniqueid', '1.1']];
const newstate: AmiMessage = [['Event', 'Newstate'], ['Privilege', 'call,all'], ['Uniqueid', '1.1']];
const hangup: AmiMessage = [['Event', 'Hangup'], ['Privilege', 'call,all'], ['Uniqueid', '1.1'], ['Cause', '16']];
const marker: AmiMessage = [['Event', 'UserEvent'], ['Privilege', 'user,all'], ['UserEvent', 'marker']];

describe('Simulator AMI: Action Filter, as manager.c applies session filters', () => {
  let server: AmiServer;
  let port: number;
  const clients: AmiRawClient[] = [];

  async function session(): Promise<AmiRawClient> {
    const client = await AmiRawClient.connect(port);
    clients.push(client);
    await client.login('alo153', 's3cret');
    return client;
  }

  const filter = (client: AmiRawClient, criteria: string | undefined, expression?: string, id = 'f'): Promise<AmiMessage> =>
    client.request([
      ['Action', 'Filter'],
      ['ActionID', id],
      ['Operation', 'Add'],
      ...(criteria === undefined ? [] : ([['MatchCriteria', criteria]] as AmiMessage)),
      ...(expression === undefined ? [] : ([['Filter', expression]] as AmiMessage)),
    ]);

  /** Publishes the events, then a marker that passes every filter used here, and returns the names seen in between. */
  async function seenAfter(client: AmiRawClient, events: AmiMessage[]): Promise<string[]> {
    const from = client.received.length;
    for (const event of events) server.publish(event);
    server.publish(marker);
    await client.next((m) => value(m, 'UserEvent') === 'marker', 2000, from);
    return client.received.slice(from).map(eventName).filter((n): n is string => n !== undefined && n !== 'UserEvent');
  }

  beforeEach(async () => {
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: 'alo153', secret: 's3cret', logger: createTestLogger() });
    port = await server.start();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.stop();
  });

  it('with include filters only, sends just the named events (an implied exclude-all first)', async () => {
    const client = await session();
    const reply = await filter(client, 'action(include),name(QueueCallerJoin)');
    expect(value(reply, 'Response')).to.equal('Success');
    await filter(client, 'name(UserEvent)');
    expect(await seenAfter(client, [newstate, join, hangup])).to.deep.equal(['QueueCallerJoin']);
  });

  it('with exclude filters only, sends everything else (an implied include-all first)', async () => {
    const client = await session();
    await filter(client, 'action(exclude),name(Newstate)');
    expect(await seenAfter(client, [newstate, join, hangup])).to.deep.equal(['QueueCallerJoin', 'Hangup']);
  });

  it('with both, an event must match an include and no exclude', async () => {
    const client = await session();
    await filter(client, 'name(Hangup)');
    await filter(client, 'name(UserEvent)');
    await filter(client, 'action(exclude),header(Cause),method(exact)', '16');
    expect(await seenAfter(client, [newstate, join, hangup, [...hangup.slice(0, 3), ['Cause', '17']]])).to.deep.equal(['Hangup']);
  });

  it('takes a legacy regex over the whole event, ! excluding', async () => {
    const client = await session();
    await filter(client, undefined, '!Event: Newstate');
    expect(await seenAfter(client, [newstate, join])).to.deep.equal(['QueueCallerJoin']);
  });

  it('refuses a malformed criterion and a bad regex, and keeps filtering by the good ones', async () => {
    const client = await session();
    expect(value(await filter(client, 'name(Hangup),colour(red)'), 'Message')).to.match(/formatted incorrectly/);
    expect(value(await filter(client, 'method(regex)', '(unclosed'), 'Message')).to.match(/did not compile/);
    expect(await seenAfter(client, [newstate, join])).to.deep.equal(['Newstate', 'QueueCallerJoin']);
  });

  it('keeps filters per session: another session and a new connection get every event', async () => {
    const filtered = await session();
    await filter(filtered, 'name(UserEvent)');
    const other = await session();
    expect(await seenAfter(filtered, [join])).to.deep.equal([]);
    expect(await seenAfter(other, [join])).to.deep.equal(['QueueCallerJoin']);
    filtered.close();
    const again = await session();
    expect(await seenAfter(again, [join])).to.deep.equal(['QueueCallerJoin']);
  });

  it('does not filter action responses or list items (QueueStatus)', async () => {
    const backend = { queueStatus: () => [] } as unknown as AmiQueueBackend;
    server.setBackend(backend);
    const client = await session();
    await filter(client, 'name(UserEvent)');
    const from = client.received.length;
    client.send([['Action', 'QueueStatus'], ['ActionID', 'qs']]);
    const complete = await client.next((m) => eventName(m) === 'QueueStatusComplete', 2000, from);
    expect(value(complete, 'ActionID')).to.equal('qs');
  });

  it('refuses Filter to a user without write = system', async () => {
    await server.stop();
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: 'alo153', secret: 's3cret', logger: createTestLogger(), writeClasses: ['call', 'agent'] });
    port = await server.start();
    const client = await session();
    const reply = await filter(client, 'name(UserEvent)');
    expect([value(reply, 'Response'), value(reply, 'Message')]).to.deep.equal(['Error', 'Permission denied']);
    expect(await seenAfter(client, [newstate])).to.deep.equal(['Newstate']);
  });
});
