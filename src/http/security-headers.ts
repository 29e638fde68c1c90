import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet on every response. The CSP is the pages' own, spelled out without helmet's defaults: pages load
 * nothing from elsewhere and run no inline script, so a name or pause reason from the PBX that contains
 * markup can at worst be shown as text (the pages also insert it as text only). helmet's default
 * `upgrade-insecure-requests` would break a plain-HTTP LAN install, and its HSTS with includeSubDomains
 * would bind the municipality's other hosts: HSTS belongs to the TLS proxy.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** API answers carry personal data (caller numbers, tickets): no browser or proxy cache may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
