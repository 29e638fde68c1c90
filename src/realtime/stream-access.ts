import { isSupervising } from '../auth/roles.js';
import type { UserView } from '../auth/user-store.js';
import type { Ack, StreamName } from './protocol.js';
import { argumentOf, kindOf } from './stream-names.js';

/** The part of a user the rules read. */
export type StreamUser = Pick<UserView, 'id' | 'role' | 'department' | 'queues' | 'phoneInterface'>;

export interface StreamAccessOptions {
  /** Whether a queue name may be followed (a live queue or one with calls today). */
  knowsQueue: (name: string) => boolean;
  /** Whether the phone is a member of the queue in Asterisk now (a static member of an unassigned queue still takes its calls). */
  isMember?: (agentInterface: string, queue: string) => boolean;
}

const allow: Ack = { ok: true };
const deny = (error: string): Ack => ({ ok: false, error });

/**
 * Who may follow which stream, by kind:
 * - supervisors, admins: `supervisors`, every `queue:*`, `relay`, `escalations`, `announcements`, `survey`, every `inbox:*`, their own `desk:<id>`;
 * - agents: their own `desk:<id>`, `relay`, `queue:<q>` for the queues assigned to them (none assigned: every queue)
 *   or that their phone is a member of;
 * - department users: `inbox:<their department>` and their own `desk:<id>`.
 * - everyone signed in: `site` (queue labels and order, as every screen names queues).
 * Unknown queues are refused for everyone (a typo must not open an empty stream that lives forever).
 */
export function authoriseStream(user: StreamUser, stream: StreamName, options: StreamAccessOptions): Ack {
  const supervising = isSupervising(user.role);
  const argument = argumentOf(stream);
  switch (kindOf(stream)) {
    case 'supervisors':
      return supervising ? allow : deny('forbidden: supervisors only');
    case 'escalations':
      return supervising ? allow : deny('forbidden: escalations are for supervisors');
    case 'announcements':
    case 'survey':
      return supervising ? allow : deny('forbidden: announcements and survey figures are for supervisors');
    case 'site':
      return allow;
    case 'relay':
      return supervising || user.role === 'agent' ? allow : deny('forbidden: the callback list is for the call centre');
    case 'desk':
      return argument === String(user.id) ? allow : deny("forbidden: another user's desk");
    case 'inbox':
      if (supervising) return allow;
      return user.role === 'department' && user.department === argument ? allow : deny("forbidden: another department's inbox");
    case 'queue': {
      if (user.role === 'department') return deny('forbidden: queue status is for agents and supervisors');
      if (!options.knowsQueue(argument)) return deny(`unknown queue ${argument}`);
      if (supervising || user.queues === null || user.queues.length === 0 || user.queues.includes(argument)) return allow;
      if (user.phoneInterface && options.isMember?.(user.phoneInterface, argument)) return allow;
      return deny(`forbidden: queue ${argument} is not assigned to you`);
    }
    default:
      return deny('unknown stream');
  }
}
