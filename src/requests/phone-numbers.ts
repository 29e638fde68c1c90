/**
 * Caller numbers are stored as they came: the PBX's caller id (often 05xx… or +905xx…) or what an agent
 * typed (digits only, see ticket-form.ts). A search lists every spelling of the same Turkish subscriber,
 * so the database can look each one up on the caller_number index instead of normalising the column.
 */

export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** The 10-digit national number (5321234567) of a Turkish number in any common spelling. */
function turkishNationalNumber(digits: string): string | undefined {
  if (digits.length === 10 && !digits.startsWith('0')) return digits;
  if (digits.length === 11 && digits.startsWith('0')) return digits.slice(1);
  if (digits.length === 12 && digits.startsWith('90')) return digits.slice(2);
  if (digits.length === 14 && digits.startsWith('0090')) return digits.slice(4);
  return undefined;
}

/** Every stored spelling of the subscriber `phone` names; empty when it has no digits. */
export function callerNumberVariants(phone: string): string[] {
  const digits = phoneDigits(phone);
  if (digits === '') return [];
  const national = turkishNationalNumber(digits);
  if (national === undefined) return [digits, `+${digits}`];
  return [national, `0${national}`, `90${national}`, `+90${national}`, `0090${national}`];
}
