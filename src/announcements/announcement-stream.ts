import type { BoardEntries, JsonValue } from '../realtime/protocol.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import type { AnnouncementBook } from './announcement-book.js';
import { announcementStatus, type Announcement } from './announcement-types.js';
import type { OutcomeCounter } from './outcome-counter.js';

export const ANNOUNCEMENTS_STREAM = 'announcements';

/** What the wallboard shows of one announcement (`item:<id>` on the `announcements` stream, and GET /api/announcements). */
export interface AnnouncementView {
  id: number;
  text: string | null;
  source: 'text' | 'upload';
  scope: string;
  validFrom: string;
  validUntil: string;
  endedAt: string | null;
  status: 'scheduled' | 'active' | 'ended';
  version: number;
  played: number;
  served: number;
  continued: number;
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
}

export function announcementView(row: Announcement, now: Date, pending: { served: number; continued: number } = { served: 0, continued: 0 }): AnnouncementView {
  return {
    id: row.id,
    text: row.text,
    source: row.source,
    scope: row.scope,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    status: announcementStatus(row, now),
    version: row.version,
    played: row.played + pending.served + pending.continued,
    served: row.served + pending.served,
    continued: row.continued + pending.continued,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const itemKey = (id: number): string => `item:${id}`;
const COALESCE_MS = 250;

/**
 * Publishes the book on the `announcements` stream (supervisors, admins): the whole list after a change or at a
 * validity boundary (status flips from scheduled to active to ended), and only the touched items when counts
 * move (coalesced, so a burst of calls is one delta).
 */
export class AnnouncementStream {
  private boundary: NodeJS.Timeout | undefined;
  private coalesce: NodeJS.Timeout | undefined;
  private readonly touched = new Set<number>();
  private stopped = false;

  constructor(
    private readonly hub: StreamHub,
    private readonly book: AnnouncementBook,
    private readonly counter: Pick<OutcomeCounter, 'pending'>,
    /** Read at each publish: the scopes follow the menu in use. */
    private readonly meta: () => JsonValue,
    private readonly now: () => Date = () => new Date(),
  ) {
    hub.onOpen(ANNOUNCEMENTS_STREAM, () => this.publishAll());
  }

  private entries(): BoardEntries {
    const now = this.now();
    const entries: BoardEntries = { meta: this.meta() };
    for (const row of this.book.list()) entries[itemKey(row.id)] = announcementView(row, now, this.counter.pending(row.id)) as unknown as JsonValue;
    return entries;
  }

  publishAll(): void {
    if (this.stopped) return;
    this.hub.replace(ANNOUNCEMENTS_STREAM, this.entries());
    this.scheduleBoundary();
  }

  countsChanged(id: number): void {
    this.touched.add(id);
    if (this.coalesce || this.stopped) return;
    this.coalesce = setTimeout(() => {
      this.coalesce = undefined;
      const now = this.now();
      const set: BoardEntries = {};
      for (const touched of this.touched) {
        const row = this.book.get(touched);
        if (row) set[itemKey(touched)] = announcementView(row, now, this.counter.pending(touched)) as unknown as JsonValue;
      }
      this.touched.clear();
      this.hub.patch(ANNOUNCEMENTS_STREAM, set);
    }, COALESCE_MS);
    this.coalesce.unref();
  }

  private scheduleBoundary(): void {
    clearTimeout(this.boundary);
    const at = this.now().getTime();
    const next = this.book.nextBoundary(at);
    if (next === undefined) return;
    // setTimeout holds at most ~24.8 days; a far boundary is re-planned by the refresh anyway.
    this.boundary = setTimeout(() => this.publishAll(), Math.min(next - at + 5, 2 ** 31 - 1));
    this.boundary.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.boundary);
    clearTimeout(this.coalesce);
  }
}
