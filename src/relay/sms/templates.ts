import { z } from 'zod';
import { planSms, type SmsEncodingSetting, type SmsPlan } from './encoding.js';

export const SMS_TEMPLATES = ['opened', 'answer-ready', 'question'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

const ticketNumber = z.string().regex(/^153-\d{4}-\d{6}$/, 'must be a ticket number like 153-2026-000123');
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

interface Forms {
  full?: string;
  short: string;
}

function forms(template: SmsTemplate, params: unknown): Forms {
  const fail = (error: z.ZodError): never => {
    throw new SmsTemplateError(`${template}: ${error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`).join('; ')}`);
  };
  switch (template) {
    case 'opened': {
      const p = PARAMS.opened.safeParse(params);
      if (!p.success) return fail(p.error);
      return { short: `Alo 153: Talebiniz ${p.data.ticketNumber} numarasıyla kaydedildi.` };
    }
    case 'answer-ready': {
      const p = PARAMS['answer-ready'].safeParse(params);
      if (!p.success) return fail(p.error);
      const head = `Alo 153: ${p.data.ticketNumber} numaralı talebiniz`;
      return { full: `${head}e ilgili birimin cevabı: ${p.data.answer}`, short: `${head}in cevabı hazır, sizi arayacağız.` };
    }
    case 'question': {
      const p = PARAMS.question.safeParse(params);
      if (!p.success) return fail(p.error);
      const head = `Alo 153: ${p.data.ticketNumber} numaralı talebinizle ilgili birimin`;
      return {
        full: `${head} sorusu: ${p.data.question} Yanıtınızı 153'ü arayarak iletebilirsiniz.`,
        short: `${head} bir sorusu var, sizi arayacağız. Dilerseniz 153'ü arayın.`,
      };
    }
    default:
      throw new SmsTemplateError(`unknown SMS template: ${String(template)}`);
  }
}

/**
 * The Turkish text of a template. A department's answer or question goes out whole when it fits maxParts;
 * otherwise the short form says we will call: a cut-off official answer could say the opposite of the whole one.
 */
export function renderSms(template: SmsTemplate, params: unknown, options: { encoding: SmsEncodingSetting; maxParts: number }): RenderedSms {
  if (!(SMS_TEMPLATES as readonly string[]).includes(template)) throw new SmsTemplateError(`unknown SMS template: ${String(template)}`);
  const { full, short } = forms(template, params);
  if (full !== undefined) {
    const plan = planSms(full, options);
    if (!plan.truncated) return { template, plan, shortForm: false };
  }
  return { template, plan: planSms(short, options), shortForm: full !== undefined };
}
