import { callerNumberVariants } from '../../requests/phone-numbers.js';

/**
 * The citizen's number as the trunk dials it: national form `0xxxxxxxxxx`. Stored numbers come in any
 * spelling (+90…, 90…, 0…, 10 digits); anything that is not a Turkish subscriber number is refused
 * rather than guessed at (short codes and foreign numbers need the operator's own prefix rules).
 */
export function dialledNumber(stored: string): string | undefined {
  const variants = callerNumberVariants(stored);
  // Five spellings mean a Turkish national number; the second is `0` + the 10 digits.
  return variants.length === 5 ? variants[1] : undefined;
}

/** `PJSIP/{number}@trunk` → `PJSIP/05321234567@trunk`; `{context}` lets a Local channel go through the dialplan. */
export function citizenEndpoint(template: string, number: string, context: string): string {
  return template.replaceAll('{number}', number).replaceAll('{context}', context);
}
