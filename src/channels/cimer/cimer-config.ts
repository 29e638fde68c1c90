import { z } from 'zod';

/** config `channels.cimer`: CİMER / Açık Kapı applications entered at the Beyaz Masa or imported from a list export. */
export const cimerChannelConfig = z.strictObject({
  /** An application dated further back than this is refused as a typing mistake (its deadline would be long gone). */
  maxAgeDays: z.number().int().min(1).max(3650),
  /** The largest CSV / XLSX export POST /api/applications/import reads (bytes). */
  importMaxBytes: z.number().int().min(1024).max(50 * 1024 * 1024),
  /** The most data rows one import takes; a longer file is refused whole (split it). */
  importMaxRows: z.number().int().min(1).max(100_000),
  /** The last line of the reply text pasted into the portal. */
  replySignature: z.string().trim().min(1).max(200),
});
export type CimerChannelConfig = z.infer<typeof cimerChannelConfig>;

export const DEFAULT_CIMER_CONFIG: CimerChannelConfig = {
  maxAgeDays: 365,
  importMaxBytes: 5 * 1024 * 1024,
  importMaxRows: 5000,
  replySignature: 'Kayseri Büyükşehir Belediyesi — Beyaz Masa',
};
