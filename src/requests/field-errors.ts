/**
 * Input refused field by field, the one shape of the desk's ticket form and the lifecycle's action API:
 * a stable `code` per field (screens word it in Turkish or English) and an English message for logs and API clients.
 */
export interface FieldError<Code extends string = string> {
  code: Code;
  message: string;
}

/** Keyed by field name (`_form` or `_body` when the body itself is wrong). */
export type FieldErrors<Code extends string = string> = Record<string, FieldError<Code>>;

/** The HTTP layer answers any of these 400 with its `fields`. */
export class FieldValidationError<Code extends string = string> extends Error {
  constructor(
    readonly fields: FieldErrors<Code>,
    message: string,
  ) {
    super(message);
  }
}
