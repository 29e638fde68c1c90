import type { BoardEntries, StreamName } from '../realtime/protocol.js';
import { inboxStream } from '../realtime/stream-names.js';
import { inboxOf, toInboxItem } from './read/inbox-item.js';
import type { RequestChange } from './request-service.js';

/** What the publisher needs of the stream hub (src/realtime/stream-hub.ts). */
export interface InboxStreamPort {
  patch(stream: StreamName, set: Readonly<BoardEntries>, remove?: readonly string[]): unknown;
}

export interface ChangeSource {
  onChange(listener: (change: RequestChange) => void): () => void;
}

/**
 * Keeps every open department page's inbox live: after each committed change of the request service, the
 * item is set in `inbox:<department>` while it sits there (forwarded, in_progress), and removed from the
 * inbox it left (answered, returned, asked, or transferred to another department). Entries are keyed by the
 * ticket number and are exactly the inbox item of GET /api/inbox. Returns the unsubscribe.
 */
export function publishInboxChanges(source: ChangeSource, hub: InboxStreamPort, now: () => Date = () => new Date()): () => void {
  return source.onChange((change) => {
    const { before, after } = change;
    const left = before ? inboxOf(before) : null;
    const entered = inboxOf(after);
    if (left !== null && left !== entered) hub.patch(inboxStream(left), {}, [before?.number ?? after.number]);
    if (entered !== null) {
      // JSON round trip: the entry must be plain data (no undefined), as the hub compares entries by their JSON.
      const item = JSON.parse(JSON.stringify(toInboxItem(after, now()))) as BoardEntries[string];
      hub.patch(inboxStream(entered), { [after.number]: item });
    }
  });
}
