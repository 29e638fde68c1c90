import type { ActiveAnnouncement, AnnouncementSource } from '../ivr/announcements.js';
import { announcementStatus, type Announcement } from './announcement-types.js';

/**
 * The announcements this node knows, in memory: the IVR asks `active(now)` synchronously per call and per menu,
 * so the answer never waits for the database. Filled from the store at start, after every change made here,
 * and on the service's refresh timer (changes made on another node). The window is checked at every call of
 * `active(now)`, so a boundary (valid_from, valid_until) takes effect to the millisecond without a reload.
 */
export class AnnouncementBook implements AnnouncementSource {
  private rows = new Map<number, Announcement>();
  /** Same answer for the same state, so the IVR's per-call question allocates nothing. */
  private memo: { from: number; until: number; rowsVersion: number; value: readonly ActiveAnnouncement[] } | undefined;
  private rowsVersion = 0;

  active(now: Date): readonly ActiveAnnouncement[] {
    const at = now.getTime();
    const memo = this.memo;
    if (memo && memo.rowsVersion === this.rowsVersion && at >= memo.from && at < memo.until) return memo.value;
    const value: ActiveAnnouncement[] = [];
    for (const row of this.rows.values()) {
      if (row.file !== null && announcementStatus(row, now) === 'active') value.push({ id: row.id, prompt: row.file, scope: row.scope });
    }
    value.sort((a, b) => a.id - b.id);
    this.memo = { from: this.previousBoundary(at), until: this.nextBoundary(at) ?? Number.POSITIVE_INFINITY, rowsVersion: this.rowsVersion, value };
    return value;
  }

  /** The next instant at which some announcement starts or stops (the board re-publishes then). */
  nextBoundary(at: number): number | undefined {
    let next: number | undefined;
    for (const row of this.rows.values()) {
      for (const edge of [row.validFrom.getTime(), row.validUntil.getTime(), row.endedAt?.getTime()]) {
        if (edge !== undefined && edge > at && (next === undefined || edge < next)) next = edge;
      }
    }
    return next;
  }

  private previousBoundary(at: number): number {
    let previous = Number.NEGATIVE_INFINITY;
    for (const row of this.rows.values()) {
      for (const edge of [row.validFrom.getTime(), row.validUntil.getTime(), row.endedAt?.getTime()]) {
        if (edge !== undefined && edge <= at && edge > previous) previous = edge;
      }
    }
    return previous;
  }

  replaceAll(rows: readonly Announcement[]): void {
    this.rows = new Map(rows.map((row) => [row.id, row]));
    this.rowsVersion += 1;
  }

  put(row: Announcement): void {
    this.rows.set(row.id, row);
    this.rowsVersion += 1;
  }

  delete(id: number): void {
    if (this.rows.delete(id)) this.rowsVersion += 1;
  }

  get(id: number): Announcement | undefined {
    return this.rows.get(id);
  }

  list(): Announcement[] {
    return [...this.rows.values()].sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime() || b.id - a.id);
  }

  /** Counts the database has taken from this node's flush (the row shows them until the next reload). */
  addStored(id: number, served: number, continued: number): void {
    const row = this.rows.get(id);
    if (!row) return;
    row.played += served + continued;
    row.served += served;
    row.continued += continued;
  }
}
