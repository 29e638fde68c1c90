import { ticketNumberPrompts } from './turkish-numerals.js';
import type { IvrDefinition, PromptName } from './types.js';

/**
 * The prompts between the caller's last digit and the queue: "Talep numaranız üç yüz kırk beş" (the serial; the
 * year too with `readbackYear`, "Aktarıyorum." after it with `readbackTransfer`). The number is said in Turkish
 * numerals (see turkish-numerals.ts): on a real Asterisk the old digit-by-digit form ("1 5 3 2 0 2 6 0 0 0 0 0 3
 * numarası ile kaydedildi …") kept a caller ~12 s from the queue; the SMS and the agent's screen carry the full
 * printed form. By default the number is the last thing said: the queue's music on hold follows it at once, which
 * tells the caller they are waiting for a person, and a 6-digit serial then fits in 5 s.
 *
 * Without a number (the database is slow or down) only the transfer prompt plays, so the caller still hears
 * something before the music: the call never waits for storage.
 */
export function readbackPrompts(def: IvrDefinition, ticketNumber: string | null): PromptName[] {
  const { prompts } = def;
  const spoken = ticketNumber === null ? [] : ticketNumberPrompts(ticketNumber, prompts.pause, def.readbackYear);
  if (spoken.length === 0) return [prompts.transfer];
  return [prompts.ticketPrefix, ...spoken, ...(def.readbackTransfer ? [prompts.transfer] : [])];
}
