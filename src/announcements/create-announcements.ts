import path from 'node:path';
import type { Knex } from 'knex';
import type { IvrDefinition } from '../ivr/types.js';
import { IvrMenuHolder } from '../ivr/menu-holder.js';
import type { Logger } from '../logging/logger.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import { AnnouncementBook } from './announcement-book.js';
import { AnnouncementFiles } from './announcement-files.js';
import { AnnouncementService } from './announcement-service.js';
import { KnexAnnouncementStore } from './announcement-store.js';
import { AnnouncementStream } from './announcement-stream.js';
import { announcementFileName, type Announcement } from './announcement-types.js';
import { announcementScopes, type AnnouncementScope } from './scopes.js';
import { OutcomeCounter } from './outcome-counter.js';
import { espeakRenderer, type SpeechRenderer } from './speech.js';

export interface AnnouncementsConfig {
  soundsDir: string;
  textMaxLength: number;
  uploadMaxBytes: number;
  flushMs: number;
}

export interface AnnouncementsDeps {
  db: Knex;
  /** The menu whose branches are the scopes: a holder follows an admin's new menu at once. */
  ivr: IvrDefinition | IvrMenuHolder;
  config: AnnouncementsConfig;
  baseDir: string;
  logger: Logger;
  speech?: SpeechRenderer;
  /** How often the book is read again (changes another node made); default 30 s. */
  refreshMs?: number;
  /** How long a superseded file stays for calls still playing it; default 15 min. */
  retireAfterMs?: number;
  now?: () => Date;
}

export interface Announcements {
  service: AnnouncementService;
  /** The IVR's ports (src/ivr/announcements.ts). */
  source: AnnouncementBook;
  outcomes: OutcomeCounter;
  /** `all` and the current menu's branches. */
  scopes(): readonly AnnouncementScope[];
  config: AnnouncementsConfig;
  /** Lists what the board shows, counts not yet written included. */
  list(): Announcement[];
  pending: OutcomeCounter['pending'];
  /** The wallboard's `announcements` stream (the hub exists after the call path, which needs the book first). */
  publish(hub: StreamHub): AnnouncementStream;
  start(): Promise<void>;
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export function createAnnouncements(deps: AnnouncementsDeps): Announcements {
  const logger = deps.logger.child({ component: 'announcements' });
  const now = deps.now ?? (() => new Date());
  const store = new KnexAnnouncementStore(deps.db);
  const retireAfterMs = deps.retireAfterMs ?? 15 * 60_000;
  const files = new AnnouncementFiles(path.resolve(deps.baseDir, deps.config.soundsDir), deps.speech ?? espeakRenderer(), logger, retireAfterMs);
  const book = new AnnouncementBook();
  const holder = deps.ivr instanceof IvrMenuHolder ? deps.ivr : undefined;
  let scopes = announcementScopes(holder ? holder.current().definition : (deps.ivr as IvrDefinition));
  let scopeIds: ReadonlySet<string> = new Set();
  const streamMeta = () => ({ scopes: scopes.map((scope) => ({ ...scope })), textMaxLength: deps.config.textMaxLength, uploadMaxBytes: deps.config.uploadMaxBytes });
  const setScopes = (next: AnnouncementScope[]): void => {
    scopes = next;
    scopeIds = new Set(next.map((scope) => scope.id).filter((id) => id !== 'all'));
  };
  setScopes(scopes);
  // Filled by publish(hub); until then changes have nobody to tell.
  let stream: AnnouncementStream | undefined;
  const outcomes = new OutcomeCounter({
    write: (increments) => store.addCounts(increments),
    stored: (increments) => {
      for (const [id, counts] of increments) book.addStored(id, counts.served, counts.continued);
    },
    changed: (id) => stream?.countsChanged(id),
    logger,
    flushMs: deps.config.flushMs,
  });
  const service = new AnnouncementService({
    store,
    files,
    book,
    scopes: () => scopeIds,
    textMaxLength: deps.config.textMaxLength,
    logger,
    now,
    changed: () => stream?.publishAll(),
  });
  // An applied menu's branches are the scopes from then on (the page gets them on the stream's meta); an
  // announcement naming a branch the new menu lacks stays as it is and plays nowhere until it is edited.
  const stopFollowing = holder?.onSwap((snapshot) => {
    setScopes(announcementScopes(snapshot.definition));
    stream?.publishAll();
  });
  const refreshMs = deps.refreshMs ?? 30_000;
  let refreshTimer: NodeJS.Timeout | undefined;

  const refresh = async (): Promise<void> => {
    const at = now();
    const [recent, current] = await Promise.all([store.list(), store.current(at)]);
    const rows = new Map<number, Announcement>();
    for (const row of [...recent, ...current]) rows.set(row.id, row);
    book.replaceAll([...rows.values()]);
    stream?.publishAll();
  };

  return {
    service,
    source: book,
    outcomes,
    scopes: () => scopes,
    config: deps.config,
    list: () => book.list(),
    pending: (id) => outcomes.pending(id),
    refresh,
    publish: (hub) => {
      stream = new AnnouncementStream(hub, book, outcomes, streamMeta, now);
      stream.publishAll();
      return stream;
    },
    start: async () => {
      await refresh();
      const referenced = new Set(book.list().map((row) => announcementFileName(row.id, row.version)));
      const removed = await files.sweep(referenced, Date.now());
      if (removed > 0) logger.info('old announcement files removed', { removed });
      refreshTimer = setInterval(() => {
        refresh().catch((error: unknown) => logger.warn('announcements not refreshed', { error: (error as Error).message }));
      }, refreshMs);
      refreshTimer.unref();
    },
    stop: async () => {
      stopFollowing?.();
      clearInterval(refreshTimer);
      stream?.stop();
      files.stop();
      await outcomes.close();
    },
  };
}
