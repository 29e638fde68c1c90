import { expect } from 'chai';
import { constants, promises as fsPromises, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TicketOutbox, type OutboxFileSystem, type TicketOutboxOptions } from '../../src/calls/call-writes/ticket-outbox.js';
import { OutboxBarrierControl } from '../../src/calls/call-writes/ticket-outbox-barrier.js';
import { FakeCallControl } from '../fakes/fake-call-control.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { waitFor } from '../support/system.js';

/**
 * The real file system, with every operation on the outbox's append handle recorded (and the flags it was opened
 * with), and appends failable on demand.
 */
function recordingFileSystem(): { fs: OutboxFileSystem; ops: string[]; appendFlags: number[]; failAppends: (count: number) => void } {
  const ops: string[] = [];
  const appendFlags: number[] = [];
  let failures = 0;
  const open = (async (file: string, flags: string | number, mode?: number) => {
    const handle = await fsPromises.open(file, flags, mode);
    if (typeof flags !== 'number' || (flags & constants.O_APPEND) === 0) return handle;
    appendFlags.push(flags);
    const write = (async (data: Buffer, offset = 0, length = data.length - offset) => {
      ops.push('write');
      if (failures > 0) {
        failures -= 1;
        // Half a line reaches the disk, then the device gives up: what a full disk or an I/O error leaves.
        await handle.write(data, offset, Math.min(length, 40));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      return handle.write(data, offset, length);
    }) as FileHandle['write'];
    const record = (name: string) => async (): Promise<void> => {
      ops.push(name);
      return name === 'sync' ? handle.sync() : handle.datasync();
    };
    const appendFile = (async () => {
      ops.push('appendFile');
      throw new Error('the outbox appends with write()');
    }) as FileHandle['appendFile'];
    return Object.assign(Object.create(handle) as FileHandle, { write, appendFile, datasync: record('datasync'), sync: record('sync'), close: () => handle.close() });
  }) as OutboxFileSystem['open'];
  return { fs: { ...fsPromises, open }, ops, appendFlags, failAppends: (count) => (failures = count) };
}

const lineOps = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { op: string; key?: string; keys?: string[] });

const T0 = new Date('2026-11-28T09:00:00.000Z');

const handOff = (queue: string) => ({
  queue,
  categoryCode: 'cevre',
  at: T0,
  reason: 'selected',
  progress: { path: [{ at: '2026-11-28T09:00:01.000Z', menu: 'main', event: 'enter' }], lastStep: 'main:enter' },
});

