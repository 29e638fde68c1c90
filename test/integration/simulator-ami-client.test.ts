import { expect } from 'chai';
import { createRequire } from 'node:module';
import { createTestLogger } from '../../src/logging/logger.js';
import { newchannel, type AmiChannel } from '../../src/simulator/ami/ami-events.js';
import type { AmiQueueBackend } from '../../src/simulator/ami/ami-queue-backend.js';
import { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import { AmiServer, type AmiServerOptions } from '../../src/simulator/ami/ami-server.js';

type AmiFields = Record<string, string>;
interface ManagerClient {
  on(event: string, listener: (evt: AmiFields) => void): void;
  connect(port: number, host: string, callback?: () => void): void;
  login(callback: (err?: AmiFields) => void): void;
  action(action: AmiFields, callback: (err: AmiFields | undefined, res: AmiFields) => void): string;
  disconnect(): void;
}
type ManagerFactory = (port?: number, host?: string, username?: string, password?: string, events?: boolean) => ManagerClient;

// asterisk-manager is CommonJS without types; the project's adapter uses it, so the simulator must satisfy it.
const AsteriskManager = createRequire(import.meta.url)('asterisk-manager') as ManagerFactory;

const USER = 'alo153';
const SECRET = 'alo153secret';
const TURKISH_NAME = 'Gülşah Işıkçı';

const caller: AmiChannel = {
  channel: 'PJSIP/citizen-00000002',
  channelState: 4,
  channelStateDesc: 'Ring',
  callerIdNum: '05321234567',
  callerIdName: TURKISH_NAME,
  connectedLineNum: '',
  connectedLineName: '',
  language: 'tr',
  accountCode: '',
  context: 'from-citizens',
  exten: '153',
  priority: 1,
  uniqueid: '1795888900.2',
  linkedid: '1795888900.2',
};

const backend: AmiQueueBackend = {
  queueStatus: () => [
    {
      queue: 'alo153-genel', max: 0, strategy: 'rrmemory', calls: 0, holdtime: 0, talkTime: 0, completed: 0, abandoned: 0,
      serviceLevel: 0, servicelevelPerf: 0, servicelevelPerf2: 0, weight: 0,
      members: [{ name: TURKISH_NAME, location: 'PJSIP/agent1', stateInterface: 'PJSIP/agent1', membership: 'dynamic', penalty: 0, callsTaken: 0, lastCall: 0, lastPause: 0, loginTime: 1795888887, inCall: 0, status: 1, paused: 0, pausedReason: '', wrapuptime: 0 }],
      entries: [],
    },
  ],
  queueSummary: () => [],
  queueAdd: () => ({ ok: false, message: 'Unable to add interface to queue: No such queue' }),
  queueRemove: () => ({ ok: false, message: 'Unable to remove interface: Not there' }),
  queuePause: () => ({ ok: false, message: 'Interface not found' }),
};

/** Cuts each message in the middle of the first `ş`, so its two UTF-8 bytes arrive in different reads. */
const splitInsideS = (bytes: Buffer): Buffer[] => {
  const at = bytes.indexOf(Buffer.from('ş', 'utf8'));
  return at < 0 ? [bytes] : [bytes.subarray(0, at + 1), bytes.subarray(at + 1)];
};

function nextEvent(manager: ManagerClient, name: string, timeoutMs = 2000): Promise<AmiFields> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event`)), timeoutMs);
    manager.on(name, (evt) => {
      clearTimeout(timer);
      resolve(evt);
    });
  });
}

describe('simulator AMI server with the asterisk-manager client', () => {
  let server: AmiServer;
  let port: number;
  const managers: ManagerClient[] = [];

  async function startServer(extra: Partial<AmiServerOptions> = {}): Promise<void> {
    server = new AmiServer({ host: '127.0.0.1', port: 0, username: USER, secret: SECRET, logger: createTestLogger(), authFailureDelayMs: 50, backend, ...extra });
    port = await server.start();
  }

  function manager(secret = SECRET): ManagerClient {
    const client = AsteriskManager(undefined, '127.0.0.1', USER, secret, true);
    managers.push(client);
    return client;
  }

  function connectAndLogin(client: ManagerClient): Promise<AmiFields | undefined> {
    return new Promise((resolve) => client.connect(port, '127.0.0.1', () => client.login((err) => resolve(err))));
  }

  afterEach(async () => {
    for (const m of managers.splice(0)) m.disconnect();
    await server.stop();
  });

  it('logs in and receives FullyBooted', async () => {
    await startServer();
    const client = manager();
    const booted = nextEvent(client, 'fullybooted');
    expect(await connectAndLogin(client)).to.equal(undefined);
    expect((await booted).status).to.equal('Fully Booted');
  });

  it('gets an error for a bad secret', async () => {
    await startServer();
    const err = await connectAndLogin(manager('wrong'));
    expect(err?.message).to.equal('Authentication failed');
  });

  it('answers Ping through the action callback', async () => {
    await startServer();
    const client = manager();
    await connectAndLogin(client);
    const res = await new Promise<AmiFields>((resolve) => client.action({ action: 'Ping' }, (_err, r) => resolve(r)));
    expect(res.ping).to.equal('Pong');
  });

  it('delivers the QueueStatus list as events carrying the ActionID, ending with QueueStatusComplete', async () => {
    await startServer();
    const client = manager();
    await connectAndLogin(client);
    const member = nextEvent(client, 'queuemember');
    const complete = nextEvent(client, 'queuestatuscomplete');
    const ack = await new Promise<AmiFields>((resolve) => client.action({ action: 'QueueStatus', actionid: 'qs-1' }, (_err, r) => resolve(r)));
    expect(ack.eventlist).to.equal('start');
    expect((await member).actionid).to.equal('qs-1');
    expect((await member).name).to.equal(TURKISH_NAME);
    expect((await complete).listitems).to.equal('2');
  });

  it('keeps a Turkish caller name intact when a multi-byte character is split across two TCP writes', async () => {
    await startServer({ fragmentWrites: { split: splitInsideS, gapMs: 25 } });
    const raw = await AmiRawClient.connect(port);
    await raw.login(USER, SECRET);
    const client = manager();
    await connectAndLogin(client);
    const seen = nextEvent(client, 'newchannel');
    server.publish(newchannel(caller));
    expect((await seen).calleridname).to.equal(TURKISH_NAME);

    // Proves the split really happened on the wire: some read ended on the lead byte of ş (0xC5).
    await raw.next((msg) => msg[0]?.[1] === 'Newchannel');
    expect(raw.chunks.some((chunk) => chunk[chunk.length - 1] === 0xc5)).to.equal(true);
    raw.close();
  });
});
