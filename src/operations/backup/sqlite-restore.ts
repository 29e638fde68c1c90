import { copyFile, open, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { integrityOf, SqliteHandle } from './sqlite-handle.js';
import { BackupError } from './sqlite-backup.js';

export interface BackupCheck {
  /** Migrations the backup has, oldest first. */
  applied: string[];
  /** Migrations this alo153 has that the backup lacks: alo153 applies them at its next start. */
  pending: string[];
}

/**
 * Whether `file` can be restored by this alo153: PRAGMA integrity_check is `ok`, it is an alo153 database
 * (knex_migrations), and it has no migration this code does not know (a backup of a newer version).
 */
export async function checkBackup(file: string, known: readonly string[]): Promise<BackupCheck> {
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`);
  let handle: SqliteHandle;
  try {
    handle = await SqliteHandle.open(file, 'readonly');
  } catch (error) {
    throw new BackupError(`${file}: not an SQLite database (${(error as Error).message})`);
  }
  try {
    let problems: string[];
    try {
      problems = await integrityOf(handle);
    } catch (error) {
      throw new BackupError(`${file}: not an SQLite database (${(error as Error).message})`);
    }
    if (problems.join() !== 'ok') throw new BackupError(`${file}: fails PRAGMA integrity_check: ${problems.slice(0, 5).join('; ')}`);
    const tables = await handle.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'knex_migrations'");
    if (tables.length === 0) throw new BackupError(`${file}: not an alo153 database (no knex_migrations table)`);
    const applied = (await handle.all<{ name: string }>('SELECT name FROM knex_migrations ORDER BY id')).map((row) => row.name);
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new BackupError(`${file}: made by a newer alo153 (migrations this version does not have: ${unknown.join(', ')})`);
    return { applied, pending: known.filter((name) => !applied.includes(name)) };
  } finally {
    await handle.close();
  }
}

export interface RestoreOptions {
  backup: string;
  /** The database file alo153 uses (database.sqliteFile). */
  target: string;
  known: readonly string[];
  now?: Date;
}

export interface RestoreResult extends BackupCheck {
  /** Where the replaced database (and its -wal, -shm) now are; empty when there was none. */
  keptAside: string[];
}

const SIDE_FILES = ['', '-wal', '-shm'];

/**
 * Replaces the database with a checked backup. Refused while the file is in use: every connection in WAL mode
 * holds a shared lock on it, so an EXCLUSIVE lock is only granted when no alo153 (or `npm run migrate`) has it
 * open, and it is held until the new file is in place. The old file and its -wal/-shm are renamed aside
 * (`<file>.before-restore-<time>`), never deleted.
 */
export async function restoreSqlite(options: RestoreOptions): Promise<RestoreResult> {
  const backup = path.resolve(options.backup);
  const target = path.resolve(options.target);
  if (backup === target) throw new BackupError('the backup is the database itself');
  const check = await checkBackup(backup, options.known);
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const incoming = `${target}.restoring`;
  await copyFile(backup, incoming);
  await syncFile(incoming);
  const lock = existsSync(target) ? await lockExclusively(target) : undefined;
  const keptAside: string[] = [];
  try {
    for (const suffix of SIDE_FILES) {
      const file = `${target}${suffix}`;
      if (!existsSync(file)) continue;
      const aside = `${target}.before-restore-${stamp}${suffix}`;
      await rename(file, aside);
      keptAside.push(aside);
    }
    await rename(incoming, target);
    await syncFile(path.dirname(target));
  } catch (error) {
    await rm(incoming, { force: true });
    throw error;
  } finally {
    await lock?.close();
  }
  return { ...check, keptAside };
}

async function lockExclusively(file: string): Promise<SqliteHandle> {
  const handle = await SqliteHandle.open(file, 'readwrite');
  handle.busyTimeout(0);
  try {
    await handle.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;');
    // The old file on its own (its WAL checkpointed into it and removed), so what is kept aside is complete and
    // closing this connection later deletes no -wal by name next to the restored file.
    await handle.exec('PRAGMA journal_mode = DELETE');
    return handle;
  } catch (error) {
    await handle.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new BackupError(`${file} is in use (is alo153 running? stop it first: systemctl stop alo153)`);
    throw error;
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
