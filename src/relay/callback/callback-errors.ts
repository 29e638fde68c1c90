/**
 * Why "Ara" could not place a call. `code` is stable: the desk words it in Turkish (i18n.js `callback.<code>`).
 */
export const CALLBACK_ERROR_CODES = {
  'telephony-unavailable': 503,
  'no-phone-interface': 409,
  'agent-busy': 409,
  'callback-in-progress': 409,
  'no-number': 422,
  'not-found': 404,
} as const;

export type CallbackErrorCode = keyof typeof CALLBACK_ERROR_CODES;

export class CallbackError extends Error {
  readonly status: number;

  constructor(
    readonly code: CallbackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackError';
    this.status = CALLBACK_ERROR_CODES[code];
  }
}
