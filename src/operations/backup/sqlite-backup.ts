import { existsSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { integrityOf, SqliteHandle, stepBackup } from './sqlite-handle.js';

export interface BackupOptions {
  /** The live database file (alo153 may be running on it). */
  source: string;
  /** The backup file to create; it must not exist yet. */
  target: string;
  /** Pages copied per step (4 KiB each): between steps alo153 writes on, the database is never locked for long. */
  pagesPerStep?: number;
  /** Pause between steps, so the copy leaves the disk to the call path. */
  pauseMs?: number;
  /**
   * A write by another connection (alo153) between two steps makes SQLite start the copy over. After this many
   * restarts the rest is copied in one step: in WAL mode that step reads a snapshot and does not block writers.
   */
  maxRestarts?: number;
  onProgress?: (progress: { remaining: number; pageCount: number }) => void;
}

export interface BackupResult {
  target: string;
  pages: number;
  bytes: number;
  steps: number;
  restarts: number;
  ms: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** fsync of a file, or of a directory (so a rename in it is durable). */
async function syncPath(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * SQLite's online backup (sqlite3_backup_step through node-sqlite3's Database#backup) into `<target>.partial`,
 * then checked (PRAGMA integrity_check), switched to a single self-contained file (journal_mode=DELETE, no -wal),
 * fsync'd and renamed to `target`: a backup file that exists is a complete one.
 */
export async function backupSqlite(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const source = path.resolve(options.source);
  const target = path.resolve(options.target);
  if (!existsSync(source)) throw new BackupError(`${source}: no such database file`);
  if (existsSync(target)) throw new BackupError(`${target}: already exists (a backup never overwrites a file)`);
  const partial = `${target}.partial`;
  await rm(partial, { force: true });
  const pagesPerStep = options.pagesPerStep ?? 1024;
  const maxRestarts = options.maxRestarts ?? 3;
  const live = await SqliteHandle.open(source, 'readonly');
  let steps = 0;
  let restarts = 0;
  try {
    live.busyTimeout(5000);
    const backup = await live.backupTo(partial);
    let lastRemaining = Infinity;
    while (!backup.completed) {
      if (backup.failed) throw new BackupError('the backup failed');
      const pages = restarts >= maxRestarts ? -1 : pagesPerStep;
      await stepBackup(backup, pages);
      steps += 1;
      // More pages left than after the last step: a write in between made SQLite start over.
      if (backup.remaining > lastRemaining) restarts += 1;
      lastRemaining = backup.remaining;
      options.onProgress?.({ remaining: backup.remaining, pageCount: backup.pageCount });
      if (!backup.completed && options.pauseMs) await pause(options.pauseMs);
    }
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await live.close();
  }
  const copy = await SqliteHandle.open(partial, 'readwrite');
  let pages = 0;
  try {
    await copy.exec('PRAGMA journal_mode = DELETE');
    const problems = await integrityOf(copy);
    if (problems.join() !== 'ok') throw new BackupError(`the copy fails PRAGMA integrity_check: ${problems.slice(0, 5).join('; ')}`);
    pages = (await copy.all<{ page_count: number }>('PRAGMA page_count'))[0]?.page_count ?? 0;
  } catch (error) {
    await copy.close();
    await rm(partial, { force: true });
    throw error;
  }
  await copy.close();
  await syncPath(partial);
  await rename(partial, target);
  await syncPath(path.dirname(target));
  const { size } = await stat(target);
  return { target, pages, bytes: size, steps, restarts, ms: Date.now() - started };
}
