import { promises as fsPromises } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Logger } from '../../logging/logger.js';
import { RateLimitedComplaints, readOutboxFile, replaceFileAtomically, type OutboxFileSystem } from './ticket-outbox-file.js';
import { appliedLine, writeLine, type OutboxEntry, type OutboxRecord } from './ticket-outbox-lines.js';

export type { OutboxFileSystem } from './ticket-outbox-file.js';

export interface TicketOutboxOptions {
  file: string;
  /** The file never grows past this: a write that does not fit is kept in memory only (and counted). */
  maxBytes: number;
  logger: Logger;
  /** Once everything in the file is applied and it holds at least this much, it is rewritten empty. */
  compactAtBytes?: number;
  fileSystem?: OutboxFileSystem;
  clock?: () => number;
}

export interface OutboxStats {
  fileBytes: number;
  /** Writes in the file (or on their way to it) that the database has not confirmed. */
  unapplied: number;
  appended: number;
  durable: number;
  /** Writes kept in memory only: the file was full, or the disk failed. */
  notDurable: number;
  syncs: number;
  compactions: number;
  state: 'ok' | 'full' | 'failing';
}

interface WriteLine {
  key: string;
  text: string;
  bytes: number;
  state: 'queued' | 'writing' | 'live';
  applied: boolean;
}

/** `n` numbers lines in the order they were queued, so `flushed()` can tell which of them are still on their way. */
type QueuedLine = { n: number } & ({ write: WriteLine } | { marker: string; bytes: number });

const MIB = 1024 * 1024;

/**
 * Pending ticket writes on local disk, so they survive the process: one JSON line per write, appended and
 * fsync'd (concurrent appends share one write and one datasync: group commit), an `applied` line once the
 * database has it, replayed at start, rewritten atomically (temp file, rename, directory fsync) when the
 * applied lines are worth dropping. All I/O is asynchronous and runs in one serial pump, so lines never
 * interleave and a rewrite never races an append.
 */
export class TicketOutbox {
  private readonly fs: OutboxFileSystem;
  private readonly writes = new Map<string, WriteLine>();
  private queue: QueuedLine[] = [];
  private handle: FileHandle | undefined;
  private mustRewrite = true;
  private compactWanted = false;
  private pumping: Promise<void> | undefined;
  private inFlight: QueuedLine[] = [];
  private lastQueued = 0;
  private readonly waiters: { upTo: number; resolve: () => void }[] = [];
  private fileBytes = 0;
  private liveBytes = 0;
  private closed = false;
  private readonly epoch = Date.now().toString(36);
  private seq: number;
  private readonly complaints: RateLimitedComplaints;
  private readonly counters = { appended: 0, durable: 0, notDurable: 0, syncs: 0, compactions: 0 };
  private state: OutboxStats['state'] = 'ok';

  private constructor(
    private readonly options: TicketOutboxOptions,
    lastSeq: number,
  ) {
    this.fs = options.fileSystem ?? fsPromises;
    this.seq = lastSeq;
    this.complaints = new RateLimitedComplaints(
      options.logger,
      'ticket writes not kept on disk; they stay in memory only until the database has them',
      { file: options.file, maxBytes: options.maxBytes },
      options.clock,
    );
  }

  /** Reads what the last process left (torn tail and garbage lines are skipped, with a warning) and rewrites the file clean. */
  static async open(options: TicketOutboxOptions): Promise<{ outbox: TicketOutbox; pending: OutboxEntry[] }> {
    const contents = await readOutboxFile(options.fileSystem ?? fsPromises, options.file, options.logger);
    const outbox = new TicketOutbox(options, contents.lastSeq);
    for (const { entry, line } of contents.pending) {
      outbox.writes.set(entry.key, { key: entry.key, text: line, bytes: Buffer.byteLength(line), state: 'live', applied: false });
      outbox.liveBytes += Buffer.byteLength(line);
    }
    if (!(await outbox.rewrite())) throw new Error(`ticket outbox ${options.file} cannot be written`);
    if (contents.pending.length > 0) options.logger.info('ticket outbox holds writes to replay', { writes: contents.pending.length });
    return { outbox, pending: contents.pending.map(({ entry }) => entry) };
  }

