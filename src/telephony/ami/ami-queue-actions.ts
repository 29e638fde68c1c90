import type { AddMember, PauseMember, QueueActions } from '../ports.js';
import { AmiActionError } from './ami-connection.js';

/** The part of AmiConnection the actions use. */
export interface ActionPort {
  action(fields: Record<string, string>): Promise<unknown>;
}

export type QueueActionProblem = 'already-member' | 'not-member' | 'no-such-queue' | 'not-dynamic' | 'ami-unavailable' | 'rejected';

/** A queue action that did not happen, with a reason a desk can show ("AMI is down, retrying"). */
export class QueueActionError extends Error {
  constructor(
    readonly problem: QueueActionProblem,
    message: string,
  ) {
    super(message);
    this.name = 'QueueActionError';
  }
}

// app_queue's fixed reply texts (Asterisk 22, apps/app_queue.c: manager_add_queue_member, manager_remove_queue_member, manager_pause_queue_member).
const PROBLEMS: ReadonlyArray<[RegExp, QueueActionProblem]> = [
  [/Already there/i, 'already-member'],
  [/No such queue/i, 'no-such-queue'],
  [/Not there|Interface not found/i, 'not-member'],
  [/Member not dynamic/i, 'not-dynamic'],
  // manager_queue_member_penalty: the interface is not in that queue (or in none), the queue is unknown, or the penalty is negative.
  [/Invalid interface, queuename or penalty/i, 'not-member'],
];

function classify(error: unknown): QueueActionError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AmiActionError && error.failure === 'unavailable') return new QueueActionError('ami-unavailable', message);
  const match = PROBLEMS.find(([pattern]) => pattern.test(message));
  return new QueueActionError(match?.[1] ?? 'rejected', message);
}

/** QueueAdd / QueueRemove / QueuePause / QueuePenalty over AMI; every failure becomes a QueueActionError. */
export class AmiQueueActions implements QueueActions {
  constructor(private readonly ami: ActionPort) {}

  async addMember(member: AddMember): Promise<void> {
    const fields: Record<string, string> = {
      Action: 'QueueAdd',
      Queue: member.queue,
      Interface: member.interface,
      MemberName: member.memberName,
      StateInterface: member.stateInterface ?? member.interface,
      Penalty: String(member.penalty ?? 0),
      Paused: member.paused ? 'true' : 'false',
    };
    if (member.reason) fields.Reason = member.reason;
    await this.send(fields);
  }

  async removeMember(queue: string, agentInterface: string): Promise<void> {
    await this.send({ Action: 'QueueRemove', Queue: queue, Interface: agentInterface });
  }

  async pauseMember(pause: PauseMember): Promise<void> {
    const fields: Record<string, string> = { Action: 'QueuePause', Interface: pause.interface, Paused: pause.paused ? 'true' : 'false' };
    if (pause.queue) fields.Queue = pause.queue;
    if (pause.reason) fields.Reason = pause.reason;
    await this.send(fields);
  }

  /** A member's penalty in one queue (Asterisk: `Interface penalty set successfully`); absent queue: every queue it is in. */
  async setPenalty(penalty: { interface: string; penalty: number; queue?: string }): Promise<void> {
    const fields: Record<string, string> = { Action: 'QueuePenalty', Interface: penalty.interface, Penalty: String(penalty.penalty) };
    if (penalty.queue) fields.Queue = penalty.queue;
    await this.send(fields);
  }

  private async send(fields: Record<string, string>): Promise<void> {
    try {
      await this.ami.action(fields);
    } catch (error) {
      throw classify(error);
    }
  }
}
