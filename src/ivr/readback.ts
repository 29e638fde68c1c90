import type { IvrDefinition, PromptName } from './types.js';

/**
 * The prompts that read a ticket number back before the transfer.
 *
 * Every digit is read, leading zeros included (153-2026-000123 → "1 5 3 · 2 0 2 6 · 0 0 0 1 2 3"),
 * with a pause between the groups printed in the number. Dropping the zeros ("... 1 2 3") is shorter,
 * but the citizen then writes down something that differs from what the SMS, the web form and the
 * agent's screen show, and every lookup path would have to re-pad it; reading the fixed-width group
 * keeps the spoken, written and stored forms identical. The pauses chunk it as a person would copy it.
 *
 * Without a number (the database is slow or down) only the transfer prompt plays: the call never
 * waits for storage.
 */
export function readbackPrompts(def: IvrDefinition, ticketNumber: string | null): PromptName[] {
  const { prompts } = def;
  const groups = ticketNumber === null ? [] : (ticketNumber.match(/[0-9]+/g) ?? []);
  if (groups.length === 0) return [prompts.transfer];
  const spoken: PromptName[] = [];
  groups.forEach((group, index) => {
    if (index > 0) spoken.push(prompts.pause);
    for (const digit of group) spoken.push(prompts.digitTemplate.replaceAll('{d}', digit));
  });
  return [prompts.ticketPrefix, ...spoken, prompts.ticketSuffix, prompts.transfer];
}