  get stats(): OutboxStats {
    return { fileBytes: this.fileBytes, unapplied: this.writes.size, ...this.counters, state: this.state };
  }

  /** Queues the write for the next group commit; returns its key, or undefined when it could not be kept on disk. */
  append(record: OutboxRecord): string | undefined {
    if (this.closed) return this.notDurable('closed', record.kind);
    this.seq += 1;
    const key = `${record.channelId}:${record.kind}:${this.epoch}-${this.seq}`;
    let text: string;
    try {
      text = writeLine({ ...record, key, seq: this.seq });
    } catch (error) {
      return this.notDurable('unserialisable', record.kind, error);
    }
    const write: WriteLine = { key, text, bytes: Buffer.byteLength(text), state: 'queued', applied: false };
    this.writes.set(key, write);
    this.counters.appended += 1;
    this.push({ write });
    return key;
  }

  /** The database has the write: a replay skips it from now on. */
  markApplied(key: string): void {
    const write = this.writes.get(key);
    if (!write || this.closed) return;
    write.applied = true;
    // Queued: it is dropped before it reaches the file. Writing: its marker follows once it is there.
    if (write.state !== 'live') return;
    this.writes.delete(key);
    this.liveBytes -= write.bytes;
    const marker = appliedLine(key);
    this.push({ marker, bytes: Buffer.byteLength(marker) });
  }

