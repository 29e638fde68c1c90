import { z } from 'zod';
import type { AriRest } from './ari-rest.js';

export type RestOverWebSocketMode = 'auto' | 'on' | 'off';

/** The first release of each branch that answers RESTRequest frames (ARI REST over WebSocket). */
const FIRST_MINOR: Readonly<Record<number, number>> = { 20: 14, 21: 9, 22: 4 };

/**
 * From AsteriskInfo's system.version: "22.4.0", "21.9.0-rc1", "20.14.1". A certified release ("20.7-cert5")
 * counts by its minor like the others; anything that does not start with major.minor (a "GIT-master-..." build)
 * cannot be placed, so it is taken as not supporting it: HTTP always works.
 */
export function supportsRestOverWebSocket(version: string): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > 22) return true;
  const first = FIRST_MINOR[major];
  return first !== undefined && minor >= first;
}

const infoSchema = z.object({ system: z.object({ version: z.string() }) });

/** GET /asterisk/info over HTTP; the version, or undefined when Asterisk would not say. */
export async function asteriskVersion(rest: AriRest): Promise<string | undefined> {
  try {
    const response = await rest.request('GET', '/asterisk/info', {}, 'asteriskInfo');
    if (response.status !== 200) return undefined;
    const parsed = infoSchema.safeParse(response.body);
    return parsed.success ? parsed.data.system.version : undefined;
  } catch {
    return undefined;
  }
}
