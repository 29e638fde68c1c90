import { AdminError } from '../../admin/admin-errors.js';
import { HttpError } from '../errors.js';

/** An administration refusal as HTTP: the Turkish reason in `error`, the machine code and field in `details`. */
export function adminHttpError(error: unknown): unknown {
  if (!(error instanceof AdminError)) return error;
  return new HttpError(error.status, error.message, { code: error.code, ...(error.field ? { field: error.field } : {}) });
}

/** Runs a route's work and turns AdminError into its HTTP answer. */
export async function admin<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw adminHttpError(error);
  }
}
