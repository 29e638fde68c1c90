import { Writable } from 'node:stream';
import winston from 'winston';

export interface CaptureOptions {
  /** Default: plain JSON; pass logFormat() to see exactly what alo153 writes (masking included). */
  format?: winston.Logform.Format;
  level?: string;
}

/** A logger whose written JSON lines the test reads: `lines()` parsed, `raw()` as text. */
export function capturingLogger(options: CaptureOptions = {}): { logger: winston.Logger; lines: () => Array<Record<string, unknown>>; raw: () => string } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = winston.createLogger({ level: options.level ?? 'debug', format: options.format ?? winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
  return { logger, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>), raw: () => written.join('') };
}

/** A logger whose log entries (winston's info objects) pile up in `lines` as they are written. */
export function capturingEntriesLogger(options: CaptureOptions = {}): { logger: winston.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    objectMode: true,
    write(info: Record<string, unknown>, _encoding, done) {
      lines.push(info);
      done();
    },
  });
  const logger = winston.createLogger({ level: options.level ?? 'debug', ...(options.format ? { format: options.format } : {}), transports: [new winston.transports.Stream({ stream })] });
  return { logger, lines };
}
