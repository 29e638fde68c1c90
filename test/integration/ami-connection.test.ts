import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { AmiServer } from '../../src/simulator/ami/ami-server.js';
import { AmiConnection } from '../../src/telephony/ami/ami-connection.js';
import { capturingEntriesLogger } from '../support/capturing-logger.js';
import { waitFor } from '../support/system.js';

describe('AMI connection over asterisk-manager', () => {
  let server: AmiServer;
  let ami: AmiConnection;

  beforeEach(async () => {
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: 'alo153', secret: 's3cret', logger: createTestLogger(), authFailureDelayMs: 10 });
    const port = await server.start();
    ami = new AmiConnection({
      host: '127.0.0.1',
      port,
      username: 'alo153',
      password: 's3cret',
      actionTimeoutMs: 300,
      eventMask: 'system,agent',
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      logger: createTestLogger(),
    });
    ami.start();
    await waitFor(() => ami.state === 'connected', 3000, 'AMI login');
  });

  afterEach(async () => {
    await ami.stop();
    await server.stop();
  });

  it('sends an action and gets its response', async () => {
    const response = await ami.action({ action: 'Ping' });
    expect(response.ping).to.equal('Pong');
  });

  it('refuses a value holding CR or LF before it reaches the socket (AMI header injection)', async () => {
    let error: Error | undefined;
    await ami.action({ action: 'QueuePause', interface: 'PJSIP/agent1', reason: 'mola\r\nAction: Logoff' }).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/line break/);
    expect(ami.state).to.equal('connected');
    expect((await ami.action({ action: 'Ping' })).ping).to.equal('Pong');
  });

  it('gives up on an action that gets no response, with a clear error', async () => {
    server.registerAction('Silent', () => []);
    let error: Error | undefined;
    await ami.action({ action: 'Silent' }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal('Silent timed out after 300 ms');
  });

  it('asks only for the event classes it needs', async () => {
    const seen: string[] = [];
    ami.onEvent((event) => seen.push(event.event));
    await waitFor(() => server.sessionCount === 1, 1000, 'the session');
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.publish([['Event', 'VarSet'], ['Privilege', 'dialplan,all'], ['Variable', 'X'], ['Value', '1']]);
    server.publish([['Event', 'QueueCallerJoin'], ['Privilege', 'agent,all'], ['Queue', 'alo153-genel']]);
    await waitFor(() => seen.includes('QueueCallerJoin'), 1000, 'the agent-class event');
    expect(seen).to.not.include('VarSet');
  });

  it('reconnects within a second after the connection drops, and fails actions while down', async () => {
    server.dropConnections();
    await waitFor(() => ami.state !== 'connected', 1000, 'the drop to be seen');
    let error: Error | undefined;
    await ami.action({ action: 'Ping' }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal('AMI is not connected');
    const dropped = Date.now();
    await waitFor(() => ami.state === 'connected', 3000, 'AMI to come back');
    expect(Date.now() - dropped).to.be.below(1000);
  });
});

describe('AMI connection: event filters for what its listeners read', () => {
  let server: AmiServer;
  let ami: AmiConnection | undefined;

  async function connect(writeClasses?: string[]): Promise<{ seen: string[]; warnings: () => unknown[] }> {
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: 'alo153', secret: 's3cret', logger: createTestLogger(), ...(writeClasses ? { writeClasses } : {}) });
    const port = await server.start();
    const capture = capturingEntriesLogger();
    const connection = new AmiConnection({
      host: '127.0.0.1',
      port,
      username: 'alo153',
      password: 's3cret',
      actionTimeoutMs: 500,
      eventMask: 'on',
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      logger: capture.logger,
    });
    ami = connection;
    const seen: string[] = [];
    connection.onEvent((event) => seen.push(event.event), ['QueueCallerJoin', 'UserEvent']);
    connection.start();
    await waitFor(() => connection.state === 'connected', 3000, 'AMI login');
    // Actions are answered in order: once this Ping is back, the filters sent at login are in place.
    await connection.action({ action: 'Ping' });
    return { seen, warnings: () => capture.lines.filter((line) => line.level === 'warn').map((line) => line.message) };
  }

  async function publishAndMark(seen: string[]): Promise<string[]> {
    const from = seen.length;
    server.publish([['Event', 'Newstate'], ['Privilege', 'call,all'], ['Uniqueid', '1.1']]);
    server.publish([['Event', 'QueueCallerJoin'], ['Privilege', 'agent,all'], ['Queue', 'alo153-genel']]);
    server.publish([['Event', 'UserEvent'], ['Privilege', 'user,all'], ['UserEvent', 'marker']]);
    await waitFor(() => seen.slice(from).includes('UserEvent'), 1000, 'the marker');
    return seen.slice(from);
  }

  afterEach(async () => {
    await ami?.stop();
    await server.stop();
  });

  it('asks Asterisk for only the named events, again after every reconnect', async () => {
    const { seen } = await connect();
    expect(await publishAndMark(seen)).to.deep.equal(['QueueCallerJoin', 'UserEvent']);
    server.dropConnections();
    await waitFor(() => ami?.state !== 'connected', 1000, 'the drop');
    await waitFor(() => ami?.state === 'connected', 3000, 'the reconnect');
    await ami?.action({ action: 'Ping' });
    expect(await publishAndMark(seen)).to.deep.equal(['QueueCallerJoin', 'UserEvent']);
  });

  it('carries on unfiltered, with one warning, when Asterisk refuses Filter', async () => {
    const { seen, warnings } = await connect(['call', 'agent']);
    expect(await publishAndMark(seen)).to.deep.equal(['Newstate', 'QueueCallerJoin', 'UserEvent']);
    expect(warnings()).to.deep.equal(['ami event filter not applied; receiving every event of the mask']);
  });

  it('sends no filter once a listener wants every event', async () => {
    const { seen } = await connect();
    const all: string[] = [];
    ami?.onEvent((event) => all.push(event.event));
    server.dropConnections();
    await waitFor(() => ami?.state !== 'connected', 1000, 'the drop');
    await waitFor(() => ami?.state === 'connected', 3000, 'the reconnect');
    await ami?.action({ action: 'Ping' });
    expect(await publishAndMark(seen)).to.deep.equal(['Newstate', 'QueueCallerJoin', 'UserEvent']);
  });
});
