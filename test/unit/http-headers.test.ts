import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import { createHttpApp } from '../../src/http/app.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { FakeTicketStore } from '../fakes/fake-ticket-store.js';
import { FakeUserStore } from '../fakes/fake-user-store.js';

const SECRET = 'http-headers-test-secret-0123456789abcdef';

/** The pages' policy before helmet sent it; the directives must stay exactly these. */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function directives(policy: string | null): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parsed.set(name, values.join(' '));
  }
  return parsed;
}

describe('HTTP security headers', () => {
  let server: Server;
  let base: string;
  let token: string;

  before(async () => {
    const users = new FakeUserStore();
    const signer = new TokenSigner({ secret: SECRET, ttlMs: 3_600_000 });
    const logger = createTestLogger();
    const auth = new AuthService({ users, signer, limiter: new LoginLimiter({ maxFailures: 1, windowMs: 60_000 }), logger });
    const { id } = await users.create({ username: 'nuray', displayName: 'Nuray Şahin', role: 'supervisor', password: 'doğru-parola-153' });
    token = signer.sign({ sub: id, role: 'supervisor', ver: 0 }).token;
    server = createServer(createHttpApp({ tickets: new FakeTicketStore(), health: async () => ({ status: 'ok', components: {} }), logger, auth, users, cookieSecure: false, webDir: 'src/web' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const bearer = () => ({ authorization: `Bearer ${token}` });
  const wrongLogin = () => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nuray', password: 'yanlış-parola' }) });

  it('marks every /api answer no-store and nosniff, errors included', async () => {
    await wrongLogin();
    const answers: Array<[string, Response]> = [
      ['200 me', await fetch(`${base}/api/auth/me`, { headers: bearer() })],
      ['200 tickets', await fetch(`${base}/api/tickets`, { headers: bearer() })],
      ['400 bad query', await fetch(`${base}/api/tickets?limit=0`, { headers: bearer() })],
      ['401 no session', await fetch(`${base}/api/tickets`)],
      ['404 no route', await fetch(`${base}/api/nothing`, { headers: bearer() })],
      ['429 login limit', await wrongLogin()],
      ['403 cross-origin', await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { origin: 'http://127.0.0.1:1' } })],
      ['415 not JSON', await fetch(`${base}/api/auth/logout`, { method: 'POST', body: 'x' })],
      ['413 too large', await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x'.repeat(100_000) }) })],
    ];
    for (const [what, response] of answers) {
      expect(response.status, what).to.equal(Number(what.slice(0, 3)));
      expect(response.headers.get('cache-control'), what).to.equal('no-store');
      expect(response.headers.get('x-content-type-options'), what).to.equal('nosniff');
      expect(response.headers.get('content-type'), what).to.match(/^application\/json/);
      expect(response.headers.get('x-powered-by'), what).to.equal(null);
    }
  });

  it('keeps the pages\' content security policy exactly as strict, and adds helmet\'s other headers without HSTS', async () => {
    for (const path of ['/login', '/assets/login.js', '/api/tickets']) {
      const response = await fetch(`${base}${path}`, { headers: bearer() });
      expect(response.status, path).to.equal(200);
      expect(directives(response.headers.get('content-security-policy')), path).to.deep.equal(directives(PAGE_CSP));
      expect(response.headers.get('x-content-type-options'), path).to.equal('nosniff');
      expect(response.headers.get('referrer-policy'), path).to.equal('no-referrer');
      expect(response.headers.get('x-frame-options'), path).to.equal('DENY');
      // HSTS is the TLS proxy's: sent from here, includeSubDomains would bind the municipality's other hosts.
      expect(response.headers.get('strict-transport-security'), path).to.equal(null);
    }
    const page = await fetch(`${base}/login`);
    expect(page.headers.get('cache-control')).to.equal('no-store');
  });

  it('answers /healthz with nosniff for monitors', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
  });
});
