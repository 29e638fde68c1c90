import winston from 'winston';
import { redactValue } from './redact-value.js';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level: string;
  /** Silences output (tests); errors still go to the returned logger's transports if `silent` is false. */
  silent?: boolean;
}

/**
 * Redacts phone and national-ID numbers in the message and every field, however deep (KVKK). Returns a
 * new info: winston hands formats the caller's own object when it logs one, and nested fields are theirs too.
 */
export const redactFormat = winston.format((info) => {
  const out: winston.Logform.TransformableInfo = { level: info.level, message: info.message };
  // LEVEL and MESSAGE are short strings; SPLAT holds the caller's raw meta, which a later format might print.
  for (const symbol of Object.getOwnPropertySymbols(info)) (out as Record<symbol, unknown>)[symbol] = redactValue((info as Record<symbol, unknown>)[symbol]);
  for (const [key, value] of Object.entries(info)) out[key] = redactValue(value);
  return out;
});

/** The JSON lines alo153 writes. errors() first: it copies an Error's message and stack into the info, which redactFormat then masks. */
export function logFormat(): winston.Logform.Format {
  return winston.format.combine(winston.format.errors({ stack: true }), redactFormat(), winston.format.timestamp(), winston.format.json());
}

export function createLogger(options: LoggerOptions): Logger {
  const logger = winston.createLogger({
    level: options.level,
    silent: options.silent ?? false,
    format: logFormat(),
    defaultMeta: { service: 'alo153' },
    transports: [new winston.transports.Console()],
  });
  skipDisabledLevels(logger);
  return logger;
}

/**
 * winston runs every format (redaction, timestamp, JSON) on each entry before its transports drop a level that is
 * off, so the call path's info lines cost that work at `warn` too. Child loggers write through their root's
 * `write`: checking the level there keeps a disabled line from the formats. The level methods (`info`, `debug`…)
 * check first, so such a line does not even get its info object and each child's metadata merged into it (every
 * call has a child logger); children are made with Object.create, so they inherit these methods.
 */
function skipDisabledLevels(logger: Logger): void {
  const write = logger.write.bind(logger) as (info: winston.LogEntry) => boolean;
  const guarded = (info: winston.LogEntry): boolean => (logger.silent || !logger.isLevelEnabled(info.level) ? true : write(info));
  logger.write = guarded as Logger['write'];
  const methods = logger as unknown as Record<string, (this: Logger, ...args: unknown[]) => Logger>;
  for (const level of Object.keys(logger.levels)) {
    const method = methods[level];
    if (typeof method !== 'function') continue;
    methods[level] = function (this: Logger, ...args: unknown[]): Logger {
      const self = this ?? logger;
      return self.silent || !self.isLevelEnabled(level) ? self : method.apply(self, args);
    };
  }
}

/** A logger for tests: silent unless ALO153_TEST_LOG is set. */
export function createTestLogger(): Logger {
  return createLogger({ level: process.env.ALO153_TEST_LOG ?? 'error', silent: !process.env.ALO153_TEST_LOG });
}
