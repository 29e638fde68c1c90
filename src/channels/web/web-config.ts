import { z } from 'zod';

/** A rate-limiter-flexible window: `points` requests per `durationS` seconds for one key. */
export const limitWindow = z.strictObject({
  points: z.number().int().min(1).max(100_000),
  durationS: z.number().int().min(1).max(7 * 24 * 3600),
});
export type LimitWindow = z.infer<typeof limitWindow>;

/** config `channels.web`: the public request form /basvuru. */
export const webChannelConfig = z.strictObject({
  /** A submit sooner than this after the form's token was issued is refused (people take longer; bots do not). */
  minFillSeconds: z.number().int().min(0).max(600),
  /** A form token older than this is refused: the page fetches a fresh one. */
  tokenMaxAgeMinutes: z.number().int().min(5).max(24 * 60),
  /** Requests opened per client address (behind http.trustProxy) and per phone number. */
  perAddress: limitWindow,
  perPhone: limitWindow,
  /** The KVKK information text (aydınlatma metni) shown above the consent box, Turkish and English (JSON). */
  kvkkFile: z.string().min(1),
});

/** config `channels.status`: the status page /durum. Both windows count every lookup, so pairs cannot be enumerated. */
export const statusChannelConfig = z.strictObject({
  perAddress: limitWindow,
  /** Per ticket number, whoever asks: guessing a number's last four digits from many addresses stays bounded. */
  perTicket: limitWindow,
});

export type WebChannelConfig = z.infer<typeof webChannelConfig>;
export type StatusChannelConfig = z.infer<typeof statusChannelConfig>;
