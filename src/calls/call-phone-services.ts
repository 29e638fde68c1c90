import type { AnnouncementOutcomes, AnnouncementSource } from '../ivr/announcements.js';
import type { CallNumberSms } from './call-number-sms.js';
import type { TicketStatusLookup } from './phone-lookups.js';

/** The friendlier phone line's ports; each is optional (absent: that feature is off, the call goes on as before). */
export interface CallPhoneServices {
  /** Status by phone and the returning caller's open ticket. */
  lookups?: TicketStatusLookup;
  announcements?: AnnouncementSource;
  announcementOutcomes?: AnnouncementOutcomes;
  numberSms?: CallNumberSms;
}

/** The promise's value, or `fallback` once `ms` have passed (the late value is dropped). */
export function withinBudget<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    void promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}
