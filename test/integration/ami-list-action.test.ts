import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';
import { listAck, listComplete, response, withTrailingActionId } from '../../src/simulator/ami/ami-replies.js';
import { AmiServer } from '../../src/simulator/ami/ami-server.js';
import { AmiConnection, type AmiEvent } from '../../src/telephony/ami/ami-connection.js';
import { collectList } from '../../src/telephony/ami/ami-list-action.js';
import { waitFor } from '../support/system.js';

const item = (name: string, actionId: string | undefined): AmiMessage => withTrailingActionId([['Event', 'QueueSummary'], ['Queue', name], ['Callers', '0']], actionId);

describe('AMI list actions and action bounds', () => {
  let server: AmiServer;
  let ami: AmiConnection;
  let port: number;
  const connection = (): AmiConnection =>
    new AmiConnection({
      host: '127.0.0.1',
      port,
      username: 'alo153',
      password: 's3cret',
      actionTimeoutMs: 2000,
      eventMask: 'system,agent',
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      logger: createTestLogger(),
    });

  beforeEach(async () => {
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: 'alo153', secret: 's3cret', logger: createTestLogger() });
    port = await server.start();
    ami = connection();
    ami.start();
    await waitFor(() => ami.state === 'connected', 3000, 'AMI login');
  });

  afterEach(async () => {
    await ami.stop();
    await server.stop();
  });

  it('collects every item up to the Complete event, and keeps them off the ordinary event stream', async () => {
    server.registerAction('TestList', (_action, id) => [listAck(id, 'Queue summary will follow'), item('alo153-genel', id), item('alo153-çevre', id), listComplete('QueueSummaryComplete', id, 2)]);
    const ordinary: AmiEvent[] = [];
    ami.onEvent((event) => ordinary.push(event));
    const items = await collectList(ami, { action: 'TestList' }, 'QueueSummaryComplete', { timeoutMs: 1000 });
    expect(items.map((i) => i.queue)).to.deep.equal(['alo153-genel', 'alo153-çevre']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ordinary.map((e) => e.event).filter((name) => name.startsWith('QueueSummary'))).to.deep.equal([]);
  });

  it('rejects with the Message of a Response: Error', async () => {
    server.registerAction('TestList', (_action, id) => [response('Error', id, 'No such queue')]);
    const error = await collectList(ami, { action: 'TestList' }, 'QueueSummaryComplete', { timeoutMs: 1000 }).catch((e: Error) => e);
    expect((error as Error).message).to.equal('No such queue');
  });

  it('rejects a list whose ListItems disagrees with the items received', async () => {
    server.registerAction('TestList', (_action, id) => [listAck(id, 'follows'), item('alo153-genel', id), listComplete('QueueSummaryComplete', id, 2)]);
    const error = await collectList(ami, { action: 'TestList' }, 'QueueSummaryComplete', { timeoutMs: 1000 }).catch((e: Error) => e);
    expect((error as Error).message).to.equal('TestList list incomplete: 1 items, QueueSummaryComplete says 2');
  });

  it('times out a list that never completes, and fails at once when the connection drops mid-list', async () => {
    server.registerAction('TestList', (_action, id) => [listAck(id, 'follows'), item('alo153-genel', id)]);
    const timedOut = await collectList(ami, { action: 'TestList' }, 'QueueSummaryComplete', { timeoutMs: 100 }).catch((e: Error) => e);
    expect((timedOut as Error).message).to.equal('TestList list timed out after 100 ms (1 items so far)');
    const pending = collectList(ami, { action: 'TestList' }, 'QueueSummaryComplete', { timeoutMs: 5000 }).catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const droppedAt = Date.now();
    server.dropConnections();
    expect(((await pending) as Error).message).to.equal('TestList list lost: AMI connection lost');
    expect(Date.now() - droppedAt).to.be.below(500);
  });

  it('bounds a flood of 200 actions at 100 pending, failing the rest at once with a clear error', async () => {
    server.registerAction('Silent', () => []);
    // The `Events` action sent right after login may still await its Response.
    await waitFor(() => ami.pendingActions === 0, 1000, 'no pending action');
    const started = Date.now();
    const results = Array.from({ length: 200 }, () => ami.action({ action: 'Silent' }).then(() => 'ok', (e: Error) => e.message));
    expect(ami.pendingActions).to.equal(100);
    const refused = await Promise.race([Promise.all(results.slice(100)), new Promise((resolve) => setTimeout(() => resolve('still pending'), 50))]);
    expect(refused).to.deep.equal(Array(100).fill('Silent refused: 100 AMI actions already pending'));
    expect(Date.now() - started).to.be.below(200);
    server.dropConnections();
    expect(await Promise.all(results.slice(0, 100))).to.deep.equal(Array(100).fill('AMI connection lost'));
    expect(ami.pendingActions).to.equal(0);
  });

  it('never hands an action to asterisk-manager before login, so its held queue stays empty', async () => {
    let probes = 0;
    server.registerAction('Probe', (_action, id) => {
      probes += 1;
      return [response('Success', id)];
    });
    const late = connection();
    const beforeStart = await late.action({ action: 'Probe' }).catch((e: Error) => e.message);
    late.start();
    const whileConnecting = await late.action({ action: 'Probe' }).catch((e: Error) => e.message);
    await waitFor(() => late.state === 'connected', 3000, 'second login');
    await late.action({ action: 'Ping' });
    await late.stop();
    expect([beforeStart, whileConnecting]).to.deep.equal(['AMI is not connected', 'AMI is not connected']);
    expect(probes).to.equal(0);
  });
});
