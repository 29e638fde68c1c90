import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { PairLimiter } from './pair-limiter.js';
import { PublicRefusal, tooMany } from './public-refusal.js';
import { citizenTicketNumber, type CitizenView, type StatusLookup } from './status-lookup.js';
import { webFieldError } from './web-form.js';

export interface StatusRequestsOptions {
  lookup: Pick<StatusLookup, 'find'>;
  /** Per client address (first key) and per ticket number (second key). */
  limits: PairLimiter;
  logger: Logger;
  now?: () => Date;
}

export const bodySchema = z.object({ number: z.string().max(40), lastFour: z.string().max(10) });

/** One answer for a missing ticket and a wrong pair: nothing in the reply tells them apart. */
export const NOT_FOUND_MESSAGE = 'Bu başvuru numarası ve telefon numarasının son dört hanesiyle eşleşen bir başvuru bulunamadı. Bilgileri kontrol edip yeniden deneyin.';

/**
 * /durum's lookups. Both limits count every well-formed lookup before the database is read, so guessing the
 * last four digits of one number (10,000 choices) takes `perTicket` tries per window from any number of
 * addresses. A right pair gives the ticket's point back: the citizen checking their own request often is not
 * what the limit is for.
 */
export class StatusRequests {
  private readonly now: () => Date;

  constructor(private readonly options: StatusRequestsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async lookup(body: unknown, address: string): Promise<CitizenView> {
    const parsed = bodySchema.safeParse(body);
    const number = parsed.success ? citizenTicketNumber(parsed.data.number) : undefined;
    const lastFour = parsed.success ? parsed.data.lastFour.trim() : '';
    const fields = {
      ...(number === undefined ? { number: webFieldError('invalid') } : {}),
      ...(/^\d{4}$/.test(lastFour) ? {} : { lastFour: webFieldError('invalid') }),
    };
    if (number === undefined || Object.keys(fields).length > 0) {
      throw new PublicRefusal(422, 'invalid-fields', 'Başvuru numarasını (ör. 153-2026-000026 ya da 2026-26) ve telefonunuzun son dört hanesini yazın.', { fields });
    }
    const log = this.options.logger.child({ component: 'status-page', ticket: number });
    const admission = await this.options.limits.admit(address, number);
    if (!admission.allowed) {
      log.warn('status lookup refused: limit', { address, by: admission.by === 'first' ? 'address' : 'ticket', retryAfterMs: admission.retryAfterMs });
      throw tooMany(this.now(), admission.retryAfterMs, 'Kısa sürede çok fazla sorgulama yapıldı.');
    }
    const view = await this.options.lookup.find(number, lastFour);
    // The log says whether the pair matched, never the digits tried.
    log.info('status lookup', { address, found: view !== undefined });
    if (!view) throw new PublicRefusal(404, 'not-found', NOT_FOUND_MESSAGE);
    await admission.giveBackSecond();
    return view;
  }
}
