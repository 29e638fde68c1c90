import sqlite3 from 'sqlite3';

/** node-sqlite3's Backup (src/backup.h); its .d.ts does not declare it. */
export interface SqliteBackup {
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback?: (error: Error | null) => void): void;
  readonly remaining: number;
  readonly pageCount: number;
  readonly completed: boolean;
  readonly failed: boolean;
}

type BackupCapable = sqlite3.Database & { backup(filename: string, callback?: (error: Error | null) => void): SqliteBackup };

/** A raw node-sqlite3 connection with promises: the backup API is not reachable through knex. */
export class SqliteHandle {
  private constructor(readonly db: BackupCapable) {}

  static open(file: string, mode: 'readonly' | 'readwrite' | 'create' = 'readonly'): Promise<SqliteHandle> {
    const flags = mode === 'readonly' ? sqlite3.OPEN_READONLY : mode === 'readwrite' ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, flags, (error) => (error ? reject(error) : resolve(new SqliteHandle(db as BackupCapable))));
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows))));
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  /** Starts an online backup of this connection's main database into `file` (created or overwritten). */
  backupTo(file: string): Promise<SqliteBackup> {
    return new Promise((resolve, reject) => {
      const backup = this.db.backup(file, (error) => (error ? reject(error) : resolve(backup)));
    });
  }

  busyTimeout(ms: number): void {
    this.db.configure('busyTimeout', ms);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}

export const stepBackup = (backup: SqliteBackup, pages: number): Promise<void> =>
  new Promise((resolve, reject) => backup.step(pages, (error) => (error ? reject(error) : resolve())));

export async function integrityOf(handle: SqliteHandle): Promise<string[]> {
  const rows = await handle.all<{ integrity_check: string }>('PRAGMA integrity_check');
  return rows.map((row) => row.integrity_check);
}
