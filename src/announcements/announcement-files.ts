import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging/logger.js';
import { announcementFileName } from './announcement-types.js';
import type { SpeechRenderer } from './speech.js';

const VERSION_FILE = /^([0-9]+)-([0-9]+)\.wav$/;

/**
 * The announcements' sound files in announcements.soundsDir (Asterisk's sounds/tr/alo153/duyuru). Every file is
 * written beside its target and renamed, so Asterisk never opens a half-written one; a superseded version is
 * removed only after `retireAfterMs`, because a caller may be hearing it right now.
 */
export class AnnouncementFiles {
  private readonly retiring = new Set<NodeJS.Timeout>();

  constructor(
    readonly dir: string,
    private readonly speech: SpeechRenderer,
    private readonly logger: Logger,
    private readonly retireAfterMs: number,
  ) {}

  pathOf(id: number, version: number): string {
    return path.join(this.dir, announcementFileName(id, version));
  }

  async speak(id: number, version: number, text: string): Promise<void> {
    await this.put(id, version, (tmp) => this.speech.render(text, tmp));
  }

  async store(id: number, version: number, bytes: Buffer): Promise<void> {
    await this.put(id, version, (tmp) => writeFile(tmp, bytes, { flag: 'wx' }));
  }

  private async put(id: number, version: number, write: (tmp: string) => Promise<void>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.${id}-${version}.${randomBytes(4).toString('hex')}.wav`);
    try {
      await write(tmp);
      // Asterisk runs as its own user and reads the file through the shared directory.
      await chmod(tmp, 0o644);
      await rename(tmp, this.pathOf(id, version));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  /** Removes a version now (a file made for a row that was then refused) . */
  async discard(id: number, version: number): Promise<void> {
    await rm(this.pathOf(id, version), { force: true });
  }

  /** Removes a superseded version once no call can still be playing it. */
  retire(id: number, version: number): void {
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      this.discard(id, version).catch((error: unknown) => this.logger.warn('announcement file not removed', { id, version, error: (error as Error).message }));
    }, this.retireAfterMs);
    timer.unref();
    this.retiring.add(timer);
  }

  /** At start: versions no row names any more (left by a restart before their retirement) and old enough are removed. */
  async sweep(referenced: ReadonlySet<string>, now: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!VERSION_FILE.test(name) || referenced.has(name)) continue;
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info || now - info.mtimeMs < this.retireAfterMs) continue;
      await rm(file, { force: true });
      removed += 1;
    }
    return removed;
  }

  /** Shutdown: pending retirements are left to the next start's sweep. */
  stop(): void {
    for (const timer of this.retiring) clearTimeout(timer);
    this.retiring.clear();
  }
}
