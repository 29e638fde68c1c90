/**
 * config/site.json: what differs from one hotline to the next and is neither code nor a catalogue
 * table — the queues' names for people and their order on screens, the break reasons agents choose,
 * and the districts (with neighbourhoods where a site lists them). A site edits it without code, so
 * every mistake is reported at start, all at once, each with its path (`pauseReasons.2.code: ...`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** One text per screen language; Turkish first, English for the English screens. */
const label = z.strictObject({
  tr: z.string().trim().min(1, 'a Turkish label is required').max(80, 'at most 80 characters'),
  en: z.string().trim().min(1, 'an English label is required').max(80, 'at most 80 characters'),
});

// The queue name is also an extension in [alo153-queues]; app_queue reserves [general].
const queueName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/, 'queue names are letters, digits, _ and -')
  .refine((name) => name.toLowerCase() !== 'general', 'app_queue reserves "general"');

// Sent to Asterisk as QueuePause's Reason and shown raw by the CLI: one word, no separators AMI could split on.
const pauseCode = z
  .string()
  .regex(/^[\p{Ll}\p{N}_-]{1,40}$/u, 'reason codes are lower-case letters (Turkish too), digits, _ and -, at most 40')
  .refine((code) => code !== 'wrap-up', '"wrap-up" is the after-call state, not a break reason');

const placeName = z.string().trim().min(1, 'a name is required').max(80, 'at most 80 characters');

/** Each item's key must occur once: a repeated code would make one label win at random. */
function unique<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item).toLocaleLowerCase('tr');
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `${what} "${key(item)}" is listed twice` });
      seen.add(value);
    });
  };
}

export const siteSchema = z.strictObject({
  /** In display order (wallboard tiles, desk strip); a queue not listed is shown by its PBX name, after these. */
  queues: z.array(z.strictObject({ name: queueName, label })).superRefine(unique((queue) => queue.name, 'queue')),
  /** In the order the desk's break buttons show them. */
  pauseReasons: z
    .array(z.strictObject({ code: pauseCode, label }))
    .min(1, 'at least one break reason')
    .max(12, 'at most 12 break reasons (they are buttons in the desk header)')
    .superRefine(unique((reason) => reason.code, 'reason')),
  /** In the order the ticket form lists them. */
  districts: z
    .array(
      z.strictObject({
        name: placeName,
        neighbourhoods: z.array(placeName).max(2000).superRefine(unique((name) => name, 'neighbourhood')).optional(),
      }),
    )
    .min(1, 'at least one district')
    .superRefine(unique((district) => district.name, 'district')),
});

export type SiteData = z.infer<typeof siteSchema>;
export type SiteLabel = z.infer<typeof label>;

export class SiteDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteDataError';
  }
}

/** Validates parsed JSON; every problem is named with its path. */
export function parseSiteData(raw: unknown, source = 'site data'): SiteData {
  const result = siteSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  throw new SiteDataError(`${source} is invalid: ${problems.join('; ')}`);
}

/** Reads and validates the file (synchronously: it is read once at start, like the configuration). */
export function loadSiteData(file: string): SiteData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SiteDataError(`${file}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SiteDataError(`${file}: is not valid JSON (${(error as Error).message})`);
  }
  return parseSiteData(parsed, file);
}

let shipped: SiteData | undefined;

/** The shipped config/site.json (relative to the working folder, as config/ is): the default for tools and tests. */
export function shippedSiteData(): SiteData {
  shipped ??= loadSiteData(path.resolve('config', 'site.json'));
  return shipped;
}
