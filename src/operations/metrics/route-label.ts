/**
 * The `route` label of an HTTP request: the pattern express matched (`/api/tickets/:number`), never the URL the
 * client sent, so no ticket number, phone number or query string reaches the metrics, and the number of label
 * values stays what the code declares.
 */

/** A request express did not match to a route (404s, refusals of a guard before the route, static assets). */
export const UNMATCHED = '(unmatched)';
/** Past the cap: a route pattern seen after `maxLabels` distinct ones. */
export const OTHER = '(other)';

/** What the label is made of, as express leaves it on the request when the response is finished. */
export interface MatchedRequest {
  baseUrl: string;
  route?: { path?: unknown } | undefined;
}

/**
 * A mount path is the real URL prefix (express keeps no pattern for it): a segment that looks like data (a run of
 * 4+ digits: years, ticket and phone numbers; or a long token) is replaced. alo153 mounts routers at fixed paths
 * only; this guards a future mount with a parameter.
 */
const DATA_SEGMENT = /\d{4}|^[^/]{41,}$/;

function mountPattern(baseUrl: string): string {
  if (baseUrl === '') return '';
  return baseUrl
    .split('/')
    .map((segment) => (DATA_SEGMENT.test(segment) ? ':value' : segment))
    .join('/');
}

function routePath(path: unknown): string | undefined {
  if (typeof path === 'string') return path;
  if (Array.isArray(path) && path.every((p) => typeof p === 'string')) return path.join('|');
  return undefined;
}

/** The matched pattern, or UNMATCHED. Pure: the cap is RouteLabels'. */
export function routePattern(req: MatchedRequest): string {
  const path = routePath(req.route?.path);
  if (path === undefined) return UNMATCHED;
  const full = `${mountPattern(req.baseUrl)}${path === '/' && req.baseUrl !== '' ? '' : path}`;
  return full === '' ? '/' : full;
}

/** Bounded label values: the first `maxLabels` patterns keep their name, later ones are counted as OTHER. */
export class RouteLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly maxLabels = 200) {}

  of(req: MatchedRequest): string {
    const pattern = routePattern(req);
    if (pattern === UNMATCHED || this.seen.has(pattern)) return pattern;
    if (this.seen.size >= this.maxLabels) return OTHER;
    this.seen.add(pattern);
    return pattern;
  }
}

/** `2xx`, `4xx` …: the class of a status code (bounded; the exact code is in the access log). */
const CLASSES = ['other', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export function statusClass(status: number): string {
  const hundreds = Math.floor(status / 100);
  return hundreds >= 1 && hundreds <= 5 ? CLASSES[hundreds]! : 'other';
}
