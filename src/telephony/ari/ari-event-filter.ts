import type { Logger } from '../../logging/logger.js';
import { asteriskMessageOf, type AriRest } from './ari-rest.js';

/**
 * Asks Asterisk (16+: PUT /applications/{app}/eventFilter) to send the app only the event types it reads. The
 * rest (ChannelVarset for every variable set, PlaybackContinuing between the items of a media list...) would
 * otherwise be built, framed and parsed for nothing. The filter belongs to Asterisk's stasis_app, which a
 * reconnect may replace by a fresh one, so it is sent after every connect. Failing is harmless (the events are
 * still checked on arrival): a warning, no retry.
 */
export async function applyAriEventFilter(rest: AriRest, app: string, types: readonly string[], logger: Logger): Promise<void> {
  const filter = { allowed: types.map((type) => ({ type })) };
  try {
    const response = await rest.request('PUT', `/applications/${encodeURIComponent(app)}/eventFilter`, {}, 'eventFilter', filter);
    if (response.status >= 200 && response.status < 300) return;
    logger.warn('ari event filter not applied; every event of the app still arrives', { status: response.status, message: asteriskMessageOf(response.body) });
  } catch (error) {
    logger.warn('ari event filter not applied; every event of the app still arrives', { error: (error as Error).message });
  }
}
