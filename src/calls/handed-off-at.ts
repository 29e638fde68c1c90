/**
 * When a handed-off call left alo153: the PBX's time of its StasisEnd (or of the hang-up racing the continue).
 * We may read that event late under load, after app_queue has already connected an agent; AMI stamps AgentConnect,
 * AgentComplete and Hangup with the PBX's clock (manager.conf timestampevents), so taking the PBX's time here keeps
 * the call record's times after the hand-off in order on one clock (the agent never answers before the call left us).
 * Kept between the hand-off (our clock) and now, so a PBX clock that is off (another host) cannot move the end out
 * of the call; without a readable timestamp it is now, as for a call that ended in the IVR.
 */
export function handedOffAt(pbxTimestamp: string | undefined, handOffAt: Date, now: Date): Date {
  // ARI writes `2026-11-28T17:53:51.673+0000`, which Date.parse reads as UTC.
  const at = pbxTimestamp === undefined ? Number.NaN : Date.parse(pbxTimestamp);
  if (!Number.isFinite(at)) return now;
  return new Date(Math.min(now.getTime(), Math.max(handOffAt.getTime(), at)));
}
