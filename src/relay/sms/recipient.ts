import { phoneDigits } from '../../requests/phone-numbers.js';

/**
 * The E.164 digits (905321234567) of a Turkish MOBILE number written any common way (05xx…, +90 5xx…, 905xx…,
 * 0090 5xx…, 5xx…), or undefined: landlines, foreign and malformed numbers get no SMS.
 */
export function turkishMobileE164(text: string): string | undefined {
  const digits = phoneDigits(text);
  let national: string | undefined;
  if (digits.length === 10) national = digits;
  else if (digits.length === 11 && digits.startsWith('0')) national = digits.slice(1);
  else if (digits.length === 12 && digits.startsWith('90')) national = digits.slice(2);
  else if (digits.length === 14 && digits.startsWith('0090')) national = digits.slice(4);
  if (national === undefined || !/^5\d{9}$/.test(national)) return undefined;
  return `90${national}`;
}
