import type { Logger } from '../logging/logger.js';
import type { AnnouncementBook } from './announcement-book.js';
import type { AnnouncementFiles } from './announcement-files.js';
import type { KnexAnnouncementStore } from './announcement-store.js';
import { announcementPrompt, type Announcement } from './announcement-types.js';
import { AnnouncementError, checkAudio, checkScope, checkText, checkWindow } from './announcement-rules.js';

export { AnnouncementError, type AnnouncementErrorCode } from './announcement-rules.js';

export type AnnouncementContent = { kind: 'text'; text: string } | { kind: 'upload'; bytes: Buffer };

export interface AnnouncementFields {
  scope: string;
  validFrom: Date;
  validUntil: Date;
}

export interface AnnouncementServiceOptions {
  store: KnexAnnouncementStore;
  files: AnnouncementFiles;
  book: AnnouncementBook;
  /** Menu ids a branch announcement may name (the menu in use), besides `all`. */
  scopes: () => ReadonlySet<string>;
  textMaxLength: number;
  logger: Logger;
  now?: () => Date;
  /** Every change (the board re-publishes). */
  changed?: () => void;
}

/**
 * Creates, edits, ends and deletes announcements: the row, its sound file (spoken at once, or an upload checked
 * as 8 kHz mono 16-bit PCM) and the in-memory book the IVR reads. A new text or upload is a new version and a new
 * file; the old file stays a while for calls that are playing it. Changes of one announcement run one at a time
 * on this node, so two quick edits never write the same version's file.
 */
export class AnnouncementService {
  private readonly chains = new Map<number, Promise<unknown>>();
  private readonly now: () => Date;

  constructor(private readonly options: AnnouncementServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  private serial<T>(id: number, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(id, settled);
    void settled.then(() => {
      if (this.chains.get(id) === settled) this.chains.delete(id);
    });
    return next;
  }





  private async writeContent(id: number, version: number, content: AnnouncementContent): Promise<void> {
    if (content.kind === 'upload') return this.options.files.store(id, version, content.bytes);
    try {
      await this.options.files.speak(id, version, content.text);
    } catch (error) {
      this.options.logger.error('announcement not spoken', { id, version, error: (error as Error).message });
      throw new AnnouncementError('speech-failed', 'Duyuru seslendirilemedi', 'text');
    }
  }

  private async reload(id: number): Promise<Announcement> {
    const row = await this.options.store.get(id);
    if (!row) {
      this.options.book.delete(id);
      this.options.changed?.();
      throw new AnnouncementError('not-found', 'Duyuru bulunamadı');
    }
    this.options.book.put(row);
    this.options.changed?.();
    return row;
  }

  private async existing(id: number): Promise<Announcement> {
    const row = await this.options.store.get(id);
    if (!row) throw new AnnouncementError('not-found', 'Duyuru bulunamadı');
    return row;
  }

  async create(content: AnnouncementContent, fields: AnnouncementFields, by: string): Promise<Announcement> {
    const now = this.now();
    checkScope(this.options.scopes(), fields.scope);
    checkWindow(fields.validFrom, fields.validUntil, now);
    const normalised: AnnouncementContent = content.kind === 'text' ? { kind: 'text', text: checkText(this.options.textMaxLength, content.text) } : content;
    if (normalised.kind === 'upload') checkAudio(normalised.bytes);
    const text = normalised.kind === 'text' ? normalised.text : null;
    const id = await this.options.store.insert({ text, source: normalised.kind, ...fields, by, at: now });
    try {
      await this.writeContent(id, 1, normalised);
      await this.options.store.update(id, 0, { file: announcementPrompt(id, 1), version: 1 }, by, this.now());
    } catch (error) {
      // A row without a file would never play: it goes with the failed file.
      await this.options.store.remove(id);
      await this.options.files.discard(id, 1);
      throw error;
    }
    this.options.logger.info('announcement created', { id, scope: fields.scope, source: normalised.kind, by });
    return this.reload(id);
  }

  /** A new text is a new version (spoken at once); scope and window change in place. */
  update(id: number, changes: Partial<AnnouncementFields> & { text?: string }, by: string): Promise<Announcement> {
    return this.serial(id, async () => {
      const row = await this.existing(id);
      const now = this.now();
      if (row.endedAt !== null) throw new AnnouncementError('ended', 'Sona erdirilmiş bir duyuru değiştirilemez');
      if (changes.scope !== undefined) checkScope(this.options.scopes(), changes.scope);
      const from = changes.validFrom ?? row.validFrom;
      const until = changes.validUntil ?? row.validUntil;
      if (changes.validFrom !== undefined || changes.validUntil !== undefined) checkWindow(from, until, now);
      const text = changes.text === undefined ? undefined : checkText(this.options.textMaxLength, changes.text);
      const newText = text !== undefined && (text !== row.text || row.source !== 'text');
      const version = newText ? row.version + 1 : row.version;
      if (newText) await this.writeContent(id, version, { kind: 'text', text });
      const updated = await this.options.store.update(
        id,
        row.version,
        {
          ...(changes.scope !== undefined ? { scope: changes.scope } : {}),
          validFrom: from,
          validUntil: until,
          ...(newText ? { text, source: 'text' as const, version, file: announcementPrompt(id, version) } : {}),
        },
        by,
        now,
      );
      if (!updated) {
        if (newText) await this.options.files.discard(id, version);
        throw new AnnouncementError('conflict', 'Duyuru bu arada değişti, listeyi yenileyin');
      }
      if (newText) this.options.files.retire(id, row.version);
      return this.reload(id);
    });
  }

  /** A new recording for an announcement: a new version, the old file retired later. */
  replaceAudio(id: number, bytes: Buffer, by: string): Promise<Announcement> {
    return this.serial(id, async () => {
      const row = await this.existing(id);
      if (row.endedAt !== null) throw new AnnouncementError('ended', 'Sona erdirilmiş bir duyuru değiştirilemez');
      checkAudio(bytes);
      const version = row.version + 1;
      await this.options.files.store(id, version, bytes);
      const updated = await this.options.store.update(id, row.version, { text: null, source: 'upload', version, file: announcementPrompt(id, version) }, by, this.now());
      if (!updated) {
        await this.options.files.discard(id, version);
        throw new AnnouncementError('conflict', 'Duyuru bu arada değişti, listeyi yenileyin');
      }
      this.options.files.retire(id, row.version);
      return this.reload(id);
    });
  }

  /** "Şimdi bitir": no new caller hears it from now on; it stays listed with its counts. */
  end(id: number, by: string): Promise<Announcement> {
    return this.serial(id, async () => {
      const row = await this.existing(id);
      if (row.endedAt === null) await this.options.store.update(id, row.version, { endedAt: this.now() }, by, this.now());
      this.options.logger.info('announcement ended', { id, by });
      return this.reload(id);
    });
  }

  remove(id: number, by: string): Promise<void> {
    return this.serial(id, async () => {
      const row = await this.existing(id);
      await this.options.store.remove(id);
      this.options.book.delete(id);
      this.options.changed?.();
      this.options.files.retire(id, row.version);
      this.options.logger.info('announcement deleted', { id, by });
    });
  }
}
