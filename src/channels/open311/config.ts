import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const limitWindow = z.strictObject({ points: z.number().int().min(1).max(100_000), durationS: z.number().int().min(1).max(86_400) });

/** config channels.open311: the GeoReport v2 endpoint (/open311/v2). */
export const open311ConfigSchema = z.strictObject({
  /** Off: /open311 answers 404 and the key routes are not mounted. */
  enabled: z.boolean(),
  /** The jurisdiction_id clients may send (the spec's convention: the city's domain); another one is refused with 404. */
  jurisdictionId: z.string().regex(/^[a-z0-9.-]{1,100}$/, 'a domain-like id: lowercase letters, digits, . and -'),
  /** POSTs each API key may make per window (rate-limiter-flexible); past that 429 with Retry-After. */
  perKey: limitWindow,
  /** Reads (GET requests, one request, tokens) each API key may make per window, apart from its POSTs. */
  perKeyReads: limitWindow,
  /** Every request (reads and POSTs) per client address per window, with or without a key. */
  perAddress: limitWindow,
  /**
   * KVKK: false (the default), reading requests needs an api_key and a key reads only the requests it sent
   * (unless an admin made it readAll). true: anyone may read every Open311 request without a key, for a site
   * that publishes its requests on purpose (names, e-mail and phone are never in an answer).
   */
  publicReads: z.boolean(),
  /** Without an Idempotency-Key header, the same content from the same key within this window is the same request. */
  duplicateWindowS: z.number().int().min(1).max(7 * 86_400),
  /** Largest POST body (form or JSON), in bytes. */
  maxBodyBytes: z.number().int().min(1024).max(1024 * 1024),
  /** The spec's service_notice: what the citizen may expect once the request is taken. */
  serviceNotice: z.string().max(500),
  /** Discovery (discovery.json|xml): who to ask, and how a client operator gets a key. */
  contact: z.string().min(1).max(300),
  keyService: z.string().min(1).max(300),
});

export type Open311Config = z.infer<typeof open311ConfigSchema>;

let shipped: Open311Config | undefined;

/** config/default.json's channels.open311 (tests and tools that build the endpoint without loading the whole config). */
export function shippedOpen311Config(): Open311Config {
  if (!shipped) {
    const raw = JSON.parse(readFileSync(fileURLToPath(new URL('../../../config/default.json', import.meta.url)), 'utf8')) as { channels?: { open311?: unknown } };
    shipped = open311ConfigSchema.parse(raw.channels?.open311);
  }
  return shipped;
}
