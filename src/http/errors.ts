import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logging/logger.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `no route for ${req.method} ${req.path}`));
};

/** Every error leaves as JSON `{ error, details? }`; a 5xx never leaks internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof ZodError) {
      res.status(400).json({ error: 'invalid request', details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      return;
    }
    if (error instanceof HttpError) {
      res.status(error.status).json(error.details === undefined ? { error: error.message } : { error: error.message, details: error.details });
      return;
    }
    // express.json() reports a malformed body with a status on the error object.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: (error as Error).message });
      return;
    }
    logger.error('request failed', { method: req.method, path: req.path, error: (error as Error).message, stack: (error as Error).stack });
    res.status(500).json({ error: 'internal error' });
  };
}
