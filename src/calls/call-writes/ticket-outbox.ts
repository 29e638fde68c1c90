import { constants, promises as fsPromises } from 'node:fs';
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
  /** An `applied` marker with no write to ride with is written after this long (default 250 ms). */
  markerDelayMs?: number;
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
  /** The line, newline included, encoded once: its length is what the file's limits count. */
  line: Buffer;
  /** Numbers writes in the order they were queued, so `flushed()` can tell which of them are still on their way. */
  n: number;
  state: 'queued' | 'writing' | 'live';
  applied: boolean;
}

const MIB = 1024 * 1024;
const DEFAULT_MARKER_DELAY_MS = 250;

/**
 * O_DSYNC: a write returns once its data (and the size that reaches it) is on disk, what write + fdatasync give,
 * in one system call and one trip through libuv's thread pool instead of two (POSIX synchronized I/O data integrity).
 */
const APPEND_DSYNC = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;

/**
 * Pending ticket writes on local disk, so they survive the process: one JSON line per write, appended through an
 * O_DSYNC handle (concurrent appends share one synchronous write: group commit), `applied` lines naming the writes
 * the database has, replayed at start, rewritten atomically (temp file, rename, directory fsync) when the applied
 * lines are worth dropping. All I/O is asynchronous and runs in one serial pump, so lines never interleave and a
 * rewrite never races an append.
 */
