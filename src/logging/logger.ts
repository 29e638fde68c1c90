import winston from 'winston';
import { redactText } from './redact.js';

export type Logger = winston.Logger;

export interface LoggerOptions {
  level: string;
  /** Silences output (tests); errors still go to the returned logger's transports if `silent` is false. */
  silent?: boolean;
}

/** Redacts phone and national-ID numbers in every message and string field (KVKK). */
const redactFormat = winston.format((info) => {
  for (const [key, value] of Object.entries(info)) {
    if (typeof value === 'string') info[key] = redactText(value);
  }
  return info;
});

export function createLogger(options: LoggerOptions): Logger {
  return winston.createLogger({
    level: options.level,
    silent: options.silent ?? false,
    format: winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json()),
    defaultMeta: { service: 'alo153' },
    transports: [new winston.transports.Console()],
  });
}

/** A logger for tests: silent unless ALO153_TEST_LOG is set. */
export function createTestLogger(): Logger {
  return createLogger({ level: process.env.ALO153_TEST_LOG ?? 'error', silent: !process.env.ALO153_TEST_LOG });
}
