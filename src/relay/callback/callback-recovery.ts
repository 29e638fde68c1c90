import type { Logger } from '../../logging/logger.js';
import type { CallbackService } from './callback-service.js';
import { CALLBACK_ID_PREFIX, type CallbackAttemptStore, type CallbackTelephony, type TicketHistoryPort } from './callback-ports.js';

/**
 * At start-up: attempts the last process left without ended_at (it was killed or crashed mid-call) are closed
 * as `interrupted`. Their channels and bridges, if Asterisk still has them, go at the first ARI connect (sweep).
 */
export async function closeInterruptedAttempts(store: CallbackAttemptStore, logger: Logger, history?: TicketHistoryPort, now: Date = new Date()): Promise<number> {
  const open = await store.listOpen();
  for (const attempt of open) {
    const endedAt = now.toISOString();
    const talkS = attempt.citizenAnsweredAt ? Math.max(0, Math.round((now.getTime() - Date.parse(attempt.citizenAnsweredAt)) / 1000)) : null;
    await store.update(attempt.id, { status: 'ended', outcome: 'interrupted', hangupCause: 'process restart', endedAt, talkS });
    if (history && attempt.ticketNumber) {
      await history
        .note(attempt.ticketNumber, 'callback-attempt', { attemptId: attempt.id, outcome: 'interrupted', ringS: attempt.ringS, talkS, agent: attempt.agentInterface, agentUserId: attempt.userId }, { kind: 'system', name: 'callback' })
        .catch((error: unknown) => logger.error('callback history note failed', { attemptId: attempt.id, error: (error as Error).message }));
    }
  }
  if (open.length > 0) logger.warn('callbacks interrupted by a restart closed', { count: open.length });
  return open.length;
}

/** `cb-<attemptId>` and `cb-<attemptId>-agent|citizen` → the attempt id. */
function attemptOf(id: string): string {
  return id.slice(CALLBACK_ID_PREFIX.length).replace(/-(agent|citizen)$/, '');
}

/**
 * After every ARI (re)connect. Events sent while we were away are lost, so compare Asterisk with the live
 * attempts: a live leg Asterisk no longer has ended meanwhile; a `cb-` channel or bridge of no live attempt
 * (a restart, a hang-up that failed while ARI was down) is hung up or destroyed, so nothing stays bridged.
 */
export async function sweepCallbacks(service: CallbackService, telephony: CallbackTelephony, logger: Logger): Promise<{ vanished: number; hungUp: number; destroyed: number }> {
  // Judged against legs known before the list was asked for: a leg originated meanwhile is not in it.
  const legs = service.liveLegs();
  const own = await telephony.listOwn(CALLBACK_ID_PREFIX);
  const present = new Set(own.channels);
  let vanished = 0;
  for (const leg of legs) {
    if (present.has(leg.channelId)) continue;
    vanished += 1;
    service.legVanished(leg.attemptId, leg.leg);
  }
  const liveChannels = new Set(service.liveLegs().map((leg) => leg.channelId));
  const orphans = own.channels.filter((id) => !liveChannels.has(id) && !service.isLive(attemptOf(id)));
  const orphanBridges = own.bridges.filter((id) => !service.isLive(attemptOf(id)));
  await Promise.allSettled([...orphans.map((id) => telephony.hangup(id)), ...orphanBridges.map((id) => telephony.destroyBridge(id))]);
  if (vanished + orphans.length + orphanBridges.length > 0) logger.warn('callbacks reconciled with ARI', { vanished, hungUp: orphans.length, destroyed: orphanBridges.length });
  return { vanished, hungUp: orphans.length, destroyed: orphanBridges.length };
}
