import type { promises as fsPromises } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import { LogThrottle } from '../../logging/log-throttle.js';
import { parseOutbox, type OutboxFileContents } from './ticket-outbox-lines.js';

/** The file operations the outbox uses (tests inject a failing or recording disk). */
export type OutboxFileSystem = Pick<typeof fsPromises, 'open' | 'readFile' | 'rename' | 'mkdir'>;

/** What the last process left; a torn tail and garbage lines are skipped, with a warning. */
export async function readOutboxFile(fs: OutboxFileSystem, file: string, logger: Logger): Promise<OutboxFileContents> {
  await fs.mkdir(dirname(file), { recursive: true });
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const contents = parseOutbox(text);
  if (contents.tornTail) logger.warn('ticket outbox ended in a partial line (the process died mid-write); it is ignored', { file });
  if (contents.garbageLines > 0) logger.warn('ticket outbox lines skipped: not outbox lines', { file, lines: contents.garbageLines });
  return contents;
}

/**
 * Replaces `file` with `text` so that a crash at any point leaves the old or the new content, whole: a temp
 * file is written and fsync'd, renamed over the file, and the directory is fsync'd so the rename itself is on disk.
 * Files are created 0600: the outbox holds callers' numbers (KVKK).
 */
export async function replaceFileAtomically(fs: OutboxFileSystem, file: string, text: string | Uint8Array): Promise<void> {
  const temp = `${file}.tmp`;
  const out = await fs.open(temp, 'w', 0o600);
  try {
    await out.writeFile(text);
    await out.sync();
  } finally {
    await out.close();
  }
  await fs.rename(temp, file);
  const directory = await fs.open(dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** At most one error line per cause per minute, with the count since the last one: a full disk must not flood the log. */
export class RateLimitedComplaints {
  private readonly throttle: LogThrottle;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
    private readonly context: Record<string, unknown>,
    clock: () => number = Date.now,
  ) {
    this.throttle = new LogThrottle(60_000, clock);
  }

  add(reason: string, count: number, detail: Record<string, unknown>): void {
    const writes = this.throttle.due(reason, count);
    if (writes !== undefined) this.logger.error(this.message, { reason, writes, ...this.context, ...detail });
  }
}
