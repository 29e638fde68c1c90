/**
 * Turkish for the catalogue's rules: the ones written here and config/site.json's (src/config/site.ts speaks English
 * to whoever edits the file; the admin page shows the same rules in Turkish, at the field's path).
 */
import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  message: string;
}

/** The edit was refused as a whole (a used category, a missing parent): 409 with the reason. */
export class CatalogueRefused extends Error {
  override readonly name = 'CatalogueRefused';
}

/** Fields that do not pass: 400 with each at its path. */
export class CatalogueInvalid extends Error {
  override readonly name = 'CatalogueInvalid';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

export class CatalogueNotFound extends Error {
  override readonly name = 'CatalogueNotFound';
}

const SITE: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^a Turkish label is required$/, () => 'Türkçe ad zorunlu'],
  [/^an English label is required$/, () => 'İngilizce ad zorunlu'],
  [/^at most (\d+) characters$/, (m) => `En çok ${m[1]} karakter`],
  [/^reason codes are lower-case letters/, () => 'Mola kodu küçük harf (Türkçe de), rakam, _ ve - içerebilir, en çok 40 karakter'],
  [/^"wrap-up" is the after-call state/, () => '"wrap-up" çağrı sonrası durumudur, mola nedeni olamaz'],
  [/^a name is required$/, () => 'Ad zorunlu'],
  [/^(reason|district|neighbourhood|queue) "(.*)" is listed twice$/, (m) => `"${m[2]}" iki kez yazılmış`],
  [/^at least one break reason$/, () => 'En az bir mola nedeni olmalı'],
  [/^at most 12 break reasons/, () => 'En çok 12 mola nedeni olabilir (masadaki düğmeler)'],
  [/^at least one district$/, () => 'En az bir ilçe olmalı'],
  [/^Too big: expected array to have <=(\d+) items$/, (m) => `En çok ${m[1]} öğe`],
  [/^Invalid input: expected (\w+), received undefined$/, () => 'Bu alan zorunlu'],
  [/^Invalid input: expected (\w+), received (\w+)$/, () => 'Bu alanın türü yanlış'],
  [/^Unrecognized keys?: (.*)$/, (m) => `Tanınmayan alan: ${m[1]}`],
];

export function turkishSiteMessage(message: string): string {
  for (const [pattern, say] of SITE) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return `Geçersiz değer (${message})`;
}

/** Zod issues as field problems; messages already Turkish (this module's schemas) are kept as they are. */
export function problemsOf(error: z.ZodError, base: string[] = [], translate = turkishSiteMessage): FieldProblem[] {
  return error.issues.map((issue) => ({ path: [...base, ...issue.path.map(String)].join('.') || '(root)', message: translate(issue.message) }));
}
