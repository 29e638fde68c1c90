import type { JsonValue, StreamName } from '../../realtime/protocol.js';
import type { StreamHub } from '../../realtime/stream-hub.js';
import { inboxStream } from '../../realtime/stream-names.js';
import type { DeadlineNotifier } from './deadline-clock.js';
import type { DeadlineNotification } from './deadline-notes.js';

/** The entry the notifications live in, on `escalations` and on each `inbox:<department>`. */
export const NOTIFICATIONS_ENTRY = 'notifications';

/**
 * Publishes the deadline clock's notifications on the realtime hub: supervisors follow `escalations`, a
 * department its `inbox:<code>`. Each stream's `notifications` entry is the latest `keep`, newest first, so a
 * screen that connects later still sees what was said recently (the history holds them all).
 */
export function hubDeadlineNotifier(hub: Pick<StreamHub, 'patch'>, keep = 50): DeadlineNotifier {
  const recent = new Map<StreamName, DeadlineNotification[]>();
  const push = (stream: StreamName, notification: DeadlineNotification) => {
    const list = [notification, ...(recent.get(stream) ?? []).filter((item) => item.id !== notification.id)].slice(0, keep);
    recent.set(stream, list);
    hub.patch(stream, { [NOTIFICATIONS_ENTRY]: list as unknown as JsonValue });
  };
  return {
    notify(notification) {
      push('escalations', notification);
      if (notification.department) push(inboxStream(notification.department), notification);
    },
  };
}
