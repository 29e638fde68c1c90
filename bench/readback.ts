/**
 * Read-back bench (BENCH_ONLY=readback): the audio between the caller's last menu digit and the queue.
 *  1. Static: the prompt files' durations (the simulator's own WAV reader, src/simulator/pbx/wav.ts) summed for
 *     the shipped config/ivr.json (the serial alone: "Talep numaranız üç yüz kırk beş"), with the year
 *     (`readbackYear`) and with the year and "Aktarıyorum." (`readbackTransfer`, the form shipped before), for
 *     typical serials and for the longest serial of 1..999999; target <= 5 s for the shipped config.
 *  2. Live: alo153 and the simulator in this process (SQLite), one call per serial (the ticket counter set just
 *     below it), the caller pressing 0 one second into the welcome: simulated seconds from the DTMF to the continue
 *     into alo153-queues, and the ARI events of the call and of that stretch.
 * Runs inside `npm run bench` or alone: `npx tsx bench/readback.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/load.js';
import { loadIvrDefinition } from '../src/ivr/definition.js';
import { createLogger } from '../src/logging/logger.js';
import { istanbulYear } from '../src/requests/ticket-numbers.js';
import { startAlo153 } from '../src/server.js';
import { EventHub } from '../src/simulator/ari/event-hub.js';
import { startSimulator } from '../src/simulator/index.js';
import type { SimChannel } from '../src/simulator/pbx/channel.js';
import type { AriEventDraft } from '../src/simulator/pbx/event-ports.js';
import { Pbx } from '../src/simulator/pbx/pbx.js';
import { createBenchDatabase } from './bench-db.js';
import { READBACK_TARGET_MS, SEVEN_DIGIT_SERIALS, longestReadback, readbackAudio, readbackDurations } from './readback-audio.js';
import { fixed, printTable, verdict } from './report.js';

export const READBACK_SERIALS = [1, 9, 42, 123, 1234, 12345, 123456, 999999];

/** Asterisk 22 reports a media list as PlaybackStarted per item, PlaybackContinuing between items, one PlaybackFinished. */
const playbackEvents = (items: number): number => 2 * items;

export interface ReadbackRow {
  serial: number;
  /** True on the row of the longest serial of 1..999999 with the shipped config. */
  longest?: true;
  /**
   * A serial of 1,000,000 or more (a year past its millionth ticket): reported, not held to the target, which is for
   * the six-digit serials a centre is at most of the year. `longest` marks the longest of 1,000,000..1,999,999.
   */
  sevenDigits?: true;
  /** The shipped config/ivr.json. */
  seconds: number;
  items: number;
  met: boolean;
  /** With `readbackYear` true. */
  withYearSeconds: number;
  /** With `readbackYear` and `readbackTransfer` true: the form shipped before. */
  withYearAndTransferSeconds: number;
  live?: { digitToQueueS: number; ariEventsPerCall: number; ariEventsDigitToQueue: number };
}

interface Track {
  events: number;
  dtmfAt?: number;
  eventsAfterDtmf: number;
  continuedAt?: number;
}

async function runLive(rows: ReadbackRow[], speed: number): Promise<void> {
  const tracks = new Map<string, Track>();
  const track = (id: string): Track => {
    let found = tracks.get(id);
    if (!found) tracks.set(id, (found = { events: 0, eventsAfterDtmf: 0 }));
    return found;
  };
  const deliver = EventHub.prototype.deliver;
  EventHub.prototype.deliver = function (this: EventHub, draft: AriEventDraft, channel: SimChannel) {
    if (channel.subscribedApp !== null) {
      const t = track(channel.id);
      t.events += 1;
      if (draft.type === 'ChannelDtmfReceived') t.dtmfAt ??= performance.now();
      if (t.dtmfAt !== undefined && t.continuedAt === undefined) t.eventsAfterDtmf += 1;
    }
    deliver.call(this, draft, channel);
  };
  const continueInDialplan = Pbx.prototype.continueInDialplan;
  Pbx.prototype.continueInDialplan = function (this: Pbx, channel, target) {
    track(channel.id).continuedAt ??= performance.now();
    continueInDialplan.call(this, channel, target);
  };
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'error' });
  const sim = await startSimulator({ username: 'alo153', password: 'bench', speed, logger });
  const database = await createBenchDatabase(undefined);
  const config = loadConfig({
    env: {},
    overrides: {
      http: { port: 0 },
      ari: { url: sim.ariUrl, password: 'bench', reconnect: { initialDelayMs: 50, maxDelayMs: 500 } },
      ami: { port: sim.amiPort, password: 'bench', reconnect: { initialDelayMs: 50, maxDelayMs: 500 } },
      calls: { shutdownDrainMs: 1000, outbox: { file: path.join(mkdtempSync(path.join(tmpdir(), 'alo153-readback-')), 'outbox.jsonl') } },
      auth: { secret: 'alo153-bench-token-secret-0123456789abcdef' },
    },
  });
  const app = await startAlo153(config, logger, { db: database.db });
  try {
    const deadline = Date.now() + 10_000;
    while (app.ari.state !== 'connected' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const year = istanbulYear(new Date());
    for (const [index, row] of rows.entries()) {
      // The next call's ticket gets this serial.
      await app.db('ticket_counters').insert({ year, last_seq: row.serial - 1 }).onConflict('year').merge();
      const call = sim.placeCall({ callerNumber: `0532${String(9_000_000 + index).padStart(7, '0')}`, script: [{ afterMs: 1000, digit: '0' }], hangupAfterMs: 120_000 });
      const started = Date.now();
      while (tracks.get(call.channelId)?.continuedAt === undefined && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 5));
      const t = tracks.get(call.channelId);
      call.hangup();
      await call.ended;
      if (t?.dtmfAt === undefined || t.continuedAt === undefined) continue;
      row.live = { digitToQueueS: (t.continuedAt - t.dtmfAt) / speed / 1000, ariEventsPerCall: t.events, ariEventsDigitToQueue: t.eventsAfterDtmf };
    }
  } finally {
    await app.stop();
    await sim.stop();
    await database.cleanUp();
    EventHub.prototype.deliver = deliver;
    Pbx.prototype.continueInDialplan = continueInDialplan;
  }
}

