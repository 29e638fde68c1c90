import { z } from 'zod';
import { TICKET_NUMBER_PATTERN } from '../../requests/ticket-numbers.js';
import { planSms, type SmsEncodingSetting, type SmsPlan } from './encoding.js';

export const SMS_TEMPLATES = ['opened', 'answer-ready', 'question'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

const ticketNumber = z.string().regex(TICKET_NUMBER_PATTERN, 'must be a ticket number like 153-2026-000123');
/** The department's text: one line (an SMS has no room for blank lines), never empty. */
const departmentText = z
  .string()
  .max(20_000)
  .transform((text) => text.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'must not be empty'));

const PARAMS = {
  opened: z.strictObject({ ticketNumber }),
  'answer-ready': z.strictObject({ ticketNumber, answer: departmentText }),
  question: z.strictObject({ ticketNumber, question: departmentText }),
} as const;

export type SmsTemplateParams = { [K in SmsTemplate]: z.input<(typeof PARAMS)[K]> };

export interface RenderedSms {
  template: SmsTemplate;
  plan: SmsPlan;
  /** The department's text did not fit relay.sms.maxParts, so the short form went out instead. */
  shortForm: boolean;
}

export class SmsTemplateError extends Error {
  override readonly name = 'SmsTemplateError';
}

/** Each text an SMS can be: the short form of every template, and the full form of those carrying a department's text. */
export const SMS_TEXT_KEYS = ['opened.short', 'answer-ready.full', 'answer-ready.short', 'question.full', 'question.short'] as const;
export type SmsTextKey = (typeof SMS_TEXT_KEYS)[number];
export type SmsTexts = Readonly<Record<SmsTextKey, string>>;

/** The shipped texts; an admin may replace any of them (/yonetim/katalog), with the same placeholders. */
export const DEFAULT_SMS_TEXTS: SmsTexts = {
  'opened.short': 'Alo 153: Talebiniz {ticketNumber} numarasıyla kaydedildi.',
  'answer-ready.full': 'Alo 153: {ticketNumber} numaralı talebinize ilgili birimin cevabı: {answer}',
  'answer-ready.short': 'Alo 153: {ticketNumber} numaralı talebinizin cevabı hazır, sizi arayacağız.',
  'question.full': "Alo 153: {ticketNumber} numaralı talebinizle ilgili birimin sorusu: {question} Yanıtınızı 153'ü arayarak iletebilirsiniz.",
  'question.short': "Alo 153: {ticketNumber} numaralı talebinizle ilgili birimin bir sorusu var, sizi arayacağız. Dilerseniz 153'ü arayın.",
};

/**
 * The placeholders each text must carry. A short form has no department text: it is sent because that text did not
 * fit, so `{answer}` / `{question}` there would be the same overflow again.
 */
export const SMS_TEXT_PLACEHOLDERS: Readonly<Record<SmsTextKey, readonly string[]>> = {
  'opened.short': ['ticketNumber'],
  'answer-ready.full': ['ticketNumber', 'answer'],
  'answer-ready.short': ['ticketNumber'],
  'question.full': ['ticketNumber', 'question'],
  'question.short': ['ticketNumber'],
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** What is wrong with a text (Turkish, for the admin form); empty: it can be used. */
export function smsTextProblems(key: SmsTextKey, text: string): string[] {
  const problems: string[] = [];
  if (text.trim() === '') return ['Metin boş olamaz'];
  if (text.length > 1000) problems.push('Metin en çok 1000 karakter olabilir');
  const wanted = SMS_TEXT_PLACEHOLDERS[key];
  const used = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  for (const name of used) if (!wanted.includes(name)) problems.push(`{${name}} bu metinde kullanılamaz (kullanılabilenler: ${wanted.map((w) => `{${w}}`).join(', ')})`);
  for (const name of wanted) if (!used.includes(name)) problems.push(`{${name}} metinde olmalı`);
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) problems.push('Süslü parantezler yalnız {ad} biçiminde kullanılır');
  return problems;
}

/** Placeholders filled in; the names were checked when the text was stored. */
export function fillSmsText(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => params[name] ?? whole);
}

interface Forms {
  full?: string;
  short: string;
}

function forms(template: SmsTemplate, params: unknown, texts: SmsTexts): Forms {
  const fail = (error: z.ZodError): never => {
    throw new SmsTemplateError(`${template}: ${error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}`);
  };
  switch (template) {
    case 'opened': {
      const p = PARAMS.opened.safeParse(params);
      if (!p.success) return fail(p.error);
      return { short: fillSmsText(texts['opened.short'], p.data) };
    }
    case 'answer-ready': {
      const p = PARAMS['answer-ready'].safeParse(params);
      if (!p.success) return fail(p.error);
      return { full: fillSmsText(texts['answer-ready.full'], p.data), short: fillSmsText(texts['answer-ready.short'], p.data) };
    }
    case 'question': {
      const p = PARAMS.question.safeParse(params);
      if (!p.success) return fail(p.error);
      return { full: fillSmsText(texts['question.full'], p.data), short: fillSmsText(texts['question.short'], p.data) };
    }
    default:
      throw new SmsTemplateError(`unknown SMS template: ${String(template)}`);
  }
}

/**
 * The Turkish text of a template. A department's answer or question goes out whole when it fits maxParts;
 * otherwise the short form says we will call: a cut-off official answer could say the opposite of the whole one.
 */
export function renderSms(template: SmsTemplate, params: unknown, options: { encoding: SmsEncodingSetting; maxParts: number; texts?: SmsTexts }): RenderedSms {
  if (!(SMS_TEMPLATES as readonly string[]).includes(template)) throw new SmsTemplateError(`unknown SMS template: ${String(template)}`);
  const { full, short } = forms(template, params, options.texts ?? DEFAULT_SMS_TEXTS);
  if (full !== undefined) {
    const plan = planSms(full, options);
    if (!plan.truncated) return { template, plan, shortForm: false };
  }
  return { template, plan: planSms(short, options), shortForm: full !== undefined };
}
