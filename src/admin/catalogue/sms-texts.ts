import type { Knex } from 'knex';
import { planSms, type SmsEncodingSetting } from '../../relay/sms/encoding.js';
import { DEFAULT_SMS_TEXTS, fillSmsText, SMS_TEXT_KEYS, SMS_TEXT_PLACEHOLDERS, smsTextProblems, type SmsTextKey, type SmsTexts } from '../../relay/sms/templates.js';

/**
 * The sample a text's size is shown with: the longest number a text carries (a seven-digit serial, past a year's
 * millionth ticket), the department's text left out (it is theirs).
 */
const SAMPLE = { ticketNumber: '153-2026-1000000', answer: '', question: '' };

export interface SmsTextView {
  key: SmsTextKey;
  text: string;
  shipped: string;
  placeholders: readonly string[];
  /** Counted by the relay's own encoder with relay.sms.encoding: what this text costs around the department's part. */
  coding: string;
  parts: number;
  characters: number;
}

/** The SMS templates' texts as sent now: the shipped ones with an admin's stored over them (catalogue_lists 'smsTemplates'). */
export class LiveSmsTexts {
  private texts: SmsTexts = DEFAULT_SMS_TEXTS;

  constructor(private readonly settings: { encoding: SmsEncodingSetting; maxParts: number }) {}

  current(): SmsTexts {
    return this.texts;
  }

  /** At start: a stored text that no longer passes (a placeholder renamed since) is skipped, the shipped one used. */
  async load(db: Knex): Promise<void> {
    const row = (await db('catalogue_lists').where({ key: 'smsTemplates' }).first('value')) as { value: string } | undefined;
    if (!row) return;
    this.texts = merge(DEFAULT_SMS_TEXTS, JSON.parse(row.value) as Record<string, unknown>).texts;
  }

  set(texts: SmsTexts): void {
    this.texts = texts;
  }

  view(texts: SmsTexts = this.texts): SmsTextView[] {
    return SMS_TEXT_KEYS.map((key) => {
      const plan = planSms(fillSmsText(texts[key], SAMPLE), this.settings);
      return { key, text: texts[key], shipped: DEFAULT_SMS_TEXTS[key], placeholders: SMS_TEXT_PLACEHOLDERS[key], coding: plan.coding, parts: plan.parts, characters: plan.body.length };
    });
  }
}

/** The changed texts over `base`, each checked; the problems are by key. */
export function merge(base: SmsTexts, changes: Record<string, unknown>): { texts: SmsTexts; problems: { path: string; message: string }[] } {
  const texts: Record<SmsTextKey, string> = { ...base };
  const problems: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!(SMS_TEXT_KEYS as readonly string[]).includes(key)) {
      problems.push({ path: `texts.${key}`, message: 'Böyle bir SMS metni yok' });
      continue;
    }
    const textKey = key as SmsTextKey;
    if (typeof value !== 'string') {
      problems.push({ path: `texts.${key}`, message: 'Metin yazı olmalı' });
      continue;
    }
    const found = smsTextProblems(textKey, value);
    if (found.length > 0) problems.push(...found.map((message) => ({ path: `texts.${key}`, message })));
    else texts[textKey] = value;
  }
  return { texts, problems };
}