export class TicketOutbox {
  private readonly fs: OutboxFileSystem;
  private readonly writes = new Map<string, WriteLine>();
  private queue: WriteLine[] = [];
  /** Keys of applied writes whose lines are in the file: they go into the next batch's `applied` line. */
  private markers: string[] = [];
  private markersDue = false;
  private markerTimer: NodeJS.Timeout | undefined;
  private handle: FileHandle | undefined;
  private mustRewrite = true;
  private compactWanted = false;
  private pumping: Promise<void> | undefined;
  private inFlight: WriteLine[] = [];
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
      const encoded = Buffer.from(line);
      outbox.writes.set(entry.key, { key: entry.key, line: encoded, n: 0, state: 'live', applied: false });
      outbox.liveBytes += encoded.length;
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
    let line: Buffer;
    try {
      line = Buffer.from(writeLine({ kind: record.kind, channelId: record.channelId, payload: record.payload, key, seq: this.seq }));
    } catch (error) {
      return this.notDurable('unserialisable', record.kind, error);
    }
    this.lastQueued += 1;
    const write: WriteLine = { key, line, n: this.lastQueued, state: 'queued', applied: false };
    this.writes.set(key, write);
    this.counters.appended += 1;
    this.queue.push(write);
    this.schedule();
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
    this.liveBytes -= write.line.length;
    this.addMarker(key);
    // Everything in the file is applied: rewriting it empty beats writing the markers, and it is done at once.
    if (this.writes.size === 0 && this.worthCompacting()) {
      this.compactWanted = true;
      this.schedule();
    }
  }

  /** Resolves once every write appended so far is on disk (or known not to be); `applied` markers are not waited for. */
  flushed(): Promise<void> {
    if (this.oldestUnsettled() > this.lastQueued) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo: this.lastQueued, resolve }));
  }

  /** Like flushed(), and the `applied` markers waiting for a batch are written too, now: the file is as current as it gets. */
  async flushedWithMarkers(): Promise<void> {
    if (this.markers.length > 0 && !this.closed) {
      this.markersDue = true;
      this.schedule();
    }
    await this.flushed();
    await this.pumping;
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
    clearTimeout(this.markerTimer);
    // Markers still pending name applied lines: the rewrite drops those lines instead.
    if (this.fileBytes > this.liveBytes) await this.rewrite();
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  /**
   * A marker alone is not worth a write: a lost one only means a harmless replay (every write is idempotent). It
   * rides with the next batch of writes (under load there is one every few ms) or, when none comes, goes alone
   * after `markerDelayMs`, so an idle outbox still records what the database has.
   */
  private addMarker(key: string): void {
    this.markers.push(key);
    if (this.markerTimer !== undefined) return;
    this.markerTimer = setTimeout(() => {
      this.markerTimer = undefined;
      if (this.markers.length === 0 || this.closed) return;
      this.markersDue = true;
      this.schedule();
    }, this.options.markerDelayMs ?? DEFAULT_MARKER_DELAY_MS);
    this.markerTimer.unref();
  }

  private hasWork(): boolean {
    return this.queue.length > 0 || this.compactWanted || (this.markersDue && this.markers.length > 0);
  }

  private schedule(): void {
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      if (this.hasWork()) this.schedule();
    });
  }

  private async pump(): Promise<void> {
    // Appends made in the same turn of the event loop (a burst of calls) go into the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.hasWork()) {
      let queuedBytes = 0;
      for (const write of this.queue) queuedBytes += write.line.length;
      const overBound = this.fileBytes + queuedBytes > this.options.maxBytes && this.fileBytes > this.liveBytes;
      if (this.mustRewrite || !this.handle || this.compactWanted || overBound) await this.rewrite();
      this.compactWanted = false;
      this.markersDue = false;
      this.inFlight = this.queue.splice(0);
      await this.writeBatch(this.inFlight, this.markers.splice(0));
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

  private async writeBatch(batch: WriteLine[], markerKeys: string[]): Promise<void> {
    const parts: Buffer[] = [];
    let bytes = 0;
    let refused = 0;
    if (markerKeys.length > 0) {
      // Before the writes: the lines it names are in the file already. One that does not fit is dropped (a harmless replay).
      const marker = Buffer.from(appliedLine(markerKeys));
      if (this.fits(bytes + marker.length)) {
        parts.push(marker);
        bytes += marker.length;
      }
    }
    const writes: WriteLine[] = [];
    for (const write of batch) {
      if (write.applied) {
        this.writes.delete(write.key);
        continue;
      }
      if (this.fits(bytes + write.line.length)) {
        parts.push(write.line);
        bytes += write.line.length;
        writes.push(write);
      } else {
        // A write that does not fit stays in memory only.
        this.writes.delete(write.key);
        refused += 1;
      }
    }
    if (refused > 0) {
      this.state = this.handle && !this.mustRewrite ? 'full' : 'failing';
      this.notDurable(this.state, undefined, undefined, refused);
    }
    if (parts.length === 0 || !this.handle) return;
    for (const write of writes) write.state = 'writing';
    try {
      await writeAll(this.handle, parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes));
      // Every write through the O_DSYNC handle is a synchronous one, an idle outbox's lone marker too.
      this.counters.syncs += 1;
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

  private fits(batchBytes: number): boolean {
    return this.handle !== undefined && !this.mustRewrite && this.fileBytes + batchBytes <= this.options.maxBytes;
  }

  private landed(write: WriteLine): void {
    write.state = 'live';
    if (!write.applied) {
      this.liveBytes += write.line.length;
      return;
    }
    // The database confirmed it while it was being written: its marker follows.
    this.writes.delete(write.key);
    this.addMarker(write.key);
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
    const live: Buffer[] = [];
    for (const write of this.writes.values()) if (write.state === 'live') live.push(write.line);
    const text = Buffer.concat(live);
    try {
      await replaceFileAtomically(this.fs, file, text);
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      this.handle = await this.fs.open(file, APPEND_DSYNC, 0o600);
      this.fileBytes = text.length;
      this.liveBytes = this.fileBytes;
      this.mustRewrite = false;
      this.counters.compactions += 1;
      // Markers still pending name lines the new file no longer has.
      this.markers = [];
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

/** A regular file takes a write whole but for a full disk or an error; a short write is carried on, not lost. */
async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    if (bytesWritten <= 0) throw new Error('ticket outbox write made no progress');
    offset += bytesWritten;
  }
}
