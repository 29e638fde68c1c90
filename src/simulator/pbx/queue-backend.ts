import { QueueActionMessages, type AmiQueueBackend, type AmiResult, type MemberView, type QueueStatusView, type QueueSummaryView } from '../ami/ami-queue-backend.js';
import type { AppQueue } from './app-queue.js';
import { DEVICE_STATUS } from './devices.js';
import type { MemberSnapshot } from './event-ports.js';
import { memberSnapshot, newMember, type QueueMember, type QueueRuntime } from './queue-state.js';

const unknownIfEmpty = (value: string): string => value || 'unknown';

/**
 * Asterisk 22 writes the action's `Response:` first and the QueueMember* events it caused after it
 * (05-ami-actions): a client reading its state right after the response must not see the change yet.
 * The AMI server writes the reply as soon as the backend returns, so the events wait for a microtask.
 */
const afterReply = (publish: () => void): void => queueMicrotask(publish);

/** The AMI queue actions (QueueStatus/Summary/Add/Remove/Pause/Penalty) over the simulated app_queue. */
export class QueueBackend implements AmiQueueBackend {
  constructor(
    private readonly appQueue: AppQueue,
    private readonly speed: number,
  ) {}

  private waitSeconds(joinedReal: number): number {
    return Math.floor((Date.now() - joinedReal) / this.speed / 1000);
  }

  private memberView(member: QueueMember): MemberView {
    return {
      name: member.name,
      location: member.iface,
      stateInterface: member.stateInterface,
      membership: member.membership,
      penalty: member.penalty,
      callsTaken: member.callsTaken,
      lastCall: member.lastCall,
      lastPause: member.lastPause,
      loginTime: member.loginTime,
      inCall: member.inCall ? 1 : 0,
      status: DEVICE_STATUS[this.appQueue.devices.state(member.stateInterface)],
      paused: member.paused ? 1 : 0,
      pausedReason: member.pausedReason,
      wrapuptime: 0,
    };
  }

  private selected(queue?: string): QueueRuntime[] {
    return [...this.appQueue.queues.values()].filter((q) => queue === undefined || q.config.name === queue);
  }

  queueStatus(filter: { queue?: string; member?: string }): QueueStatusView[] {
    return this.selected(filter.queue).map((q) => ({
      queue: q.config.name,
      max: 0,
      strategy: q.config.strategy,
      calls: q.entries.length,
      holdtime: q.completed ? Math.round(q.holdTimeTotal / q.completed) : 0,
      talkTime: q.completed ? Math.round(q.talkTimeTotal / q.completed) : 0,
      completed: q.completed,
      abandoned: q.abandoned,
      serviceLevel: 0,
      servicelevelPerf: 0,
      servicelevelPerf2: 0,
      weight: 0,
      members: [...q.members.values()]
        .filter((m) => filter.member === undefined || m.iface === filter.member || m.name === filter.member)
        .map((m) => this.memberView(m)),
      entries: q.entries.map((entry, index) => ({
        position: index + 1,
        channel: entry.channel.name,
        uniqueid: entry.channel.id,
        callerIdNum: unknownIfEmpty(entry.channel.caller.number),
        callerIdName: unknownIfEmpty(entry.channel.caller.name),
        connectedLineNum: unknownIfEmpty(entry.channel.connected.number),
        connectedLineName: unknownIfEmpty(entry.channel.connected.name),
        wait: this.waitSeconds(entry.joinedReal),
        priority: 0,
      })),
    }));
  }

  queueSummary(queue?: string): QueueSummaryView[] {
    const devices = this.appQueue.devices;
    return this.selected(queue).map((q) => {
      const members = [...q.members.values()];
      return {
        queue: q.config.name,
        loggedIn: members.filter((m) => devices.state(m.stateInterface) !== 'UNAVAILABLE').length,
        available: members.filter((m) => !m.paused && devices.state(m.stateInterface) === 'NOT_INUSE').length,
        callers: q.entries.length,
        holdTime: q.completed ? Math.round(q.holdTimeTotal / q.completed) : 0,
        talkTime: q.completed ? Math.round(q.talkTimeTotal / q.completed) : 0,
        longestHoldTime: q.entries[0] ? this.waitSeconds(q.entries[0].joinedReal) : 0,
      };
    });
  }

