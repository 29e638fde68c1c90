import type { Logger } from '../../logging/logger.js';
import { maskPhone } from '../../logging/redact.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { TicketValidationError } from '../../requests/ticket-form.js';
import { turkishMobileE164 } from '../../relay/sms/recipient.js';
import type { ChannelIntake } from '../intake.js';
import type { FormTokens } from './form-token.js';
import type { PairLimiter } from './pair-limiter.js';
import { PublicRefusal, tooMany } from './public-refusal.js';
import { parseWebRequest, webFieldError, type WebFieldCode, type WebRequest } from './web-form.js';

export interface WebSubmissionsOptions {
  intake: Pick<ChannelIntake, 'submit'>;
  catalogue: CatalogueSource;
  tokens: FormTokens;
  /** Per client address (first key) and per phone number (second key). */
  limits: PairLimiter;
  /** relay.sms.enabled: whether the page may say the number also comes by SMS. */
  smsEnabled: boolean;
  logger: Logger;
  now?: () => Date;
}

export interface WebSubmitted {
  number: string;
  /** False: the submission key was used before; this is that submission's ticket. */
  created: boolean;
  /** The `opened` SMS was asked for: SMS on, a mobile number, not refused. */
  sms: boolean;
}

const REFUSED = "Başvurunuz alınamadı. Sayfayı yenileyip yeniden deneyin; sorun sürerse Alo 153'ü arayın.";

/**
 * The public form's submissions, checked in order of cost: the honeypot and the signed form token (no state),
 * the fields (zod, Turkish per field), then the address's and the phone's limits (counted atomically, given
 * back when the request opens nothing), then the intake, which opens the ticket once per submission key.
 */
export class WebSubmissions {
  private readonly now: () => Date;

  constructor(private readonly options: WebSubmissionsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async submit(body: unknown, address: string): Promise<WebSubmitted> {
    const log = this.options.logger.child({ component: 'web-form' });
    const now = this.now();
    const envelope = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (typeof envelope.website === 'string' && envelope.website.trim() !== '') {
      log.warn('web submission refused: honeypot filled', { address });
      throw new PublicRefusal(400, 'refused', REFUSED);
    }
    this.checkToken(envelope.formToken, now, log);
    const parsed = parseWebRequest(body);
    if (!parsed.ok) throw new PublicRefusal(422, 'invalid-fields', 'Formda düzeltilmesi gereken alanlar var.', { fields: parsed.fields });
    const request = parsed.request;
    await this.checkPlace(request);
    const admission = await this.options.limits.admit(address, request.phone);
    if (!admission.allowed) {
      log.warn('web submission refused: limit', { address, phone: maskPhone(request.phone), by: admission.by === 'first' ? 'address' : 'phone', retryAfterMs: admission.retryAfterMs });
      throw tooMany(now, admission.retryAfterMs, 'Kısa sürede çok fazla başvuru gönderildi.');
    }
    try {
      const { ticket, created } = await this.options.intake.submit(
        {
          source: 'web',
          submissionKey: `web:${request.submissionKey}`,
          categoryCode: request.categoryCode,
          description: request.description,
          district: request.district,
          neighbourhood: request.neighbourhood,
          address: request.address,
          callerName: request.name,
          callerNumber: request.phone,
          email: request.email,
          latitude: request.latitude ?? null,
          longitude: request.longitude ?? null,
          kvkkConsentAt: now,
          smsConsent: request.smsConsent ? 'allowed' : 'refused',
        },
        { kind: 'system', name: 'web' },
      );
      // A repeated key opened nothing: it must not use up the citizen's allowance.
      if (!created) await admission.giveBack();
      const sms = created && this.options.smsEnabled && request.smsConsent && turkishMobileE164(request.phone) !== undefined;
      log.info(created ? 'web request opened' : 'web request repeated', { ticket: ticket.number, address, phone: maskPhone(request.phone), sms });
      return { number: ticket.number, created, sms };
    } catch (error) {
      await admission.giveBack();
      if (error instanceof TicketValidationError) throw fieldRefusal(error);
      throw error;
    }
  }

  private checkToken(token: unknown, now: Date, log: Logger): void {
    const check = typeof token === 'string' ? this.options.tokens.check(token, now) : ({ ok: false, reason: 'invalid' } as const);
    if (check.ok) return;
    log.info('web submission refused: form token', { reason: check.reason });
    if (check.reason === 'too-soon') {
      const retryAfterS = Math.max(1, Math.ceil(check.waitMs / 1000));
      throw new PublicRefusal(400, 'too-soon', `Form çok hızlı gönderildi. Lütfen ${retryAfterS} saniye sonra yeniden gönderin.`, { retryAfterS });
    }
    if (check.reason === 'expired') throw new PublicRefusal(400, 'form-expired', 'Formun süresi doldu. Sayfayı yenileyip yeniden gönderin.');
    throw new PublicRefusal(400, 'form-invalid', 'Form doğrulanamadı. Sayfayı yenileyip yeniden gönderin.');
  }

  /** Neighbourhoods are checked where the site lists them (the intake checks the category and the district). */
  private async checkPlace(request: WebRequest): Promise<void> {
    if (request.neighbourhood === null) return;
    const listed = (await this.options.catalogue.catalogue()).neighbourhoods[request.district];
    if (listed && !listed.includes(request.neighbourhood)) {
      throw new PublicRefusal(422, 'invalid-fields', 'Formda düzeltilmesi gereken alanlar var.', { fields: { neighbourhood: webFieldError('invalid-neighbourhood') } });
    }
  }
}

const INTAKE_CODES: Partial<Record<string, WebFieldCode>> = { 'unknown-category': 'unknown-category', 'invalid-district': 'invalid-district', required: 'required' };
const INTAKE_FIELDS: Partial<Record<string, string>> = { categoryCode: 'categoryCode', district: 'district', description: 'description' };

function fieldRefusal(error: TicketValidationError): PublicRefusal {
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([field, problem]) => [INTAKE_FIELDS[field] ?? '_form', webFieldError(INTAKE_CODES[problem.code] ?? 'invalid')]),
  );
  return new PublicRefusal(422, 'invalid-fields', 'Formda düzeltilmesi gereken alanlar var.', { fields });
}
