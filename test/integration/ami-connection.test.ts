import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { AmiServer } from '../../src/simulator/ami/ami-server.js';
import { AmiConnection } from '../../src/telephony/ami/ami-connection.js';
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