describe('tickets: the outbox file', () => {
  let dir: string;
  let file: string;
  let log: ReturnType<typeof capturingLogger>;
  const opened: TicketOutbox[] = [];

  const openOutbox = async (options: Partial<TicketOutboxOptions> = {}) => {
    const result = await TicketOutbox.open({ file, maxBytes: 1024 * 1024, logger: log.logger, ...options });
    opened.push(result.outbox);
    return result;
  };
  const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'alo153-outbox-test-'));
    file = path.join(dir, 'nested', 'ticket-outbox.jsonl');
    log = capturingLogger();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((outbox) => outbox.close()));
  });

  it('appends a write as one JSON line in one synchronous (O_DSYNC) write before flushed() resolves', async () => {
    const disk = recordingFileSystem();
    const { outbox } = await openOutbox({ fileSystem: disk.fs });
    expect(disk.appendFlags).to.have.length(1);
    expect(disk.appendFlags[0]! & constants.O_DSYNC, 'the append handle is opened O_DSYNC').to.equal(constants.O_DSYNC);
    const key = outbox.append({ kind: 'recordHandOff', channelId: '1796.1', payload: handOff('alo153-cevre') });
    expect(disk.ops).to.deep.equal([]);
    await outbox.flushed();
    expect(disk.ops).to.deep.equal(['write']);
    expect(lines()).to.have.length(1);
    expect(JSON.parse(lines()[0]!)).to.include({ op: 'write', key, kind: 'recordHandOff', channelId: '1796.1' });
    expect(outbox.stats).to.include({ appended: 1, durable: 1, syncs: 1, unapplied: 1, state: 'ok' });
  });

  it('shares one synchronous write among the appends of a burst (group commit)', async () => {
    const disk = recordingFileSystem();
    const { outbox } = await openOutbox({ fileSystem: disk.fs });
    for (let index = 0; index < 50; index += 1) outbox.append({ kind: 'recordCallEnd', channelId: `1796.${index}`, payload: { endedAt: T0 } });
    await outbox.flushed();
    expect(disk.ops).to.deep.equal(['write']);
    expect(lines()).to.have.length(50);
    expect(outbox.stats).to.include({ durable: 50, syncs: 1 });
  });

  it('writes no applied marker alone: the markers of a batch ride, as one line, with the next write', async () => {
    const disk = recordingFileSystem();
    const { outbox } = await openOutbox({ fileSystem: disk.fs, markerDelayMs: 60_000 });
    const first = outbox.append({ kind: 'recordCallEnd', channelId: '1796.1', payload: { endedAt: T0 } })!;
    const second = outbox.append({ kind: 'recordCallEnd', channelId: '1796.2', payload: { endedAt: T0 } })!;
    await outbox.flushed();
    outbox.markApplied(first);
    outbox.markApplied(second);
    await outbox.flushed();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(disk.ops).to.deep.equal(['write']);
    const third = outbox.append({ kind: 'recordCallEnd', channelId: '1796.3', payload: { endedAt: T0 } })!;
    await outbox.flushed();
    expect(disk.ops).to.deep.equal(['write', 'write']);
    const written = lineOps(readFileSync(file, 'utf8'));
    expect(written.map((line) => line.op)).to.deep.equal(['write', 'write', 'applied', 'write']);
    expect(written.map((line) => line.key ?? line.keys)).to.deep.equal([first, second, [first, second], third]);
    expect(outbox.stats).to.include({ durable: 3, syncs: 2, unapplied: 1 });
    expect((await openOutbox()).pending.map((entry) => entry.key)).to.deep.equal([third]);
  });

  it('writes the markers of an idle outbox after markerDelayMs, so a restart does not replay what the database has', async () => {
    const disk = recordingFileSystem();
    const { outbox } = await openOutbox({ fileSystem: disk.fs, markerDelayMs: 30 });
    const key = outbox.append({ kind: 'recordCallEnd', channelId: '1796.1', payload: { endedAt: T0 } })!;
    await outbox.flushed();
    outbox.markApplied(key);
    expect(disk.ops).to.deep.equal(['write']);
    await waitFor(() => outbox.stats.syncs === 2, 2000, 'the idle marker');
    expect(disk.ops).to.deep.equal(['write', 'write']);
    expect(lineOps(readFileSync(file, 'utf8')).at(-1)).to.deep.equal({ op: 'applied', keys: [key] });
    expect((await openOutbox()).pending).to.deep.equal([]);
  });

  it('replays a file of the format before one marker line per batch (one applied line per key)', async () => {
    const write = (key: string, seq: number, channelId: string) =>
      JSON.stringify({ op: 'write', key, seq, kind: 'openCallTicket', channelId, payload: { channelId, startedAt: '2026-11-28T09:00:00.000Z', answeredAt: null }, dates: [['startedAt']] });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, [write('1796.1:openCallTicket:a-1', 1, '1796.1'), write('1796.2:openCallTicket:a-2', 2, '1796.2'), JSON.stringify({ op: 'applied', key: '1796.1:openCallTicket:a-1' }), ''].join('\n'));
    const { outbox, pending } = await openOutbox();
    expect(pending.map((entry) => entry.key)).to.deep.equal(['1796.2:openCallTicket:a-2']);
    expect((pending[0]!.payload as { startedAt: unknown }).startedAt).to.deep.equal(T0);
    const key = outbox.append({ kind: 'recordCallEnd', channelId: '1796.3', payload: {} })!;
    expect(key.endsWith('-3'), 'the sequence carries on from the old file').to.equal(true);
  });

  it('gives a restarted process every unapplied write in order, Dates revived and ISO strings left alone', async () => {
    const { outbox } = await openOutbox({ markerDelayMs: 5 });
    outbox.append({ kind: 'openCallTicket', channelId: '1796.1', payload: { channelId: '1796.1', startedAt: T0, answeredAt: null } });
    const landed = outbox.append({ kind: 'recordHandOff', channelId: '1796.1', payload: handOff('alo153-cevre') })!;
    outbox.append({ kind: 'recordHandOff', channelId: '1796.2', payload: handOff('alo153-hayvan') });
    await outbox.flushed();
    outbox.markApplied(landed);
    await waitFor(() => readFileSync(file, 'utf8').includes('"applied"'), 2000, 'the applied marker');
    // No close(): the next process finds the file as a crash leaves it.
    const { pending } = await openOutbox();
    expect(pending.map((entry) => `${entry.kind} ${entry.channelId}`)).to.deep.equal(['openCallTicket 1796.1', 'recordHandOff 1796.2']);
    const open = pending[0]!.payload as { startedAt: unknown; answeredAt: unknown };
    expect(open.startedAt).to.be.instanceOf(Date).and.deep.equal(T0);
    expect(open.answeredAt).to.equal(null);
    const handed = pending[1]!.payload as ReturnType<typeof handOff>;
    expect(handed.at).to.deep.equal(T0);
    expect(handed.progress.path[0]!.at).to.equal('2026-11-28T09:00:01.000Z');
  });

  it('ignores a torn last line and skips garbage lines with a warning, and appends on a clean line afterwards', async () => {
    const { outbox } = await openOutbox();
    outbox.append({ kind: 'recordCallEnd', channelId: '1796.1', payload: { outcome: 'abandoned-in-ivr' } });
    outbox.append({ kind: 'recordCallEnd', channelId: '1796.2', payload: { outcome: 'abandoned-in-ivr' } });
    await outbox.flushed();
    const [first, second] = lines();
    writeFileSync(file, `${first}\nnot json at all\n{"op":"write","key":"x"}\n${second}\n${second!.slice(0, 30)}`);
    const reopened = await openOutbox();
    expect(reopened.pending.map((entry) => entry.channelId)).to.deep.equal(['1796.1', '1796.2']);
    const warnings = log.lines().filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).to.include.members([
      'ticket outbox ended in a partial line (the process died mid-write); it is ignored',
      'ticket outbox lines skipped: not outbox lines',
    ]);
    expect(warnings.find((line) => line.lines !== undefined)).to.include({ lines: 2 });
    expect(lines()).to.deep.equal([first, second]);
    reopened.outbox.append({ kind: 'recordCallEnd', channelId: '1796.3', payload: {} });
    await reopened.outbox.flushed();
    expect((await openOutbox()).pending.map((entry) => entry.channelId)).to.deep.equal(['1796.1', '1796.2', '1796.3']);
  });

  it('never writes a line the database confirmed before its group commit', async () => {
    const { outbox } = await openOutbox();
    const key = outbox.append({ kind: 'recordCallEnd', channelId: '1796.1', payload: {} })!;
    outbox.markApplied(key);
    await outbox.flushed();
    expect(readFileSync(file, 'utf8')).to.equal('');
    expect(outbox.stats.unapplied).to.equal(0);
  });

  it('rewrites the file empty through a temp file once everything in it is applied and it reached the threshold', async () => {
    const { outbox } = await openOutbox({ compactAtBytes: 1000 });
    const keys = Array.from({ length: 10 }, (_, index) => outbox.append({ kind: 'recordHandOff', channelId: `1796.${index}`, payload: handOff('alo153-cevre') })!);
    await outbox.flushed();
    const before = outbox.stats.compactions;
    for (const key of keys.slice(0, 9)) outbox.markApplied(key);
    await outbox.flushed();
    expect(outbox.stats.compactions, 'one write still unapplied').to.equal(before);
    outbox.markApplied(keys[9]!);
    await waitFor(() => outbox.stats.compactions > before, 2000, 'the compaction');
    expect(outbox.stats.compactions).to.equal(before + 1);
    expect(statSync(file).size).to.equal(0);
    expect(existsSync(`${file}.tmp`)).to.equal(false);
    expect((await openOutbox()).pending).to.deep.equal([]);
  });

  it('stays within maxBytes: drops applied lines first, then keeps what still does not fit in memory only, with one error line', async () => {
    const lineBytes = Buffer.byteLength(`${JSON.stringify({ op: 'write' })}`) + 400;
    const maxBytes = lineBytes * 8;
    const { outbox } = await openOutbox({ maxBytes, compactAtBytes: maxBytes * 10 });
    const payload = { text: 'x'.repeat(300) };
    const keys = Array.from({ length: 6 }, (_, index) => outbox.append({ kind: 'recordCallEnd', channelId: `1796.${index}`, payload })!);
    await outbox.flushed();
    for (const key of keys.slice(0, 5)) outbox.markApplied(key);
    for (let index = 6; index < 10; index += 1) outbox.append({ kind: 'recordCallEnd', channelId: `1796.${index}`, payload });
    await outbox.flushed();
    expect(outbox.stats).to.include({ unapplied: 5, notDurable: 0, state: 'ok' });
    expect(statSync(file).size).to.be.at.most(maxBytes);
    for (let index = 10; index < 25; index += 1) outbox.append({ kind: 'recordCallEnd', channelId: `1796.${index}`, payload });
    await outbox.flushed();
    for (let index = 25; index < 30; index += 1) outbox.append({ kind: 'recordCallEnd', channelId: `1796.${index}`, payload });
    await outbox.flushed();
    expect(statSync(file).size).to.be.at.most(maxBytes);
    expect(outbox.stats.state).to.equal('full');
    expect(outbox.stats.notDurable).to.be.greaterThan(0);
    expect(outbox.stats.unapplied + outbox.stats.notDurable).to.equal(25);
    expect(log.lines().filter((line) => line.level === 'error')).to.have.length(1);
    const { pending } = await openOutbox();
    expect(pending.map((entry) => entry.channelId).slice(0, 5)).to.deep.equal(['1796.5', '1796.6', '1796.7', '1796.8', '1796.9']);
  });

  it('after a failed append counts the writes as not durable and rewrites the file before the next append', async () => {
    const disk = recordingFileSystem();
    const { outbox } = await openOutbox({ fileSystem: disk.fs });
    outbox.append({ kind: 'recordCallEnd', channelId: '1796.1', payload: {} });
    await outbox.flushed();
    disk.failAppends(1);
    outbox.append({ kind: 'recordCallEnd', channelId: '1796.2', payload: {} });
    await outbox.flushed();
    expect(outbox.stats).to.include({ notDurable: 1, state: 'failing' });
    expect(log.lines().find((line) => line.level === 'error')).to.include({ reason: 'failing', error: 'ENOSPC: no space left on device' });
    outbox.append({ kind: 'recordCallEnd', channelId: '1796.3', payload: {} });
    await outbox.flushed();
    expect(outbox.stats.state).to.equal('ok');
    const { pending } = await openOutbox();
    expect(pending.map((entry) => entry.channelId)).to.deep.equal(['1796.1', '1796.3']);
    expect(log.lines().filter((line) => line.message === 'ticket outbox lines skipped: not outbox lines')).to.deep.equal([]);
  });

  it('on close flushes what is queued and keeps only the unapplied writes for the next start', async () => {
    const { outbox } = await openOutbox();
    const applied = outbox.append({ kind: 'recordCallEnd', channelId: '1796.1', payload: {} })!;
    await outbox.flushed();
    outbox.markApplied(applied);
    outbox.append({ kind: 'recordCallEnd', channelId: '1796.2', payload: {} });
    await outbox.close();
    expect(lines()).to.have.length(1);
    expect(outbox.append({ kind: 'recordCallEnd', channelId: '1796.3', payload: {} })).to.equal(undefined);
    expect((await openOutbox()).pending.map((entry) => entry.channelId)).to.deep.equal(['1796.2']);
  });
});

