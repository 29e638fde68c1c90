import type { AppConfig } from './schema.js';

const SAMPLE_PASSWORD = 'change-me';

/** What NODE_ENV=production refuses: sample secrets that would let anyone in, an ephemeral token key, a session cookie sent in clear. */
export function productionProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.auth.secret === '') problems.push('auth.secret must be set (ALO153_AUTH_SECRET, at least 32 characters)');
  if (config.ari.password === SAMPLE_PASSWORD) problems.push('ari.password is the sample value');
  if (config.ami.password === SAMPLE_PASSWORD) problems.push('ami.password is the sample value');
  // The operator's SMPP account: a sample password means the sender was switched on without one.
  if (config.relay.sms.enabled && config.relay.sms.smsc.password === SAMPLE_PASSWORD) problems.push('relay.sms.smsc.password is the sample value');
  // Without Secure the session cookie also travels over plain HTTP, where anyone on the path can read it.
  if (!config.auth.cookieSecure && !config.http.allowInsecureCookies) {
    problems.push('auth.cookieSecure must be true (HTTPS through a reverse proxy), or http.allowInsecureCookies=true to serve plain HTTP on purpose');
  }
  return problems;
}
