import { z } from 'zod';
import type { FieldErrors } from '../../requests/field-errors.js';
import { callerNumberVariants } from '../../requests/phone-numbers.js';
import { optionalText, requiredText } from '../text-fields.js';

/** Why a field of the public form was refused; the page words each code in Turkish or English (public-strings.js). */
export const WEB_FIELD_CODES = [
  'required', 'too-short', 'too-long', 'invalid', 'invalid-phone', 'invalid-email', 'unknown-category', 'invalid-district',
  'invalid-neighbourhood', 'invalid-location', 'consent-required',
] as const;
export type WebFieldCode = (typeof WEB_FIELD_CODES)[number];

/** The Turkish message of each code: the API's `message`, for clients without the page's texts. */
export const TURKISH_FIELD_MESSAGES: Record<WebFieldCode, string> = {
  required: 'Bu alan zorunludur.',
  'too-short': 'Lütfen biraz daha ayrıntı yazın (en az 10 karakter).',
  'too-long': 'Bu alan çok uzun.',
  invalid: 'Bu alandaki değer geçersiz.',
  'invalid-phone': 'Geçerli bir telefon numarası yazın (ör. 0532 123 45 67).',
  'invalid-email': 'Geçerli bir e-posta adresi yazın (ör. ad@ornek.com) ya da boş bırakın.',
  'unknown-category': 'Listeden bir konu seçin.',
  'invalid-district': 'Listeden bir ilçe seçin.',
  'invalid-neighbourhood': 'Listeden bir mahalle seçin.',
  'invalid-location': 'Konum bilgisi geçersiz; konumu kaldırıp yeniden deneyin.',
  'consent-required': 'Başvurunuzu gönderebilmek için aydınlatma metnini okuduğunuzu onaylayın.',
};

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

const isCode = (value: string): value is WebFieldCode => (WEB_FIELD_CODES as readonly string[]).includes(value);

/** The 10-digit national number of a Turkish landline or mobile (2xx–5xx), or undefined. */
function nationalNumber(value: string): string | undefined {
  const variants = callerNumberVariants(value);
  const national = variants.length === 5 ? variants[0] : undefined;
  return national !== undefined && /^[2-5]\d{9}$/.test(national) ? national : undefined;
}

/** A Turkish number in any common spelling, stored as 0 + the 10-digit national number (how the desk searches it). */
const turkishPhone = z
  .string('required')
  .max(40, 'invalid-phone')
  .transform((value) => value.trim())
  .pipe(z.string().min(1, 'required'))
  .refine((value) => /^[0-9 +()-]+$/.test(value) && nationalNumber(value) !== undefined, 'invalid-phone')
  .transform((value) => `0${nationalNumber(value) ?? ''}`);

const email = z
  .string('invalid-email')
  .max(254, 'invalid-email')
  .transform((value) => value.trim())
  .pipe(z.union([z.literal(''), z.email('invalid-email')]))
  .nullish()
  .transform((value) => value || null);

const coordinate = (limit: number) => z.number('invalid-location').min(-limit, 'invalid-location').max(limit, 'invalid-location');

export const webRequestSchema = z.object({
    submissionKey: z.uuid('invalid'),
    formToken: z.string('invalid').max(200, 'invalid'),
    /** The honeypot: hidden from people (and screen readers), filled by form-filling bots. */
    website: z.string().max(500).optional(),
    categoryCode: requiredText(40),
    district: requiredText(80),
    neighbourhood: optionalText(80),
    address: optionalText(300),
    latitude: coordinate(90).nullish(),
    longitude: coordinate(180).nullish(),
    description: requiredText(DESCRIPTION_MAX, DESCRIPTION_MIN),
    name: requiredText(100),
    phone: turkishPhone,
    email,
    smsConsent: z.boolean('invalid').default(true),
    kvkkConsent: z.literal(true, 'consent-required'),
  });

export type WebRequest = z.infer<typeof webRequestSchema>;

/** The form's body as a request, or its problems: one per field (the first found), keyed by the form's field names. */
export function parseWebRequest(body: unknown): { ok: true; request: WebRequest } | { ok: false; fields: FieldErrors<WebFieldCode> } {
  const result = webRequestSchema.safeParse(body);
  const fields: FieldErrors<WebFieldCode> = result.success ? {} : webFieldErrors(result.error);
  // A position is a pair: one coordinate alone points nowhere. Checked beside zod, so it shows with the other fields' errors.
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!fields.latitude && (raw.latitude ?? null) === null !== ((raw.longitude ?? null) === null)) fields.latitude = webFieldError('invalid-location');
  if (result.success && Object.keys(fields).length === 0) return { ok: true, request: result.data };
  return { ok: false, fields };
}

function webFieldErrors(error: z.ZodError): FieldErrors<WebFieldCode> {
  const fields: FieldErrors<WebFieldCode> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (fields[field]) continue;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const code: WebFieldCode = field === 'kvkkConsent' ? 'consent-required' : missing ? 'required' : isCode(issue.message) ? issue.message : 'invalid';
    // Longitude's problems are the location's, shown at its one control.
    fields[field === 'longitude' ? 'latitude' : field] ??= webFieldError(code);
  }
  return fields;
}

export function webFieldError(code: WebFieldCode): { code: WebFieldCode; message: string } {
  return { code, message: TURKISH_FIELD_MESSAGES[code] };
}