describe('tickets: the outbox barrier before a call leaves alo153', () => {
  it('holds the continue into the queue until the ticket writes are on disk', async () => {
    const control = new FakeCallControl();
    let flush: () => void = () => undefined;
    const outbox = { flushed: () => new Promise<void>((resolve) => (flush = resolve)) };
    const barrier = new OutboxBarrierControl(control, outbox, capturingLogger().logger, 5000);
    const continued = barrier.continueInDialplan('1796.1', 'alo153-queues', 'alo153-cevre', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(control.calls.filter((call) => call.op === 'continue')).to.have.length(0);
    flush();
    await continued;
    expect(control.calls.filter((call) => call.op === 'continue')).to.have.length(1);
  });

  it('lets the call go on after maxHoldMs when the disk hangs, with a warning', async () => {
    const control = new FakeCallControl();
    const log = capturingLogger();
    const barrier = new OutboxBarrierControl(control, { flushed: () => new Promise<void>(() => undefined) }, log.logger, 30);
    await barrier.continueInDialplan('1796.1', 'alo153-queues', 'alo153-cevre', 1);
    expect(control.calls.filter((call) => call.op === 'continue')).to.have.length(1);
    expect(log.lines().find((line) => line.level === 'warn')).to.include({ channelId: '1796.1' });
  });
});
