import { Pbx } from '../src/simulator/pbx/pbx.js';
import { stasisRoute } from '../src/telephony/stasis-route.js';

/** The soak's split of the calls it placed, by what alo153 was given of each. */
export interface StasisSplit {
  /** Channels whose Stasis(alo153,inbound) went through: alo153 owes each one call record with its own ticket. */
  entered: string[];
  /** Channels whose Stasis() failed because alo153's WebSocket was down: they went to alo153-genel without it. */
  fallback: string[];
  /**
   * Fallback channels that came back into Stasis(alo153,after-queue) once alo153 was connected again (their agent
   * hung up, app_queue's `c` option): alo153 has no call of theirs, so no survey; it hangs them up.
   */
  fallbackBackAfterQueue: string[];
}

/**
 * Which channels entered alo153's IVR, decided by the route of each Stasis entry (the same `stasisRoute` alo153
 * dispatches on). Since the post-call survey a channel can enter Stasis twice, and a caller who fell back to
 * alo153-genel while the WebSocket was down enters it only after the queue: counting every Stasis entry made
 * those fallback calls look like calls alo153 had lost.
 */
export class StasisLedger {
  private readonly ivr = new Set<string>();
  private readonly afterQueue = new Set<string>();

  record(channelId: string, args: readonly string[]): void {
    const { kind } = stasisRoute(args);
    if (kind === 'ivr') this.ivr.add(channelId);
    else if (kind === 'after-queue') this.afterQueue.add(channelId);
  }

  /** Records every Stasis entry of alo153's app in this process's simulator (no simulator file changes); returns the undo. */
  watch(app = 'alo153'): () => void {
    const enterStasis = Pbx.prototype.enterStasis;
    const record = (channelId: string, args: readonly string[]): void => this.record(channelId, args);
    Pbx.prototype.enterStasis = function (this: Pbx, channel, stasisApp, args) {
      if (stasisApp === app) record(channel.id, args);
      return enterStasis.call(this, channel, stasisApp, args);
    };
    return () => {
      Pbx.prototype.enterStasis = enterStasis;
    };
  }

  split(placed: readonly string[]): StasisSplit {
    const fallback = placed.filter((id) => !this.ivr.has(id));
    return { entered: placed.filter((id) => this.ivr.has(id)), fallback, fallbackBackAfterQueue: fallback.filter((id) => this.afterQueue.has(id)) };
  }
}
