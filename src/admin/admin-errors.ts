import type { Role } from '../auth/roles.js';
import type { UserView } from '../auth/user-store.js';

export type AdminErrorCode = 'forbidden' | 'not-found' | 'exists' | 'unknown-queue' | 'unknown-department' | 'invalid' | 'self';

const STATUS: Record<AdminErrorCode, number> = { forbidden: 403, 'not-found': 404, exists: 409, 'unknown-queue': 400, 'unknown-department': 400, invalid: 400, self: 409 };

/** A refused administration request: the Turkish reason (the screens show it as is), a code and the field. */
export class AdminError extends Error {
  readonly status: number;

  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AdminError';
    this.status = STATUS[code];
  }
}

/** Who made a change, as the history and the logs name them. */
export type AdminActor = Pick<UserView, 'id' | 'username' | 'role'>;

export const actorOf = (user: AdminActor) => ({ id: user.id, username: user.username });

/** Admins may change anything; supervisors only an agent's queues and penalties. */
export function assertMayManageQueuesOf(actor: AdminActor, target: { role: Role }): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'supervisor' && target.role === 'agent') return;
  throw new AdminError('forbidden', actor.role === 'supervisor' ? 'Süpervizörler yalnızca temsilcilerin kuyruklarını ve önceliklerini değiştirebilir' : 'Bu işlem için yetkiniz yok');
}

export function assertAdmin(actor: AdminActor, what: string): void {
  if (actor.role !== 'admin') throw new AdminError('forbidden', `${what} yalnızca yöneticiler değiştirebilir`);
}
