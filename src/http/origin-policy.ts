import type { IncomingHttpHeaders } from 'node:http';

/**
 * Cross-site request forgery from same-site pages: SameSite=Strict cookies still travel from a page on
 * another port of this host or from a sibling subdomain (they are the same *site*), so the browser's
 * `Origin` (and, where sent, `Sec-Fetch-Site`) decides whether a state-changing request or a socket
 * handshake came from one of our own pages.
 */
export type OriginDecision = { allowed: true } | { allowed: false; reason: string };

export interface OriginPolicy {
  check(headers: IncomingHttpHeaders): OriginDecision;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The origin a browser would send for `value`, or undefined when it is not an http(s) origin. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `publicOrigins` empty: only the server's own origin, i.e. an Origin whose host:port is the request's
 * Host header. Requests without Origin and without Sec-Fetch-Site come from non-browser clients (curl,
 * the CLI, monitoring): a browser always sends Origin on POST/PATCH/DELETE and on WebSocket handshakes,
 * so they cannot be forged from a page and are let through (they still need a bearer token or cookie).
 */
export function createOriginPolicy(publicOrigins: readonly string[]): OriginPolicy {
  const allowed = new Set(publicOrigins.map((origin) => originOf(origin) ?? origin));
  return {
    check(headers) {
      const fetchSite = headerValue(headers, 'sec-fetch-site');
      const origin = headerValue(headers, 'origin');
      // The browser sets Sec-Fetch-Site itself and our pages only call their own origin, so same-site or
      // cross-site means some other page started this request, whatever Origin it carries.
      if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
        return { allowed: false, reason: `cross-origin request refused (Sec-Fetch-Site: ${fetchSite.slice(0, 40)})` };
      }
      if (origin === undefined) return { allowed: true };
      const normalized = originOf(origin);
      if (normalized === undefined) return { allowed: false, reason: `cross-origin request refused (Origin: ${origin.slice(0, 100)})` };
      const own = allowed.size === 0 ? ownOrigins(headers) : allowed;
      if (!own.has(normalized)) return { allowed: false, reason: `cross-origin request refused (Origin: ${normalized})` };
      return { allowed: true };
    },
  };
}

/** With no configured origins: the Host the request was sent to, over http or https (a TLS proxy in front). */
function ownOrigins(headers: IncomingHttpHeaders): Set<string> {
  const host = headerValue(headers, 'host');
  if (!host) return new Set();
  return new Set([`http://${host}`, `https://${host}`].map((origin) => originOf(origin) ?? origin));
}
