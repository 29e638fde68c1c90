import { z } from 'zod';

// Same shape as the IVR's category codes (src/ivr/definition.ts) and the categories table (40 characters).
const code = z
  .string({ error: 'Kod zorunlu' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Kod küçük harf, rakam, _ ve - içerebilir (ör. su-ariza)')
  .max(40, 'Kod en çok 40 karakter');
const name = z.string({ error: 'Ad zorunlu' }).trim().min(1, 'Ad zorunlu').max(200, 'Ad en çok 200 karakter');

export const categoryCreateBody = z.strictObject({
  code,
  name,
  parentCode: code.nullable().default(null),
  departmentCode: z.string({ error: 'Birim seçin' }).min(1, 'Birim seçin'),
});

export const categoryUpdateBody = z
  .strictObject({ name: name.optional(), parentCode: code.nullable().optional(), departmentCode: z.string().min(1, 'Birim seçin').optional() })
  .refine((body) => Object.keys(body).length > 0, 'Değiştirilecek bir alan yok');

export const departmentCreateBody = z.strictObject({ code, name });
export const departmentUpdateBody = z.strictObject({ name });

export const codeParam = z.strictObject({ code: z.string().min(1).max(40) });

/** The site lists are checked by config/site.json's own schema (siteSchema); the body only carries them. */
export const siteListBody = z.strictObject({ items: z.array(z.unknown(), { error: 'Liste (items) gönderilmedi' }) });

/** The texts by key (opened.short …); each is checked for its placeholders by the relay's rules (templates.ts). */
export const smsTextsBody = z.strictObject({ texts: z.record(z.string(), z.unknown(), { error: 'Metinler (texts) gönderilmedi' }) });

export type CategoryCreate = z.infer<typeof categoryCreateBody>;
export type CategoryUpdate = z.infer<typeof categoryUpdateBody>;
