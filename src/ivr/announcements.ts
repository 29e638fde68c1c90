import type { PromptName } from './types.js';

/**
 * Live announcements (a planned water cut in Talas …) as the IVR sees them: set by a supervisor, spoken into a
 * sound file, played before the menu of their scope. The store behind these ports lives in src/announcements/.
 */
export interface ActiveAnnouncement {
  id: number;
  /** The sound file's prompt name under the IVR's sound prefix (e.g. `duyuru/12-3`): a new text is a new file. */
  prompt: PromptName;
  /** `all`: every caller, before the main menu; otherwise the menu id of the branch (`ulasim`), before that menu. */
  scope: 'all' | string;
}

/** Synchronous on purpose: the IVR asks per call and per menu, so the source answers from a cache it keeps fresh. */
export interface AnnouncementSource {
  active(now: Date): readonly ActiveAnnouncement[];
}

/**
 * How an announcement ended for one call: `served` when the caller hung up during it or within the served window
 * after it without choosing anything (the announcement answered them); `continued` when they went on to the menu.
 */
export type AnnouncementOutcome = 'served' | 'continued';

export interface AnnouncementOutcomes {
  record(outcome: { announcementId: number; callId: string; outcome: AnnouncementOutcome; at: Date }): void;
}
