import { z } from 'zod';
import type { FieldErrors } from '../../requests/field-errors.js';
import { phoneDigits } from '../../requests/phone-numbers.js';
import { optionalText, requiredText } from '../text-fields.js';

/** Why a field of a field-desk request was refused; /saha words each code in Turkish or English (saha-i18n.js). */
export const FIELD_ROW_CODES = [
  'required', 'too-long', 'invalid', 'invalid-key', 'invalid-time', 'taken-in-future', 'taken-too-old', 'invalid-phone',
  'invalid-email', 'unknown-category', 'invalid-district', 'consent-required',
] as const;
export type FieldRowCode = (typeof FIELD_ROW_CODES)[number];

/** The Turkish message of each code: the API's `message`, for clients without the page's texts. */
export const FIELD_ROW_MESSAGES: Record<FieldRowCode, string> = {
  required: 'Bu alan zorunludur.',
  'too-long': 'Bu alan çok uzun.',
  invalid: 'Bu alandaki değer geçersiz.',
  'invalid-key': 'Kayıt anahtarı geçersiz (field:<uuid> olmalı).',
  'invalid-time': 'Alınma zamanı geçersiz (saat dilimli ISO 8601 olmalı).',
  'taken-in-future': 'Alınma zamanı ileri bir tarih olamaz; cihazın saatini kontrol edin.',
  'taken-too-old': 'Alınma zamanı 7 günden eski olamaz.',
  'invalid-phone': 'Geçerli bir telefon numarası yazın (7–20 rakam; boşluk, +, -, parantez olabilir).',
  'invalid-email': 'Geçerli bir e-posta adresi yazın ya da boş bırakın.',
  'unknown-category': 'Listeden bir konu seçin.',
  'invalid-district': 'Listeden bir ilçe seçin.',
  'consent-required': 'Kişisel bilgi alındıysa vatandaşın KVKK aydınlatma metnini okuduğunu işaretleyin.',
};

/** How far back an offline request may be dated (the intake's own rule), and the clock skew a tablet may have. */
export const MAX_TAKEN_AGE_MS = 7 * 24 * 3600_000;
export const MAX_CLOCK_SKEW_MS = 60_000;

const isCode = (value: string): value is FieldRowCode => (FIELD_ROW_CODES as readonly string[]).includes(value);

const phone = z
  .string('invalid-phone')
  .max(40, 'invalid-phone')
  .refine((value) => {
    const digits = phoneDigits(value);
    return value.trim() === '' || (/^[0-9 +()-]*$/.test(value) && digits.length >= 7 && digits.length <= 20);
  }, 'invalid-phone')
  .transform((value) => phoneDigits(value) || null)
  .nullish()
  .transform((value) => value ?? null);

const email = z
  .string('invalid-email')
  .max(254, 'invalid-email')
  .transform((value) => value.trim())
  .pipe(z.union([z.literal(''), z.email('invalid-email')]))
  .nullish()
  .transform((value) => value || null);

/** The idempotency key the page made with crypto.randomUUID(). */
export const fieldKey = z.string('invalid-key').regex(/^field:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'invalid-key');

/** One request as the outbox holds it. `now` dates the takenAt rule (never in the future, at most 7 days old). */
export function fieldRowSchema(now: Date) {
  return z
    .strictObject({
      key: fieldKey,
      takenAt: z
        .string('invalid-time')
        .pipe(z.iso.datetime({ offset: true, error: 'invalid-time' }))
        .transform((text) => new Date(text))
        .refine((at) => at.getTime() <= now.getTime() + MAX_CLOCK_SKEW_MS, 'taken-in-future')
        .refine((at) => at.getTime() >= now.getTime() - MAX_TAKEN_AGE_MS, 'taken-too-old'),
      fieldEvent: requiredText(120),
      categoryCode: requiredText(40),
      description: requiredText(4000),
      district: optionalText(80),
      neighbourhood: optionalText(120),
      address: optionalText(500),
      callerName: optionalText(200),
      callerNumber: phone,
      email,
      smsConsent: z.boolean('invalid').default(true),
      /** The citizen was given the KVKK information text (aydınlatma metni); required once a name, number or e-mail is taken. */
      kvkkInformed: z.boolean('invalid').default(false),
    })
    .superRefine((row, ctx) => {
      const personal = row.callerName !== null || row.callerNumber !== null || row.email !== null;
      if (personal && !row.kvkkInformed) ctx.addIssue({ code: 'custom', path: ['kvkkInformed'], message: 'consent-required' });
    });
}

export type FieldRow = z.output<ReturnType<typeof fieldRowSchema>>;

export function fieldRowError(code: FieldRowCode): { code: FieldRowCode; message: string } {
  return { code, message: FIELD_ROW_MESSAGES[code] };
}

/** One error per field, the first zod found; keys are the row's field names (`_row` when the row is not an object). */
export function fieldRowErrors(error: z.ZodError): FieldErrors<FieldRowCode> {
  const fields: FieldErrors<FieldRowCode> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= fieldRowError('invalid');
      continue;
    }
    const field = issue.path.length === 0 ? '_row' : String(issue.path[0]);
    if (fields[field]) continue;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    fields[field] = fieldRowError(missing ? 'required' : isCode(issue.message) ? issue.message : 'invalid');
  }
  return fields;
}
