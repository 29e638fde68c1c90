/**
 * Investigation aid (not part of `npm run bench`): the 200-calls-at-once case of
 * test/integration/call-path.test.ts, timed, with the completion check switchable:
 *   REPRO_POLL=db   one getCallByChannel poller per call every 10 ms, as the test does
 *   REPRO_POLL=sim  one loop reading the simulator's channel list (no database reads)
 * REPRO_DIGIT=on-prompt presses 0 when the first prompt starts instead of 15 s (simulated) after dialling.
 * Engine: ALO153_TEST_DB=sqlite|postgres (as the tests). Calls: REPRO_CALLS (200).
 * Run: npx tsx bench/call-path-repro.ts   (add --cpu-prof via: node --cpu-prof --import tsx bench/call-path-repro.ts)
 */
import { startSystem, waitFor } from '../test/support/system.js';
import { percentile } from './report.js';
import { SimProbe } from './sim-probe.js';

const count = Number(process.env.REPRO_CALLS ?? 200);
const poll = process.env.REPRO_POLL ?? 'db';
const probe = new SimProbe();
probe.install();
const system = await startSystem({ agents: 2 });
const t0 = performance.now();
// REPRO_DIGIT=on-prompt: press 0 when the first prompt starts (the test's fixed 15 s is lost when the answer comes later).
const onPrompt = process.env.REPRO_DIGIT === 'on-prompt';
const calls = Array.from({ length: count }, (_, i) =>
  system.sim.placeCall({
    callerNumber: `05330${String(i).padStart(6, '0')}`,
    script: onPrompt ? [] : [{ afterMs: 15000, digit: '0' }],
    hangupAfterMs: 3_000_000,
  }),
);
const byChannel = new Map(calls.map((c) => [c.channelId, c]));
if (onPrompt) probe.onFirstPrompt = (channelId) => byChannel.get(channelId)?.sendDigit('0');
const doneAt = new Map<string, number>();
if (poll === 'db') {
  await Promise.all(
    calls.map((c) =>
      waitFor(
        async () => {
          const call = await system.app.store.getCallByChannel(c.channelId);
          const done = call?.outcome !== null && call?.outcome !== undefined;
          if (done && !doneAt.has(c.channelId)) doneAt.set(c.channelId, performance.now() - t0);
          return done;
        },
        60000,
        'call end',
      ),
    ),
  );
} else {
  const ended = new Set<string>();
  for (const c of calls) void c.ended.then(() => ended.add(c.channelId));
  await waitFor(
    () => {
      const now = performance.now() - t0;
      for (const ch of system.sim.channels()) if (ch.dialplan.context === 'alo153-queues' && !doneAt.has(ch.id)) doneAt.set(ch.id, now);
      for (const id of ended) if (!doneAt.has(id)) doneAt.set(id, now);
      return doneAt.size >= count;
    },
    60000,
    'hand-offs',
  );
}
const handedMs = performance.now() - t0;
await waitFor(() => system.app.tickets.pendingWrites() === 0, 30000, 'ticket writes');
const writesMs = performance.now() - t0;
const paths = (await system.app.db('calls').select('ivr_path')) as Array<{ ivr_path: string }>;
const pathKinds: Record<string, number> = {};
for (const { ivr_path } of paths) {
  const events = (JSON.parse(ivr_path) as Array<{ event: string }>).map((s) => s.event);
  const kind = events.includes('selected') ? (events.includes('no-input') ? 'selected-after-no-input' : 'selected') : events.includes('retries-exhausted') ? 'no-input-retries-exhausted' : 'other';
  pathKinds[kind] = (pathKinds[kind] ?? 0) + 1;
  if (process.env.REPRO_DUMP && kind !== 'selected' && pathKinds[kind] === 1) console.log(kind, ivr_path);
}
const times = [...doneAt.values()].sort((a, b) => a - b);
const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
const rows = (await system.app.db('calls').where({ outcome: 'handed-to-queue' }).count({ n: '*' })) as Array<{ n: number | string }>;
console.log(
  JSON.stringify({
    engine: process.env.ALO153_TEST_DB ?? 'sqlite',
    poll,
    digit: onPrompt ? 'on-prompt' : 'script 15 s',
    calls: count,
    allHandedMs: Math.round(handedMs),
    allWritesLandedMs: Math.round(writesMs),
    firstMs: Math.round(at(0)),
    p50Ms: Math.round(at(0.5)),
    p90Ms: Math.round(at(0.9)),
    handedRows: Number(rows[0]?.n),
    ivrPaths: pathKinds,
    stasisStartToAnswerMs: { p50: Math.round(percentile(probe.samples.stasisStartToAnswer, 50)), max: Math.round(percentile(probe.samples.stasisStartToAnswer, 100)) },
  }),
);
await system.stop();
