import type { TicketView } from './ticket-store-type.js';

/** A call-path write for a channel that has no call row. Retrying cannot help. */
export class CallNotFoundError extends Error {
  readonly permanent = true;
  constructor(readonly channelId: string) {
    super(`no call for channel ${channelId}`);
    this.name = 'CallNotFoundError';
  }
}

/** The call id is already taken by another channel: a caller bug that no retry fixes. */
export class DuplicateCallIdError extends Error {
  readonly permanent = true;
  constructor(
    readonly callId: string,
    readonly channelId: string,
  ) {
    super(`call id ${callId} already belongs to another channel than ${channelId}`);
    this.name = 'DuplicateCallIdError';
  }
}

export function isPermanentTicketError(error: unknown): boolean {
  return error instanceof CallNotFoundError || error instanceof DuplicateCallIdError;
}

export class TicketNotFoundError extends Error {
  constructor(readonly number: string) {
    super(`ticket ${number} not found`);
    this.name = 'TicketNotFoundError';
  }
}

/**
 * Someone saved the ticket since the agent loaded it (optimistic locking). Carries the ticket as it is now,
 * so the desk can show what changed without throwing away what the agent typed.
 */
export class TicketChangedError extends Error {
  constructor(
    readonly current: TicketView,
    readonly expectedVersion: number,
  ) {
    super(`ticket ${current.number} changed: version ${current.version}, not ${expectedVersion}`);
    this.name = 'TicketChangedError';
  }
}

/** The lifecycle refused the action in the ticket's current state (409 with the state and what is allowed). */
export class ActionRefusedError extends Error {
  constructor(
    readonly current: TicketView,
    readonly action: string,
    readonly reason: string,
    readonly allowed: readonly string[],
  ) {
    super(`ticket ${current.number}: ${action} refused (${reason}) in status ${current.status}`);
    this.name = 'ActionRefusedError';
  }
}
