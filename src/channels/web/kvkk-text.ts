import { readFileSync } from 'node:fs';
import { z } from 'zod';

const notice = z.strictObject({
  title: z.string().trim().min(1).max(200),
  paragraphs: z.array(z.string().trim().min(1).max(2000)).min(1).max(30),
});

/** The KVKK information text (aydınlatma metni) of the public form, per language; `version` names the text consented to. */
export const kvkkTextSchema = z.strictObject({ version: z.string().trim().min(1).max(40), tr: notice, en: notice });
export type KvkkText = z.infer<typeof kvkkTextSchema>;

/** Read at start: a broken file stops the server with the path of each problem, like config/site.json. */
export function loadKvkkText(file: string): KvkkText {
  const result = kvkkTextSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) return result.data;
  throw new Error(`${file} is invalid: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
}
