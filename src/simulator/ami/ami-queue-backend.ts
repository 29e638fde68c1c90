/**
 * What the AMI server needs from the simulated app_queue. The PBX model implements it; the server
 * only validates headers, calls these methods and serialises the views in Asterisk's field order.
 * Mutating methods publish their own QueueMemberAdded/Removed/Pause events through AmiServer.publish.
 */

export type AmiResult = { ok: true; message: string } | { ok: false; message: string };

/** Reply texts of app_queue 22 (manager_add/remove/pause_queue_member), for backends to return verbatim. */
export const QueueActionMessages = {
  added: 'Added interface to queue',
  addExists: 'Unable to add interface: Already there',
  addNoSuchQueue: 'Unable to add interface to queue: No such queue',
  removed: 'Removed interface from queue',
  removeNotThere: 'Unable to remove interface: Not there',
  removeNoSuchQueue: 'Unable to remove interface from queue: No such queue',
  removeNotDynamic: 'Member not dynamic',
  paused: 'Interface paused successfully',
  unpaused: 'Interface unpaused successfully',
  pauseNotFound: 'Interface not found',
  penaltySet: 'Interface penalty set successfully',
  penaltyInvalid: 'Invalid interface, queuename or penalty',
} as const;

/** One `Event: QueueMember` of a QueueStatus list. */
export interface MemberView {
  name: string;
  location: string;
  stateInterface: string;
  /** QueueStatus says `static` for realtime members (only events say `realtime`). */
  membership: 'dynamic' | 'static';
  penalty: number;
  callsTaken: number;
  /** Epoch seconds, 0 = never. */
  lastCall: number;
  lastPause: number;
  loginTime: number;
  inCall: 0 | 1;
  /** 1 not in use, 2 in use, 5 unavailable, 6 ringing (ast_device_state). */
  status: number;
  paused: 0 | 1;
  pausedReason: string;
  wrapuptime: number;
}

/** One `Event: QueueEntry`: a caller waiting. Empty caller-id fields are written as `unknown`. */
export interface EntryView {
  position: number;
  channel: string;
  uniqueid: string;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  /** Seconds waited so far. */
  wait: number;
  priority: number;
}

/** `Event: QueueParams` plus the queue's members and entries. */
export interface QueueStatusView {
  queue: string;
  max: number;
  strategy: string;
  calls: number;
  holdtime: number;
  talkTime: number;
  completed: number;
  abandoned: number;
  serviceLevel: number;
  /** Percent; written with one decimal (`0.0`). */
  servicelevelPerf: number;
  servicelevelPerf2: number;
  weight: number;
  members: MemberView[];
  entries: EntryView[];
}

export interface QueueSummaryView {
  queue: string;
  loggedIn: number;
  available: number;
  callers: number;
  holdTime: number;
  talkTime: number;
  longestHoldTime: number;
}

export interface AmiQueueBackend {
  /** `member` matches a member's interface or name, as app_queue does. */
  queueStatus(filter: { queue?: string; member?: string }): QueueStatusView[];
  queueSummary(queue?: string): QueueSummaryView[];
  queueAdd(p: {
    queue: string;
    iface: string;
    memberName?: string;
    stateInterface?: string;
    penalty?: number;
    paused?: boolean;
    reason?: string;
  }): AmiResult;
  queueRemove(p: { queue: string; iface: string }): AmiResult;
  /** Without `queue`, pauses the interface in every queue it belongs to. */
  queuePause(p: { iface: string; queue?: string; paused: boolean; reason?: string }): AmiResult;
  /** Without `queue`, sets the penalty in every queue the interface belongs to (set_member_value). */
  queuePenalty?(p: { iface: string; queue?: string; penalty: number }): AmiResult;
}
