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
