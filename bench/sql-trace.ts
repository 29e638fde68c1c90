/**
 * Investigation aid (not part of `npm run bench`): which SQL statements the call path issues, by shape, for
 * TRACE_CALLS (50) calls placed at once that press 0 three (simulated) seconds in and hang up once in the queue.
 * Run: ALO153_TEST_DB=sqlite|postgres npx tsx bench/sql-trace.ts
 */
import { startSystem, waitFor } from '../test/support/system.js';

const count = Number(process.env.TRACE_CALLS ?? 50);
const system = await startSystem({ agents: 0 });
const shapes = new Map<string, number>();
system.app.db.on('query', (query: { sql: string }) => {
  const shape = query.sql.replace(/\s+/g, ' ').replace(/\((\?, )+\?\)/g, '(…)').replace(/(\(…\), )+\(…\)/g, '(…)…').slice(0, 110);
  shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
});
const calls = Array.from({ length: count }, (_, i) => system.sim.placeCall({ callerNumber: `0533${String(i).padStart(7, '0')}`, script: [{ afterMs: 3000, digit: '0' }], hangupAfterMs: 3_000_000 }));
const hungUp = new Set<string>();
await waitFor(
  () => {
    for (const channel of system.sim.channels()) {
      if (channel.dialplan.context !== 'alo153-queues' || hungUp.has(channel.id)) continue;
      hungUp.add(channel.id);
      calls.find((call) => call.channelId === channel.id)?.hangup();
    }
    return hungUp.size === count;
  },
  60_000,
  'every call in its queue',
);
await waitFor(() => system.app.tickets.pendingWrites() === 0 && system.app.registry.size === 0, 30_000, 'writes landed');
await new Promise((resolve) => setTimeout(resolve, 1000));
const total = [...shapes.values()].reduce((a, b) => a + b, 0);
console.log(`${count} calls, ${total} statements, ${(total / count).toFixed(1)} per call`);
for (const [shape, n] of [...shapes].sort((a, b) => b[1] - a[1])) console.log(`${(n / count).toFixed(2).padStart(6)}  ${shape}`);
await system.stop();
