/**
 * A Stasis application's event filter, as res/stasis/app.c keeps it (PUT /applications/{app}/eventFilter,
 * Asterisk 16+): `allowed` and `disallowed` lists of `{ "type": "<event type>" }`. An event passes when it is
 * not disallowed and, if an allowed list is set, it is on it. The lists are echoed in the Application JSON.
 */
export class AppEventFilter {
  private allowed: unknown[] | null = null;
  private disallowed: unknown[] | null = null;
  private allowedTypes: ReadonlySet<string> | null = null;
  private disallowedTypes: ReadonlySet<string> = new Set();

  get json(): { events_allowed: unknown[]; events_disallowed: unknown[] } {
    return { events_allowed: this.allowed ?? [], events_disallowed: this.disallowed ?? [] };
  }

  allows(type: string): boolean {
    if (this.disallowedTypes.has(type)) return false;
    return this.allowedTypes === null || this.allowedTypes.has(type);
  }

  /**
   * stasis_app_event_filter_set: `disallowed` first, then `allowed`; an empty object (or no body) clears both; a
   * key left out leaves its list alone; false (400 "Invalid format definition") when a list is not an array of
   * objects with a type. Like Asterisk, a failing `allowed` keeps the `disallowed` already set.
   */
  set(body: unknown): boolean {
    const disallowed = listOf(body, 'disallowed');
    if (disallowed === 'invalid') return false;
    if (disallowed !== 'keep') {
      this.disallowed = disallowed;
      this.disallowedTypes = new Set(typesOf(disallowed));
    }
    const allowed = listOf(body, 'allowed');
    if (allowed === 'invalid') return false;
    if (allowed !== 'keep') {
      this.allowed = allowed;
      this.allowedTypes = allowed === null || allowed.length === 0 ? null : new Set(typesOf(allowed));
    }
    return true;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** app_event_filter_set's reading of one key: null resets, 'keep' leaves the list as it is. */
function listOf(body: unknown, key: 'allowed' | 'disallowed'): unknown[] | null | 'keep' | 'invalid' {
  // Only a request without a body resets; a JSON null is a value, and not an array.
  if (body === undefined) return null;
  let filter: unknown = body;
  if (isObject(filter)) {
    if (Object.keys(filter).length === 0) return null;
    if (!Object.hasOwn(filter, key)) return 'keep';
    filter = filter[key];
  }
  if (!Array.isArray(filter)) return 'invalid';
  const typed = filter.every((item) => isObject(item) && typeof item.type === 'string' && item.type !== '');
  return typed ? filter : 'invalid';
}

function typesOf(list: unknown[] | null): string[] {
  return (list ?? []).map((item) => (isObject(item) && typeof item.type === 'string' ? item.type : ''));
}
