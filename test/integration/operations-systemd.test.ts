import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestLogger } from '../../src/logging/logger.js';
import { createSystemdNotifier, watchdogInterval } from '../../src/operations/systemd-notify.js';
import { capturingLogger } from '../support/capturing-logger.js';

/** systemd's side of NOTIFY_SOCKET: a unix datagram socket, each message printed as one JSON line. */
const RECEIVER = `
import array, json, os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print(json.dumps({"bound": True}), flush=True)
while True:
    msg, anc, _flags, _addr = s.recvmsg(4096, socket.CMSG_SPACE(64))
    pid = None
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(data[: len(data) - len(data) % 4])
            for fd in fds:
                os.close(fd)  # the barrier: systemd closes it once it has processed the messages before
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            pid = int.from_bytes(data[0:4], "little")
    print(json.dumps({"message": msg.decode(), "pid": pid}), flush=True)
`;

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

class Receiver {
  readonly messages: Array<{ message: string; pid: number | null }> = [];
  private constructor(
    private readonly child: ChildProcess,
    readonly socket: string,
  ) {}

  static async start(): Promise<Receiver> {
    const socket = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-notify-')), 'notify.sock');
    const child = spawn('python3', ['-c', RECEIVER, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
    const receiver = new Receiver(child, socket);
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.once('error', reject);
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
          const line = JSON.parse(buffered.slice(0, newline)) as { bound?: boolean; message?: string; pid?: number | null };
          buffered = buffered.slice(newline + 1);
          if (line.bound) resolve();
          else if (line.message !== undefined) receiver.messages.push({ message: line.message, pid: line.pid ?? null });
        }
      });
    });
    return receiver;
  }

  entries(): string[] {
    return this.messages.flatMap((m) => m.message.split('\n')).filter((entry) => entry !== '');
  }

  async waitFor(entry: string, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.entries().includes(entry)) {
      if (Date.now() > deadline) throw new Error(`no ${entry} within ${timeoutMs} ms; got ${JSON.stringify(this.entries())}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  stop(): void {
    this.child.kill();
  }
}

describe('sd_notify through systemd-notify', function () {
  this.timeout(15000);
  let receiver: Receiver;

  before(function () {
    if (!has('python3') || !has('systemd-notify')) this.skip();
  });

  beforeEach(async () => {
    receiver = await Receiver.start();
  });

  afterEach(() => receiver?.stop());

  it('sends READY=1 with MAINPID and a STATUS, then WATCHDOG=1 periodically, then STOPPING=1', async () => {
    const notifier = createSystemdNotifier({ logger: createTestLogger(), env: { NOTIFY_SOCKET: receiver.socket, WATCHDOG_USEC: '300000', PATH: process.env.PATH } });
    expect(notifier.enabled).to.equal(true);
    expect(notifier.watchdogIntervalMs).to.equal(100);
    expect(await notifier.ready()).to.equal(true);
    const entries = receiver.entries();
    expect(entries).to.include('READY=1');
    expect(entries).to.include(`MAINPID=${process.pid}`);
    expect(entries).to.include('STATUS=alo153 is taking calls');
    // systemd-notify waits on a barrier until "systemd" processed the message: the PID race is closed.
    expect(entries).to.include('BARRIER=1');
    await receiver.waitFor('WATCHDOG=1', 1000);
    const pings = () => receiver.entries().filter((entry) => entry === 'WATCHDOG=1').length;
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(pings()).to.be.at.least(3);
    expect(await notifier.stopping()).to.equal(true);
    expect(receiver.entries()).to.include('STOPPING=1');
    const after = pings();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(pings()).to.equal(after);
  });

  it('skips the watchdog ping after the event loop stalled for a whole interval', async () => {
    const { logger, lines } = capturingLogger();
    const notifier = createSystemdNotifier({ logger, env: { NOTIFY_SOCKET: receiver.socket, WATCHDOG_USEC: '300000', PATH: process.env.PATH } });
    await notifier.ready();
    await receiver.waitFor('WATCHDOG=1', 1000);
    const before = receiver.entries().filter((entry) => entry === 'WATCHDOG=1').length;
    const stalledUntil = Date.now() + 250;
    while (Date.now() < stalledUntil) {
      // a blocked event loop (a synchronous loop, as a runaway computation would)
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines().some((line) => line.message === 'watchdog ping skipped: the event loop stalled')).to.equal(true);
    expect(receiver.entries().filter((entry) => entry === 'WATCHDOG=1').length).to.equal(before);
    notifier.stop();
  });

  it('sends nothing without NOTIFY_SOCKET and pings no watchdog meant for another PID', async () => {
    const quiet = createSystemdNotifier({ logger: createTestLogger(), env: { WATCHDOG_USEC: '300000' } });
    expect(quiet.enabled).to.equal(false);
    expect(await quiet.ready()).to.equal(false);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: String(process.pid) })).to.equal(10000);
    expect(watchdogInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' })).to.equal(undefined);
    expect(watchdogInterval({})).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.messages).to.deep.equal([]);
  });
});

describe('npm start under systemd (src/main.ts with NOTIFY_SOCKET)', function () {
  this.timeout(60000);

  before(function () {
    if (!has('python3') || !has('systemd-notify')) this.skip();
  });

  it('tells READY=1 with its own PID once it serves HTTP, pings the watchdog, and STOPPING=1 on SIGTERM', async () => {
    const receiver = await Receiver.start();
    const dir = mkdtempSync(path.join(tmpdir(), 'alo153-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        NOTIFY_SOCKET: receiver.socket,
        WATCHDOG_USEC: '600000',
        ALO153_CONFIG_FILE: path.join(dir, 'none.json'),
        ALO153_HTTP_PORT: '0',
        ALO153_LOG_LEVEL: 'error',
        ALO153_DATABASE_SQLITE_FILE: path.join(dir, 'alo153.sqlite'),
        ALO153_CALLS_OUTBOX_FILE: path.join(dir, 'ticket-outbox.jsonl'),
        ALO153_ANNOUNCEMENTS_SOUNDS_DIR: path.join(dir, 'duyuru'),
        // Nothing listens there: alo153 starts and keeps retrying, as it does while Asterisk boots.
        ALO153_ARI_URL: 'http://127.0.0.1:9',
        ALO153_AMI_PORT: '9',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await receiver.waitFor('READY=1', 45000);
      expect(receiver.entries()).to.include(`MAINPID=${child.pid}`);
      await receiver.waitFor('WATCHDOG=1', 2000);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      await receiver.waitFor('STOPPING=1', 5000);
      expect(await exited).to.equal(0);
    } finally {
      child.kill('SIGKILL');
      receiver.stop();
    }
  });
});

describe('deploy/systemd/alo153.service', () => {
  const unit = readFileSync('deploy/systemd/alo153.service', 'utf8');
  const settings = new Map<string, string[]>();
  for (const line of unit.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match) settings.set(match[1]!, [...(settings.get(match[1]!) ?? []), match[2]!]);
  }
  const value = (key: string) => settings.get(key)?.at(-1);

  it('runs as its own user with a state directory, restarts on failure, notifies and has a watchdog', () => {
    expect(value('Type')).to.equal('notify');
    expect(value('NotifyAccess')).to.equal('all');
    expect(value('WatchdogSec')).to.match(/^\d+s$/);
    expect(value('Restart')).to.equal('on-failure');
    expect(value('User')).to.equal('alo153');
    expect(value('StateDirectory')).to.equal('alo153');
    expect(settings.has('DynamicUser')).to.equal(false);
    expect(value('EnvironmentFile')).to.equal('/etc/alo153/alo153.env');
    expect(value('ExecStart')).to.match(/^\/usr\/bin\/node .*dist\/src\/main\.js$/);
  });

  it('is hardened, without MemoryDenyWriteExecute (V8 JIT)', () => {
    for (const [key, expected] of Object.entries({ NoNewPrivileges: 'yes', ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', PrivateDevices: 'yes', CapabilityBoundingSet: '', RestrictAddressFamilies: 'AF_UNIX AF_INET AF_INET6', SystemCallFilter: '@system-service' })) {
      expect(value(key), key).to.equal(expected);
    }
    expect(value('ReadWritePaths')).to.include('/var/lib/alo153');
    expect(value('ReadWritePaths')).to.include('/var/lib/asterisk/sounds/tr/alo153/duyuru');
    expect(settings.has('MemoryDenyWriteExecute')).to.equal(false);
    expect(unit).to.match(/# MemoryDenyWriteExecute=yes is NOT set, on purpose: V8's JIT/);
  });

  it('passes systemd-analyze verify and scores OK in systemd-analyze security', function () {
    if (!has('systemd-analyze')) this.skip();
    const verify = spawnSync('systemd-analyze', ['verify', '--man=no', 'deploy/systemd/alo153.service'], { encoding: 'utf8' });
    expect(verify.status, verify.stderr).to.equal(0);
    expect(verify.stderr.trim()).to.equal('');
    const security = spawnSync('systemd-analyze', ['security', '--offline=yes', '--threshold=30', 'deploy/systemd/alo153.service'], { encoding: 'utf8' });
    expect(security.status, security.stdout.slice(-400)).to.equal(0);
    expect(security.stdout).to.match(/Overall exposure level for alo153\.service: [0-2]\.\d/);
  });

  it('is refused by systemd-analyze verify when a key is wrong (the check can fail)', function () {
    if (!has('systemd-analyze')) this.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'alo153-unit-'));
    writeFileSync(path.join(dir, 'alo153.service'), unit.replace('Restart=on-failure', 'Restart=on-sometimes'));
    const verify = spawnSync('systemd-analyze', ['verify', '--man=no', path.join(dir, 'alo153.service')], { encoding: 'utf8' });
    expect(verify.stderr).to.match(/Failed to parse service restart specifier/);
  });
});
