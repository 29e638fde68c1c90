/** An announcement as stored (src/announcements/announcement-store.ts) and as the routes and board show it. */
export interface Announcement {
  id: number;
  /** The spoken text; null for an uploaded recording (a new upload clears it). */
  text: string | null;
  /** The prompt name under the IVR's sound prefix, `duyuru/<id>-<version>`; null only while it is being made. */
  file: string | null;
  version: number;
  source: 'text' | 'upload';
  /** `all` or a menu id of config/ivr.json. */
  scope: string;
  validFrom: Date;
  validUntil: Date;
  /** Set by "end now": it stops at once, whatever its window said. */
  endedAt: Date | null;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
  played: number;
  served: number;
  continued: number;
}

export type AnnouncementStatus = 'scheduled' | 'active' | 'ended';

export function announcementStatus(announcement: Pick<Announcement, 'file' | 'validFrom' | 'validUntil' | 'endedAt'>, now: Date): AnnouncementStatus {
  const at = now.getTime();
  if (announcement.endedAt !== null && announcement.endedAt.getTime() <= at) return 'ended';
  if (at >= announcement.validUntil.getTime()) return 'ended';
  if (at < announcement.validFrom.getTime() || announcement.file === null) return 'scheduled';
  return 'active';
}

/** The prompt name of a version's sound file. */
export const announcementPrompt = (id: number, version: number): string => `duyuru/${id}-${version}`;
/** The file name of that prompt inside announcements.soundsDir. */
export const announcementFileName = (id: number, version: number): string => `${id}-${version}.wav`;
