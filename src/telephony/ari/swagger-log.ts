import 'ari-client';
import type { Logger } from '../../logging/logger.js';

/**
 * swagger-client 2.0.26 (loaded by ari-client) assigns an implicit global `log` in non-strict
 * code and prints through console.log on every connect ("This API is using a deprecated version
 * of Swagger!", because Asterisk serves Swagger 1.1). That line would break our JSON logs, so the
 * global is pointed at winston instead. The module must be loaded first, or it would overwrite us.
 */
export function routeSwaggerLog(logger: Logger): void {
  const target = globalThis as { log?: unknown };
  target.log = (...args: unknown[]): void => {
    logger.debug('swagger-client', { detail: args.map(String).join(' ') });
  };
}
