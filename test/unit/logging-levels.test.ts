import { Writable } from 'node:stream';
import { expect } from 'chai';
import winston from 'winston';
import { createLogger } from '../../src/logging/logger.js';

/** alo153's logger with its Console transport swapped for a stream the test reads, and its formats counted. */
function countingLogger(level: string): { logger: winston.Logger; lines: string[]; formatted: () => number } {
  const logger = createLogger({ level });
  const lines: string[] = [];
  logger.clear();
  logger.add(new winston.transports.Stream({ stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString('utf8')), done()) }) }));
  const format = logger.format;
  let formatted = 0;
  logger.format = { transform: (info, options) => ((formatted += 1), format.transform(info, options)) } as winston.Logform.Format;
  return { logger, lines, formatted: () => formatted };
}

describe('logger: levels that are off cost no formatting', () => {
  it('formats and writes a line at or above the level, from the root and from a child logger', () => {
    const { logger, lines, formatted } = countingLogger('warn');
    logger.warn('disk slow', { file: 'outbox.jsonl' });
    logger.child({ callId: 'c-1' }).error('call command failed');
    expect(formatted()).to.equal(2);
    expect(JSON.parse(lines[0]!)).to.include({ level: 'warn', message: 'disk slow', file: 'outbox.jsonl', service: 'alo153' });
    expect(JSON.parse(lines[1]!)).to.include({ level: 'error', message: 'call command failed', callId: 'c-1' });
  });

  it('never runs the formats for a line below the level, from the root or a child', () => {
    const { logger, lines, formatted } = countingLogger('warn');
    logger.info('call entered stasis', { caller: '0532***4567' });
    logger.child({ callId: 'c-1' }).child({ channelId: 'ch-1' }).info('ticket opened');
    logger.debug('detail');
    expect(formatted()).to.equal(0);
    expect(lines).to.deep.equal([]);
  });

  it('does not even hand a line below the level to write(): no info object, no child metadata merged', () => {
    const { logger, lines } = countingLogger('warn');
    const write = logger.write.bind(logger);
    let written = 0;
    logger.write = ((info: winston.LogEntry) => ((written += 1), write(info))) as winston.Logger['write'];
    const child = logger.child({ callId: 'c-1' });
    child.info('ticket opened', { ticket: '2026-000001' });
    logger.debug('detail');
    expect(written).to.equal(0);
    child.warn('play failed');
    expect(written).to.equal(1);
    expect(JSON.parse(lines[0]!)).to.include({ level: 'warn', message: 'play failed', callId: 'c-1' });
  });

  it('follows a level changed at run time', () => {
    const { logger, lines } = countingLogger('warn');
    const child = logger.child({ callId: 'c-1' });
    child.info('before');
    logger.level = 'info';
    child.info('after');
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).to.deep.equal(['after']);
  });
});
