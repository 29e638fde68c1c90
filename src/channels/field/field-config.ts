import { z } from 'zod';

/** config `channels.field`: the offline field desk /saha (src/channels/field). */
export const fieldChannelConfig = z.strictObject({
  /** The events and places a field desk chooses from for its shift (the page also takes a place typed in). */
  events: z.array(z.string().trim().min(1).max(120)).max(100),
  /** Requests per POST /api/field/requests; the page sends its outbox in batches of at most this many. */
  maxBatch: z.number().int().min(1).max(200),
  /** Rows one staff user may send per window, counted atomically (rate-limiter-flexible): a stuck page looping stays bounded. */
  perUser: z.strictObject({
    points: z.number().int().min(1).max(100_000),
    durationS: z.number().int().min(1).max(24 * 3600),
  }),
});

export type FieldChannelConfig = z.infer<typeof fieldChannelConfig>;

/** What the shipped config/default.json holds; route tests use it too. */
export const DEFAULT_FIELD_CONFIG: FieldChannelConfig = {
  events: ['İletişim Küresi — Saat Kulesi', 'Kayseri Yarı Maratonu', 'Kayseri Kitap Fuarı'],
  maxBatch: 50,
  perUser: { points: 600, durationS: 60 },
};
