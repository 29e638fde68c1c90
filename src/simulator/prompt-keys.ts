import type { CallHandle } from './pbx/callers.js';

/**
 * What alo153 plays a caller who still has an open ticket, between the welcome and the main menu (config/ivr.json
 * returning.prompt): "Açık bir başvurunuz var: durumunu öğrenmek için 1, yeni bir talep için 2".
 */
export const RETURNING_OFFER = 'sound:alo153/returning-offer';

/**
 * A synthetic citizen who presses a key as a prompt (media URI) starts playing, each time it plays, and notes
 * every prompt heard in `heard`. It reacts to what the line says, not to the clock: whether a returning caller
 * hears the offer depends on the open-ticket lookup answering before the welcome ends, so keys timed from the
 * answer could land in the offer or the main menu by chance.
 */
export function pressOnPrompt(keys: Readonly<Record<string, string>>, heard?: string[]): (media: string, call: CallHandle) => void {
  return (media, call) => {
    heard?.push(media);
    const key = keys[media];
    if (key !== undefined) call.sendDigit(key);
  };
}
