import type { ActiveAnnouncement, AnnouncementOutcome } from '../ivr/announcements.js';
import type { IvrDefinition, ReturningTicket, StatusLookupResult } from '../ivr/types.js';
import type { Logger } from '../logging/logger.js';
import { withinBudget, type CallPhoneServices } from './call-phone-services.js';

export interface CallPhoneLineOptions {
  phone: CallPhoneServices | undefined;
  ivr: IvrDefinition;
  callId: string;
  callerNumber: string;
  startedAt: Date;
  log: Logger;
  clock: () => Date;
}

/**
 * One call's use of the phone-line ports (lookups, announcements, the number's SMS): each bounded in time, none
 * ever throwing into the call. The session feeds the answers to the IVR engine.
 */
export class CallPhoneLine {
  private numberTexted = false;

  constructor(private readonly options: CallPhoneLineOptions) {}

  /** The caller's open ticket, or undefined when there is nothing to look up (no port, no caller id, switched off). */
  findReturning(): Promise<ReturningTicket | undefined> | undefined {
    const { phone, ivr, callerNumber, startedAt, log } = this.options;
    const budget = ivr.returning.lookupBudgetMs;
    if (!phone?.lookups || callerNumber === '' || budget === 0) return undefined;
    const lookup = phone.lookups.openForCaller(callerNumber, startedAt).catch((error: unknown) => {
      log.warn('returning-caller lookup failed', { error: (error as Error).message });
      return undefined;
    });
    return withinBudget(lookup, budget, undefined);
  }

  activeAnnouncements(): readonly ActiveAnnouncement[] {
    try {
      return this.options.phone?.announcements?.active(this.options.clock()) ?? [];
    } catch (error) {
      this.options.log.warn('announcements unavailable', { error: (error as Error).message });
      return [];
    }
  }

  /** Never rejects: a slow or failed database is `unavailable`, never a silent caller. */
  async lookupStatus(year: number, seq: number): Promise<StatusLookupResult> {
    const lookups = this.options.phone?.lookups;
    const unavailable: StatusLookupResult = { kind: 'unavailable' };
    const lookup: Promise<StatusLookupResult> = lookups
      ? lookups.byNumber(year, seq).then((found) => (found ? { kind: 'found', status: found.status, dueAt: found.dueAt } : { kind: 'not-found' }))
      : Promise.resolve(unavailable);
    const result = await withinBudget(lookup, this.options.ivr.statusLookup.budgetMs, unavailable);
    this.options.log.info('status lookup', { result: result.kind });
    return result;
  }

  reportAnnouncement(announcementId: number, outcome: AnnouncementOutcome): void {
    try {
      this.options.phone?.announcementOutcomes?.record({ announcementId, callId: this.options.callId, outcome, at: this.options.clock() });
    } catch (error) {
      this.options.log.warn('announcement outcome not recorded', { announcementId, error: (error as Error).message });
    }
  }

  /** Once per call, after the hand-off, when the number is known (it may arrive after the continue). */
  textNumber(ticketNumber: string | undefined): void {
    const sms = this.options.phone?.numberSms;
    if (!sms || this.numberTexted || !ticketNumber || this.options.callerNumber === '') return;
    this.numberTexted = true;
    void sms.send(ticketNumber, this.options.callerNumber);
  }
}
