import { startPair } from './pair.js';
import type { VerifyResult } from './protocol.js';

/**
 * Scenario 3: heap per call while calls sit in the main menu. The simulator runs in real time, so
 * the welcome + main-menu playback (about 27 s) keeps every caller in the menu while we measure.
 * alo153 and the simulator are separate processes: alo153's heap holds only alo153's share.
 */
export interface MemoryResult {
  calls: number;
  inMenu: number;
  sessions: number;
  heapBefore: number;
  heapAfter: number;
  heapPerCall: number;
  rssPerCall: number;
  heapAfterHangup: number;
  simHeapPerCall: number;
  placingMs: number;
  verify: VerifyResult | null;
  valid: boolean;
  /** Why the figure cannot be trusted, when it cannot. */
  invalidReason?: string;
}

/** welcome (6.5 s) + main-menu (20.7 s) play as one prompt; the first caller is in it until about then. */
const MENU_MS = 27_000;

export interface MemoryOptions {
  calls: number;
  ratePerSecond: number;
  warmUpCalls: number;
}

export async function runMemory(options: MemoryOptions): Promise<MemoryResult> {
  const pair = await startPair('alo153', 1);
  try {
    // Warm-up: the same kind of call, hung up, so lazily created objects exist before the baseline.
    const warm = await pair.sim.call('hold', { calls: options.warmUpCalls, ratePerSecond: 100, timeoutMs: 15_000, numberPrefix: '50' });
    await pair.app.call('waitSessions', { count: options.warmUpCalls, timeoutMs: 10_000 });
    await pair.sim.call('hangupAll', {});
    await pair.app.call('waitIdle', { timeoutMs: 15_000 });

    const appBefore = await pair.app.call('snapshot', { gc: true, resetLoop: false });
    const simBefore = await pair.sim.call('snapshot', { gc: true, resetLoop: false });
    const started = performance.now();
    // The whole measurement must finish well inside the 27 s the first caller spends in the menu.
    const held = await pair.sim.call('hold', { calls: options.calls, ratePerSecond: options.ratePerSecond, timeoutMs: 15_000, numberPrefix: '51' }, 30_000);
    const placingMs = performance.now() - started;
    const settled = await pair.app.call('waitSessions', { count: options.calls, timeoutMs: 10_000 });
    const appAfter = await pair.app.call('snapshot', { gc: true, resetLoop: false });
    const simAfter = await pair.sim.call('snapshot', { gc: true, resetLoop: false });
    const measuredAfterMs = performance.now() - started;
    const invalidReason =
      held.inMenu < options.calls
        ? `only ${held.inMenu} callers reached the menu`
        : !settled.reached
          ? `${settled.sessions} sessions, ${settled.pendingWrites} ticket writes still pending`
          : measuredAfterMs > MENU_MS
            ? `measured ${Math.round(measuredAfterMs)} ms after the first call: early callers may have left the first menu prompt`
            : undefined;

    await pair.sim.call('hangupAll', {});
    await pair.app.call('waitIdle', { timeoutMs: 20_000 });
    const appReleased = await pair.app.call('snapshot', { gc: true, resetLoop: false });
    const verify = await pair.app.call('verify', { channelIds: [...warm.channelIds, ...held.channelIds], expectOutcome: 'abandoned-in-ivr' });
    return {
      calls: options.calls,
      inMenu: held.inMenu,
      sessions: settled.sessions,
      heapBefore: appBefore.heapUsed,
      heapAfter: appAfter.heapUsed,
      heapPerCall: (appAfter.heapUsed - appBefore.heapUsed) / options.calls,
      rssPerCall: (appAfter.rss - appBefore.rss) / options.calls,
      heapAfterHangup: appReleased.heapUsed,
      simHeapPerCall: (simAfter.heapUsed - simBefore.heapUsed) / options.calls,
      placingMs,
      verify,
      valid: invalidReason === undefined,
      ...(invalidReason ? { invalidReason } : {}),
    };
  } finally {
    await pair.stop();
  }
}
