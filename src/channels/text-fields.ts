import { z } from 'zod';

/* The text fields of the channels' forms (web form, field desk): one definition, one set of codes. */

export const noNul = (value: string): boolean => !value.includes('\u0000');

/** Text as typed (markup included: the pages show it as text), trimmed at the ends; blank is absent (null). */
export const optionalText = (max: number) =>
  z
    .string('invalid')
    .max(max, 'too-long')
    // PostgreSQL refuses NUL in text: refused here, so it is a field error and not a 500.
    .refine(noNul, 'invalid')
    .transform((value) => value.trim() || null)
    .nullish()
    .transform((value) => value ?? null);

/** Required text, trimmed: `required` when blank, `too-short` under `min`, `too-long` over `max`. */
export const requiredText = (max: number, min = 1) =>
  z
    .string('required')
    .refine(noNul, 'invalid')
    .transform((value) => value.trim())
    .pipe(z.string().min(1, 'required').min(min, 'too-short').max(max, 'too-long'));
