/**
 * KVKK: logs never hold a full phone number or a national ID (TC kimlik no, 11 digits).
 * A phone number keeps its last two digits so staff can still tell calls apart.
 *
 * The patterns are Turkish-shaped on purpose: channel ids and AMI uniqueids are epochs
 * (`1795888883.0`) and ticket numbers look like `153-2026-000001`; both must stay readable.
 */

export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

// Mobile 5xx and landline 2xx-4xx numbers, with optional 0 / +90 / 90 prefix and separators.
const PHONE = /(?<![\d.])(?:\+?90[\s-]?)?0?[2-5]\d{2}[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?![\d.])/g;
// TC kimlik no: 11 digits, never starting with 0.
const NATIONAL_ID = /(?<![\d.-])[1-9]\d{10}(?![\d.-])/g;

export function redactText(text: string): string {
  return text.replace(PHONE, (match) => maskPhone(match)).replace(NATIONAL_ID, (match) => maskPhone(match));
}
