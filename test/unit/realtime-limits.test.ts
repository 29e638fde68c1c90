import { expect } from 'chai';
import { RejectionLog } from '../../src/realtime/rejection-log.js';
import { PerKeyInterval, TokenBucket } from '../../src/realtime/socket-limits.js';
import { capturingEntriesLogger } from '../support/capturing-logger.js';

describe('realtime limits: token bucket, one snapshot a second, rejection counts', () => {
  it('allows the burst at once, then the steady rate, and no more', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 30, () => now);
    const burst = Array.from({ length: 100 }, () => bucket.take()).filter(Boolean).length;
    expect(burst).to.equal(30);
    now += 1000;
    const nextSecond = Array.from({ length: 100 }, () => bucket.take()).filter(Boolean).length;
    expect(nextSecond).to.equal(10);
    now += 60_000;
    expect(Array.from({ length: 100 }, () => bucket.take()).filter(Boolean).length, 'refilled only up to the burst').to.equal(30);
  });

  it('allows one event per key per interval, each key on its own', () => {
    let now = 0;
    const limit = new PerKeyInterval(1000, () => now);
    expect([limit.allow('supervisors'), limit.allow('supervisors'), limit.allow('queue:a')]).to.deep.equal([true, false, true]);
    now = 999;
    expect(limit.allow('supervisors')).to.equal(false);
    now = 1000;
    expect(limit.allow('supervisors')).to.equal(true);
  });

  it('writes one line per key with the counts by reason, at flush and not per message', () => {
    const { logger, lines } = capturingEntriesLogger();
    const log = new RejectionLog(logger, { windowMs: 60_000 });
    for (let i = 0; i < 25_000; i += 1) log.record('socket-1', { user: 'ajan1', socket: 'socket-1' }, i % 2 === 0 ? 'rate-limited' : 'unknown-event', `nope-${i % 7}`);
    log.record('socket-2', { user: 'ajan2', socket: 'socket-2' }, 'invalid-request', 'board:subscribe');
    expect(lines).to.have.length(0);
    log.flush('socket-1');
    log.flush('socket-1');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ message: 'socket messages rejected', user: 'ajan1', count: 25_000, reasons: { 'rate-limited': 12_500, 'unknown-event': 12_500 } });
    expect(lines[0]!.events).to.have.length(5);
    log.close();
    expect(lines.map((line) => line.user)).to.deep.equal(['ajan1', 'ajan2']);
  });

  it('writes what piled up once a window, by itself', async () => {
    const { logger, lines } = capturingEntriesLogger();
    const log = new RejectionLog(logger, { windowMs: 50 });
    try {
      log.record('socket-1', { user: 'ajan1' }, 'rate-limited', 'board:resync');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lines).to.have.length(1);
      expect(lines[0]).to.deep.include({ count: 1 });
    } finally {
      log.close();
    }
  });
});
