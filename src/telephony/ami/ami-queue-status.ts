import { z } from 'zod';
import type { AmiRawMessage } from 'asterisk-manager';
import type { QueueStatusSnapshot } from '../../queues/queue-events.js';
import { callerText, describeIssues, integer, memberEventSchema, stringField, text } from './ami-fields.js';

type SnapshotQueue = QueueStatusSnapshot['queues'][number];

const queueParams = z.object({ queue: text, strategy: text, calls: integer });

// QueueStatus names the member `Name`/`Location` where member events say `MemberName`/`Interface`,
// and reports realtime members as `static` (transcript 05).
const queueMember = memberEventSchema.omit({ membername: true, interface: true }).extend({ name: text, location: text });

const queueEntry = z.object({
  queue: text,
  position: integer,
  uniqueid: text,
  calleridnum: callerText,
  calleridname: callerText,
  wait: integer,
});

export interface BuiltSnapshot {
  snapshot: QueueStatusSnapshot;
  /** Items that failed validation (left out of the snapshot), one line each. */
  errors: string[];
}

/** QueueParams + QueueMember + QueueEntry items of one QueueStatus list → a snapshot, queue by queue in list order. */
export function buildQueueStatusSnapshot(items: readonly AmiRawMessage[], at: number): BuiltSnapshot {
  const queues = new Map<string, SnapshotQueue>();
  const errors: string[] = [];
  const queueNamed = (name: string): SnapshotQueue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = { name, strategy: '', calls: 0, members: [], entries: [] };
      queues.set(name, queue);
    }
    return queue;
  };

  for (const item of items) {
    const event = stringField(item, 'event') ?? '?';
    if (event === 'QueueParams') {
      const parsed = queueParams.safeParse(item);
      if (!parsed.success) {
        errors.push(describeIssues(event, parsed.error));
        continue;
      }
      const queue = queueNamed(parsed.data.queue);
      queue.strategy = parsed.data.strategy;
      queue.calls = parsed.data.calls;
    } else if (event === 'QueueMember') {
      const parsed = queueMember.safeParse(item);
      if (!parsed.success) {
        errors.push(describeIssues(event, parsed.error));
        continue;
      }
      const m = parsed.data;
      queueNamed(m.queue).members.push({
        queue: m.queue,
        interface: m.location,
        name: m.name,
        stateInterface: m.stateinterface ?? m.location,
        membership: m.membership,
        penalty: m.penalty,
        callsTaken: m.callstaken,
        lastCall: m.lastcall,
        inCall: m.incall,
        status: m.status,
        paused: m.paused,
        pausedReason: m.pausedreason,
      });
    } else if (event === 'QueueEntry') {
      const parsed = queueEntry.safeParse(item);
      if (!parsed.success) {
        errors.push(describeIssues(event, parsed.error));
        continue;
      }
      const e = parsed.data;
      queueNamed(e.queue).entries.push({
        queue: e.queue,
        position: e.position,
        uniqueid: e.uniqueid,
        callerNumber: e.calleridnum,
        callerName: e.calleridname,
        waitS: e.wait,
      });
    }
  }
  return { snapshot: { at, queues: [...queues.values()] }, errors };
}