  /** Resolves once every write appended so far is on disk (or known not to be). */
  flushed(): Promise<void> {
    if (this.oldestUnsettled() > this.lastQueued) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo: this.lastQueued, resolve }));
  }

  /** Drops applied lines now (after the start-up replay). */
  compact(): Promise<void> {
    this.compactWanted = true;
    this.schedule();
    return this.flushed().then(() => this.pumping);
  }

  /** Flushes what is queued, compacts, closes the file. Unapplied writes stay in it for the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushed();
    await this.pumping;
    this.closed = true;
    if (this.fileBytes > this.liveBytes) await this.rewrite();
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  private push(line: { write: WriteLine } | { marker: string; bytes: number }): void {
    this.lastQueued += 1;
    this.queue.push({ n: this.lastQueued, ...line });
    this.schedule();
  }

  private schedule(): void {
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      if (this.queue.length > 0 || this.compactWanted) this.schedule();
    });
  }

  private async pump(): Promise<void> {
    // Appends made in the same turn of the event loop (a burst of calls) go into the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0 || this.compactWanted) {
      const queuedBytes = this.queue.reduce((sum, line) => sum + ('write' in line ? line.write.bytes : line.bytes), 0);
      const overBound = this.fileBytes + queuedBytes > this.options.maxBytes && this.fileBytes > this.liveBytes;
      if (this.mustRewrite || !this.handle || this.compactWanted || overBound) await this.rewrite();
      this.compactWanted = false;
      this.inFlight = this.queue.splice(0);
      await this.writeBatch(this.inFlight);
      if (this.worthCompacting()) await this.rewrite();
      this.inFlight = [];
      this.settle();
    }
  }

  private worthCompacting(): boolean {
    const compactAt = this.options.compactAtBytes ?? Math.min(MIB, this.options.maxBytes / 4);
    if (this.writes.size === 0) return this.fileBytes >= compactAt;
    return this.fileBytes >= this.options.maxBytes / 2 && this.liveBytes <= this.fileBytes / 2;
  }

  private async writeBatch(batch: QueuedLine[]): Promise<void> {
    const lines: QueuedLine[] = [];
    let bytes = 0;
    let refused = 0;
    for (const line of batch) {
      if ('write' in line && line.write.applied) {
        this.writes.delete(line.write.key);
        continue;
      }
      const size = 'write' in line ? line.write.bytes : line.bytes;
      const fits = this.handle !== undefined && !this.mustRewrite && this.fileBytes + bytes + size <= this.options.maxBytes;
      if (fits) {
        lines.push(line);
        bytes += size;
      } else if ('write' in line) {
        // A lost marker only means a harmless replay; a write that does not fit stays in memory only.
        this.writes.delete(line.write.key);
        refused += 1;
      }
    }
    if (refused > 0) {
      this.state = this.handle && !this.mustRewrite ? 'full' : 'failing';
      this.notDurable(this.state, undefined, undefined, refused);
    }
    if (lines.length === 0 || !this.handle) return;
    const writes = lines.flatMap((line) => ('write' in line ? [line.write] : []));
    for (const write of writes) write.state = 'writing';
    try {
      await this.handle.appendFile(lines.map((line) => ('write' in line ? line.write.text : line.marker)).join(''));
      // Only writes must be on disk before flushed() resolves. A lost `applied` marker means a harmless replay
      // (every write is idempotent), so markers alone ride on the next write's datasync instead of costing one.
      if (writes.length > 0) {
        await this.handle.datasync();
        this.counters.syncs += 1;
      }
      this.fileBytes += bytes;
      this.counters.durable += writes.length;
      if (refused === 0) this.state = 'ok';
      for (const write of writes) this.landed(write);
    } catch (error) {
      // The file may now end in part of a line: it is rewritten before anything else is appended.
      this.mustRewrite = true;
      this.state = 'failing';
      for (const write of writes) this.writes.delete(write.key);
      this.notDurable('failing', undefined, error, writes.length);
    }
  }

  private landed(write: WriteLine): void {
    write.state = 'live';
    if (!write.applied) {
      this.liveBytes += write.bytes;
      return;
    }
    // The database confirmed it while it was being written: its marker goes right after it.
    this.writes.delete(write.key);
    const marker = appliedLine(write.key);
    this.push({ marker, bytes: Buffer.byteLength(marker) });
  }

  private oldestUnsettled(): number {
    return Math.min(this.inFlight[0]?.n ?? Infinity, this.queue[0]?.n ?? Infinity);
  }

  private settle(): void {
    const oldest = this.oldestUnsettled();
    for (let index = this.waiters.length - 1; index >= 0; index -= 1) {
      const waiter = this.waiters[index]!;
      if (waiter.upTo >= oldest) continue;
      this.waiters.splice(index, 1);
      waiter.resolve();
    }
  }

  /** Writes only the unapplied lines to a temp file and renames it over the outbox: a crash leaves the old or the new file, whole. */
  private async rewrite(): Promise<boolean> {
    const { file } = this.options;
    const live = [...this.writes.values()].filter((write) => write.state === 'live');
    const text = live.map((write) => write.text).join('');
    try {
      await replaceFileAtomically(this.fs, file, text);
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      this.handle = await this.fs.open(file, 'a', 0o600);
      this.fileBytes = Buffer.byteLength(text);
      this.liveBytes = this.fileBytes;
      this.mustRewrite = false;
      this.counters.compactions += 1;
      // Markers still queued name lines the new file no longer has.
      this.queue = this.queue.filter((line) => 'write' in line);
      this.settle();
      return true;
    } catch (error) {
      // A failed compaction leaves the old file in use; after a failed append (mustRewrite) writes are refused until one works.
      this.state = 'failing';
      this.complaints.add('failing', 0, { error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  private notDurable(reason: string, kind?: string, error?: unknown, count = 1): undefined {
    this.counters.notDurable += count;
    this.complaints.add(reason, count, { write: kind, error: error instanceof Error ? error.message : error === undefined ? undefined : String(error) });
    return undefined;
  }
}
