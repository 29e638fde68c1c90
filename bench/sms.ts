/**
 * SMS relay bench: BENCH_SMS_MESSAGES (1,000) relay SMS, alternately one part (`opened`) and two UCS-2 parts
 * (`answer-ready` with a short Turkish answer), from a fresh SQLite outbox through the SMPP sender to the local
 * test SMSC (src/simulator/smsc) over TCP on 127.0.0.1, receipts on. Prints messages/s and parts/s to "all
 * submitted" and to "all delivered" (receipts recorded), and lost / doubled parts as the SMSC saw them (must be 0/0).
 * Runs inside `npm run bench` (BENCH_ONLY=sms) or alone: `npx tsx bench/sms.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../src/logging/logger.js';
import { enqueueSms } from '../src/relay/sms/sms-outbox.js';
import { SmsSender } from '../src/relay/sms/sms-sender.js';
import { startSmsc } from '../src/simulator/smsc/smsc-server.js';
import { createDatabase, migrateLatest } from '../src/storage/database.js';
import { fixed, printTable, verdict } from './report.js';

export interface SmsBenchResult {
  messages: number;
  parts: number;
  perSecondLimit: number;
  enqueueMs: number;
  submitMs: number;
  deliverMs: number;
  lost: number;
  doubled: number;
}

const ANSWER = 'Sokak lambası arızası giderildi, ekiplerimiz kontrol etti.';

export async function runSmsBench(options: { messages: number; perSecond: number }, log: (line: string) => void = console.log): Promise<SmsBenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'alo153-sms-bench-'));
  const db = createDatabase({ sqliteFile: join(directory, 'bench.sqlite') });
  const smsc = await startSmsc({ systemId: 'alo153', password: 'bench', receiptDelayMs: 5 });
  const logger = createLogger({ level: 'error' });
  const noteless = { note: () => Promise.resolve() };
  try {
    await migrateLatest(db);
    const at = new Date().toISOString();
    const tickets = Array.from({ length: options.messages }, (_, i) => ({ number: `153-2026-${String(i + 1).padStart(6, '0')}`, year: 2026, seq: i + 1, source: 'phone', status: 'open', priority: 'normal', created_at: at, updated_at: at }));
    for (let i = 0; i < tickets.length; i += 200) await db('tickets').insert(tickets.slice(i, i + 200));
    const enqueueStarted = performance.now();
    for (const [i, ticket] of tickets.entries()) {
      const request = i % 2 === 0 ? ({ template: 'opened', params: { ticketNumber: ticket.number } } as const) : ({ template: 'answer-ready', params: { ticketNumber: ticket.number, answer: ANSWER } } as const);
      await enqueueSms(db, { idempotencyKey: `${ticket.number}:${request.template}`, ticketNumber: ticket.number, recipient: `0532${String(1_000_000 + i)}`, ...request }, { encoding: 'ucs2', maxParts: 6 });
    }
    const enqueueMs = performance.now() - enqueueStarted;
    const parts = Number(((await db('sms_messages').sum({ n: 'parts' }).first()) as { n: number | string }).n);
    log(`sms: ${options.messages} messages, ${parts} parts queued in ${fixed(enqueueMs, 0)} ms; sending at <= ${options.perSecond} parts/s`);
    const sender = new SmsSender(
      db,
      { smsc: { host: '127.0.0.1', port: smsc.port, systemId: 'alo153', password: 'bench', systemType: '' }, sourceAddr: 'ALO153', requestDeliveryReceipt: true, perSecond: options.perSecond, retry: { initialDelayMs: 100, maxDelayMs: 2000 }, giveUpHours: 72 },
      noteless,
      logger,
      { window: 50, pollMs: 50 },
    );
    const started = performance.now();
    sender.start();
    const count = async (status: string[]): Promise<number> => Number(((await db('sms_messages').whereIn('status', status).count({ n: '*' }).first()) as { n: number | string }).n);
    let submitMs = Number.NaN;
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      if (Number.isNaN(submitMs) && (await count(['submitted', 'delivered'])) === options.messages) submitMs = performance.now() - started;
      if ((await count(['delivered'])) === options.messages) break;
      if (Date.now() > deadline) throw new Error('sms bench: not all delivered within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deliverMs = performance.now() - started;
    await sender.stop();
    const accepted = smsc.received.filter((p) => p.status === 0).length;
    const doubled = smsc.duplicates().length;
    const complete = smsc.messages().filter((m) => m.complete).length;
    return { messages: options.messages, parts, perSecondLimit: options.perSecond, enqueueMs, submitMs, deliverMs, lost: options.messages - complete + (parts - (accepted - doubled)), doubled };
  } finally {
    await smsc.close();
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  }
}

export function printSms(result: SmsBenchResult): void {
  const rate = (n: number, ms: number): string => fixed((n * 1000) / ms, 0);
  printTable([
    ['figure', 'value', 'target', 'verdict'],
    [`messages/s to all submitted (${result.messages} msgs, ${result.parts} parts, <= ${result.perSecondLimit} parts/s)`, rate(result.messages, result.submitMs), '', ''],
    ['parts/s to all submitted', rate(result.parts, result.submitMs), '', ''],
    ['messages/s to all delivered (receipts recorded)', rate(result.messages, result.deliverMs), '', ''],
    ['enqueue, ms per message (one INSERT each)', fixed(result.enqueueMs / result.messages, 2), '', ''],
    ['lost / doubled parts', `${result.lost} / ${result.doubled}`, '0 / 0', verdict(result.lost === 0 && result.doubled === 0)],
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const messages = Number(process.env.BENCH_SMS_MESSAGES ?? 1000);
  const perSecond = Number(process.env.BENCH_SMS_PER_SECOND ?? 1000);
  const result = await runSmsBench({ messages, perSecond });
  printSms(result);
  console.log(JSON.stringify({ bench: 'sms', ...result }));
}
