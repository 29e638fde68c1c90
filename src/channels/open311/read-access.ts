import type { Open311Keys } from './api-keys.js';
import type { Open311Config } from './config.js';
import { Open311Error } from './format.js';
import type { Open311Limits } from './limits.js';

/** Which requests a read may see: every Open311 request, or only those one API key sent. */
export type ReadScope = { kind: 'all' } | { kind: 'key'; keyId: number };

/** The spec's method names, for the 403 text (as create_request's is for POST). */
export type ReadMethod = 'get_service_requests' | 'get_service_request' | 'get_service_request_id';

export interface ReadAccessOptions {
  config: Pick<Open311Config, 'publicReads' | 'perKeyReads'>;
  keys: Open311Keys;
  limits: Open311Limits;
}

/**
 * KVKK: an Open311 request holds a citizen's own words and address, so reading requests needs an api_key
 * (the query parameter, as GeoReport v2 passes it on GET), and a key sees only the requests it sent unless
 * an admin made it readAll. A site with publicReads publishes every request on purpose: no key is needed,
 * but one that is given is still checked, so a revoked or mistyped key shows up at its client at once.
 * The key is looked up on every read, so a revoked key is refused from the next request on.
 */
export class Open311ReadAccess {
  constructor(private readonly options: ReadAccessOptions) {}

  async scope(query: Record<string, unknown>, method: ReadMethod): Promise<ReadScope> {
    const { config, keys, limits } = this.options;
    const presented = query.api_key;
    if (presented !== undefined && typeof presented !== 'string') throw new Open311Error(400, 'api_key: give it once');
    if (presented === undefined || presented === '') {
      if (config.publicReads) return { kind: 'all' };
      throw new Open311Error(403, 'api_key was not provided');
    }
    const key = await keys.verify(presented);
    if (!key) throw new Open311Error(403, `Invalid api_key received -- can't proceed with ${method}.`);
    const retryAfterS = await limits.keyReads(key.id);
    if (retryAfterS !== undefined) {
      throw new Open311Error(429, `api_key over its read limit of ${config.perKeyReads.points} requests in ${config.perKeyReads.durationS} s`, retryAfterS);
    }
    return key.readAll || config.publicReads ? { kind: 'all' } : { kind: 'key', keyId: key.id };
  }
}
