import type { SimChannel } from './channel.js';
import type { Devices } from './devices.js';
import type { QueueCallRef } from './event-ports.js';
import type { Pbx } from './pbx.js';
import type { QueueConfig } from './queues-conf.js';
import { memberSnapshot, newQueueRuntime, pickMember, type QueueEntry, type QueueMember, type QueueOutcome, type QueueRuntime } from './queue-state.js';

const seconds = (simMs: number): number => Math.round(simMs / 1000);

/**
 * A small app_queue: callers wait in order, one free member is rung at a time (rrmemory by penalty),
 * ring timeout → AgentRingNoAnswer → `retry` → next member; answer → connect, talk, complete.
 * AMI events follow README fact 5.
 */
export class AppQueue {
  readonly queues = new Map<string, QueueRuntime>();

  constructor(
    private readonly pbx: Pbx,
    readonly devices: Devices,
    configs: QueueConfig[],
  ) {
    for (const config of configs) this.queues.set(config.name, newQueueRuntime(config));
    devices.onChange((device) => this.deviceChanged(device));
  }

  private deviceChanged(device: string): void {
    for (const queue of this.queues.values()) {
      for (const member of queue.members.values()) {
        if (member.stateInterface === device) this.pbx.ami.queueMemberStatus(memberSnapshot(queue, member, this.devices));
      }
    }
    if (this.devices.state(device) === 'NOT_INUSE') this.dispatchAll();
  }

  pbxAmi(): Pbx['ami'] {
    return this.pbx.ami;
  }

  /** After `core restart`: the cleared timers ended no wrap-up, and a fresh app_queue has none. */
  endWrapUps(): void {
    for (const queue of this.queues.values()) for (const member of queue.members.values()) member.wrappingUp = false;
  }

  dispatchAll(): void {
    for (const queue of this.queues.values()) this.dispatch(queue);
  }

  /** Queue(name,options,,,timeout): resolves when the caller leaves the queue. */
  join(channel: SimChannel, name: string, timeoutSeconds: number): Promise<QueueOutcome | 'nosuchqueue'> {
    const queue = this.queues.get(name);
    if (!queue) return Promise.resolve('nosuchqueue');
    const reachable = [...queue.members.values()].some((m) => this.devices.state(m.stateInterface) !== 'UNAVAILABLE');
    if (!queue.config.joinempty && !reachable) return Promise.resolve('joinempty');
    return new Promise((resolve) => {
      const entry: QueueEntry = {
        channel,
        queue,
        joinedReal: Date.now(),
        originalPosition: queue.entries.length + 1,
        ringing: null,
        retrying: false,
        cleanup: [],
        finish: (outcome) => {
          for (const cleanup of entry.cleanup) cleanup();
          resolve(outcome);
        },
      };
      queue.entries.push(entry);
      channel.queueName = name;
      this.pbx.ami.queueCallerJoin(channel.toAmi(), name, entry.originalPosition, queue.entries.length);
      entry.cleanup.push(channel.onHangup((kind) => this.callerHungUpWaiting(entry, kind)));
      if (timeoutSeconds > 0) entry.cleanup.push(this.pbx.timers.schedule(timeoutSeconds * 1000, () => this.timedOut(entry)));
      this.dispatch(queue);
    });
  }

  private removeEntry(entry: QueueEntry): number {
    const position = entry.queue.entries.indexOf(entry) + 1;
    if (position > 0) entry.queue.entries.splice(position - 1, 1);
    entry.channel.queueName = null;
    return position;
  }

  private callerHungUpWaiting(entry: QueueEntry, kind: string): void {
    if (!entry.queue.entries.includes(entry)) return;
    const holdTime = seconds(this.pbx.timers.simElapsedMs(entry.joinedReal));
    const position = this.removeEntry(entry);
    if (kind !== 'restart') {
      entry.queue.abandoned++;
      this.pbx.ami.queueCallerAbandon(entry.channel.toAmi(), entry.queue.config.name, position, entry.originalPosition, holdTime);
      this.pbx.ami.queueCallerLeave(entry.channel.toAmi(), entry.queue.config.name, position, entry.queue.entries.length);
    }
    this.cancelRing(entry, kind !== 'restart');
    entry.finish('abandoned');
  }

  private timedOut(entry: QueueEntry): void {
    if (!entry.queue.entries.includes(entry)) return;
    this.cancelRing(entry, true);
    const position = this.removeEntry(entry);
    this.pbx.ami.queueCallerLeave(entry.channel.toAmi(), entry.queue.config.name, position, entry.queue.entries.length);
    this.pbx.setVariable(entry.channel, 'QUEUESTATUS', 'TIMEOUT');
    entry.finish('timeout');
  }

  private cancelRing(entry: QueueEntry, withEvents: boolean): void {
    const ringing = entry.ringing;
    if (!ringing) return;
    entry.ringing = null;
    ringing.cancel();
    if (withEvents) this.pbx.hangup(ringing.agentChannel, 'cancel');
    this.devices.set(ringing.member.stateInterface, 'NOT_INUSE');
  }