export async function runReadbackBench(options: { speed: number }): Promise<ReadbackRow[]> {
  const ivr = await loadIvrDefinition(path.resolve('config/ivr.json'));
  const year = istanbulYear(new Date());
  const durations = await readbackDurations(ivr);
  const withYear = { ...ivr, readbackYear: true };
  const withYearAndTransfer = { ...withYear, readbackTransfer: true };
  const row = (serial: number): ReadbackRow => {
    const shipped = readbackAudio(ivr, year, serial, durations);
    return {
      serial,
      seconds: shipped.ms / 1000,
      items: shipped.items,
      met: shipped.ms <= READBACK_TARGET_MS,
      withYearSeconds: readbackAudio(withYear, year, serial, durations).ms / 1000,
      withYearAndTransferSeconds: readbackAudio(withYearAndTransfer, year, serial, durations).ms / 1000,
    };
  };
  const rows = READBACK_SERIALS.map(row);
  rows.push({ ...row(longestReadback(ivr, year, durations).serial), longest: true });
  rows.push({ ...row(SEVEN_DIGIT_SERIALS.first), sevenDigits: true });
  rows.push({ ...row(longestReadback(ivr, year, durations, SEVEN_DIGIT_SERIALS).serial), longest: true, sevenDigits: true });
  await runLive(rows, options.speed);
  return rows;
}

/** The target holds the six-digit serials (every one of 1..999999 through the longest row); seven-digit rows are reported. */
export function readbackTargetMet(rows: readonly ReadbackRow[]): boolean {
  return rows.filter((row) => !row.sevenDigits).every((row) => row.met);
}

export function printReadback(rows: readonly ReadbackRow[], log: (line: string) => void = console.log): void {
  log(`Read-back: audio from the last menu digit to the queue (prompt WAV durations), target <= ${READBACK_TARGET_MS / 1000} s with config/ivr.json`);
  printTable([
    ['serial', 'config/ivr.json: audio s (items, ARI events)', `<= ${READBACK_TARGET_MS / 1000} s`, 'live: DTMF → continue, simulated s', 'live ARI events: per call / DTMF → continue', 'readbackYear: audio s', 'readbackYear + readbackTransfer: audio s'],
    ...rows.map((row) => [
      row.longest ? `${row.serial} (longest of ${row.sevenDigits ? '1000000..1999999' : '1..999999'})` : String(row.serial),
      `${fixed(row.seconds, 2)} (${row.items}, ${playbackEvents(row.items)})`,
      row.sevenDigits ? `${verdict(row.met)} (not held)` : verdict(row.met),
      row.live ? fixed(row.live.digitToQueueS, 2) : 'n/a',
      row.live ? `${row.live.ariEventsPerCall} / ${row.live.ariEventsDigitToQueue}` : 'n/a',
      fixed(row.withYearSeconds, 2),
      fixed(row.withYearAndTransferSeconds, 2),
    ]),
  ]);
  log(`Read-back target (every serial 1..999999 <= ${READBACK_TARGET_MS / 1000} s of audio): ${verdict(readbackTargetMet(rows))}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runReadbackBench({ speed: Number(process.env.BENCH_READBACK_SPEED ?? 0.2) });
  printReadback(rows);
  console.log(JSON.stringify({ bench: 'readback', rows }));
}