  queueAdd(p: { queue: string; iface: string; memberName?: string; stateInterface?: string; penalty?: number; paused?: boolean; reason?: string }): AmiResult {
    const queue = this.appQueue.queues.get(p.queue);
    if (!queue) return { ok: false, message: QueueActionMessages.addNoSuchQueue };
    if (queue.members.has(p.iface)) return { ok: false, message: QueueActionMessages.addExists };
    const member = newMember(p.iface, p.memberName ?? p.iface, p.stateInterface ?? p.iface, p.penalty ?? 0, 'dynamic');
    member.paused = p.paused ?? false;
    member.pausedReason = member.paused ? (p.reason ?? '') : '';
    queue.members.set(p.iface, member);
    const snapshot = memberSnapshot(queue, member, this.appQueue.devices);
    afterReply(() => {
      this.appQueue.pbxAmi().queueMemberAdded(snapshot);
      this.appQueue.dispatchAll();
    });
    return { ok: true, message: QueueActionMessages.added };
  }

  queueRemove(p: { queue: string; iface: string }): AmiResult {
    const queue = this.appQueue.queues.get(p.queue);
    if (!queue) return { ok: false, message: QueueActionMessages.removeNoSuchQueue };
    const member = queue.members.get(p.iface);
    if (!member) return { ok: false, message: QueueActionMessages.removeNotThere };
    if (member.membership !== 'dynamic') return { ok: false, message: QueueActionMessages.removeNotDynamic };
    queue.members.delete(p.iface);
    const snapshot = memberSnapshot(queue, member, this.appQueue.devices);
    afterReply(() => this.appQueue.pbxAmi().queueMemberRemoved(snapshot));
    return { ok: true, message: QueueActionMessages.removed };
  }

  queuePause(p: { iface: string; queue?: string; paused: boolean; reason?: string }): AmiResult {
    const targets = this.selected(p.queue).filter((q) => q.members.has(p.iface));
    if (targets.length === 0) return { ok: false, message: QueueActionMessages.pauseNotFound };
    const snapshots: MemberSnapshot[] = [];
    for (const queue of targets) {
      const member = queue.members.get(p.iface);
      if (!member) continue;
      member.paused = p.paused;
      member.pausedReason = p.paused ? (p.reason ?? '') : '';
      if (p.paused) member.lastPause = Math.floor(Date.now() / 1000);
      snapshots.push(memberSnapshot(queue, member, this.appQueue.devices));
    }
    afterReply(() => {
      for (const snapshot of snapshots) this.appQueue.pbxAmi().queueMemberPause(snapshot);
      if (!p.paused) this.appQueue.dispatchAll();
    });
    return { ok: true, message: p.paused ? QueueActionMessages.paused : QueueActionMessages.unpaused };
  }

  queuePenalty(p: { iface: string; queue?: string; penalty: number }): AmiResult {
    // set_member_value: a negative penalty is refused before any queue is looked at (negative_penalty_invalid is off).
    if (p.penalty < 0) return { ok: false, message: QueueActionMessages.penaltyInvalid };
    const targets = this.selected(p.queue).filter((q) => q.members.has(p.iface));
    if (targets.length === 0) return { ok: false, message: QueueActionMessages.penaltyInvalid };
    const snapshots: MemberSnapshot[] = [];
    for (const queue of targets) {
      const member = queue.members.get(p.iface);
      if (!member) continue;
      member.penalty = p.penalty;
      snapshots.push(memberSnapshot(queue, member, this.appQueue.devices));
    }
    afterReply(() => {
      for (const snapshot of snapshots) this.appQueue.pbxAmi().queueMemberPenalty(snapshot);
      // A lower penalty may make this member the one to ring for a waiting caller.
      this.appQueue.dispatchAll();
    });
    return { ok: true, message: QueueActionMessages.penaltySet };
  }
}