  private dispatch(queue: QueueRuntime): void {
    for (const entry of queue.entries) {
      if (entry.ringing || entry.retrying) continue;
      const member = pickMember(queue, this.devices);
      if (!member) return;
      this.ring(entry, member);
    }
  }

  private ref(entry: QueueEntry, member: QueueMember, agentChannel: SimChannel): QueueCallRef {
    return {
      caller: entry.channel.toAmi(),
      agent: agentChannel.toAmi(),
      queue: entry.queue.config.name,
      memberInterface: member.iface,
      memberName: member.name,
    };
  }

  private ring(entry: QueueEntry, member: QueueMember): void {
    const queue = entry.queue;
    queue.lastRung = member.iface;
    const behaviour = this.devices.agent(member.stateInterface);
    const agentChannel = this.pbx.createChannel({
      device: member.stateInterface,
      caller: { name: member.name, number: member.stateInterface.replace(/^[^/]*\//, '') },
      position: { context: 'agents', exten: queue.config.name, priority: 1 },
      linkedid: entry.channel.id,
      state: 'Down',
    });
    agentChannel.connected = { ...entry.channel.caller };
    this.pbx.ami.agentCalled(this.ref(entry, member, agentChannel));
    this.devices.set(member.stateInterface, 'RINGING');
    this.pbx.setState(agentChannel, 'Ringing');
    const timers: Array<() => void> = [];
    entry.ringing = { member, agentChannel, cancel: () => timers.forEach((cancel) => cancel()) };
    timers.push(this.pbx.timers.schedule(queue.config.timeout * 1000, () => this.ringNoAnswer(entry)));
    if (behaviour && !behaviour.noAnswer) timers.push(this.pbx.timers.schedule(behaviour.answerAfterMs, () => this.answered(entry, behaviour.answerAfterMs)));
  }

  private ringNoAnswer(entry: QueueEntry): void {
    const ringing = entry.ringing;
    if (!ringing) return;
    // The ring timer fired at the member timeout; timer jitter scaled up by 1/speed must not show in RingTime.
    this.pbx.ami.agentRingNoAnswer(this.ref(entry, ringing.member, ringing.agentChannel), entry.queue.config.timeout * 1000);
    entry.retrying = true;
    this.cancelRing(entry, true);
    entry.cleanup.push(
      this.pbx.timers.schedule(entry.queue.config.retry * 1000, () => {
        entry.retrying = false;
        this.dispatch(entry.queue);
      }),
    );
  }

  private answered(entry: QueueEntry, ringMs: number): void {
    const ringing = entry.ringing;
    if (!ringing) return;
    ringing.cancel();
    entry.ringing = null;
    const { member, agentChannel } = ringing;
    const queue = entry.queue;
    const holdTime = seconds(this.pbx.timers.simElapsedMs(entry.joinedReal));
    // The agent answered on its timer: the ring lasted that long (as for RingNoAnswer, jitter ×1/speed must not show).
    const ringTime = seconds(ringMs);
    for (const cleanup of entry.cleanup) cleanup();
    entry.cleanup = [];
    const position = this.removeEntry(entry);
    entry.channel.connected = { name: member.name, number: agentChannel.caller.number };
    this.pbx.setState(agentChannel, 'Up');
    this.pbx.ami.queueCallerLeave(entry.channel.toAmi(), queue.config.name, position, queue.entries.length);
    this.pbx.ami.agentConnect(this.ref(entry, member, agentChannel), holdTime, ringTime);
    member.inCall = true;
    this.devices.set(member.stateInterface, 'INUSE');
    queue.holdTimeTotal += holdTime;
    const connectedReal = Date.now();
    const talkMs = this.devices.agent(member.stateInterface)?.talkMs ?? 1000;
    const end = (reason: 'agent' | 'caller'): void => {
      cancelTalk();
      stopWatchingCaller();
      const talkTime = seconds(this.pbx.timers.simElapsedMs(connectedReal));
      queue.completed++;
      queue.talkTimeTotal += talkTime;
      member.callsTaken++;
      member.lastCall = Math.floor(Date.now() / 1000);
      member.inCall = false;
      this.pbx.ami.agentComplete(this.ref(entry, member, agentChannel), holdTime, talkTime, reason);
      this.pbx.hangup(agentChannel, reason === 'agent' ? 'agent' : 'dialplan');
      this.afterCall(queue, member);
      entry.finish('completed');
    };
    const cancelTalk = this.pbx.timers.schedule(talkMs, () => end('agent'));
    const stopWatchingCaller = entry.channel.onHangup((kind) => {
      if (kind === 'restart') cancelTalk();
      else end('caller');
    });
  }

  private afterCall(queue: QueueRuntime, member: QueueMember): void {
    if (queue.config.wrapuptime > 0) {
      member.wrappingUp = true;
      this.pbx.timers.schedule(queue.config.wrapuptime * 1000, () => {
        member.wrappingUp = false;
        this.dispatchAll();
      });
    }
    this.devices.set(member.stateInterface, 'NOT_INUSE');
  }
}
