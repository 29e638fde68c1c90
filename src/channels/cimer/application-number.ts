import type { ApplicationSource } from '../../requests/request-states.js';

/**
 * Application numbers as each portal writes them. CİMER numbers are digits only (6 to 15 of them); Açık Kapı
 * numbers are 4 to 30 capital letters, digits and single hyphens with at least one digit (`2026-000123`,
 * `AK-2026-0042`). A number is stored exactly in this form, so one application has one spelling.
 */
const CIMER = /^\d{6,15}$/;
const ACIK_KAPI = /^(?=.*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** The stored spelling of a typed number (surrounding spaces dropped, Açık Kapı letters in capitals), or undefined when it is not one. */
export function normaliseApplicationNumber(source: ApplicationSource, typed: string): string | undefined {
  const trimmed = typed.trim();
  if (source === 'cimer') return CIMER.test(trimmed) ? trimmed : undefined;
  // Plain ASCII upper-casing: a Turkish locale would turn `i` into `İ`, which no portal number contains.
  const upper = trimmed.toUpperCase();
  return upper.length >= 4 && upper.length <= 30 && ACIK_KAPI.test(upper) ? upper : undefined;
}
