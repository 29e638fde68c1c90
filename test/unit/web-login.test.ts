import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { afterLoginPath, loginErrorFor, PAGE_ROLES } from '../../src/web/assets/login.js';
import { t } from '../../src/web/assets/i18n.js';

describe('login: where to go after signing in', () => {
  const origin = 'https://alo153.example';

  it('sends each role to its own page when there is no next', () => {
    expect(afterLoginPath('agent', null, origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', null, origin)).to.equal('/wallboard');
    expect(afterLoginPath('admin', null, origin)).to.equal('/wallboard');
    expect(afterLoginPath('department', null, origin)).to.equal('/desk');
  });

  it('falls back to the role’s own page when next could leave the site', () => {
    expect(afterLoginPath('agent', '//evil.example/desk', origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', 'https://evil.example/wallboard', origin)).to.equal('/wallboard');
  });

  it('follows a next the role may open, keeping its query', () => {
    expect(afterLoginPath('agent', '/desk', origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', '/desk', origin)).to.equal('/desk');
    expect(afterLoginPath('admin', '/wallboard?lang=en', origin)).to.equal('/wallboard?lang=en');
  });

  it('sends an agent asked to open the wallboard to the desk instead', () => {
    for (const next of ['/wallboard', '/wallboard?lang=en', '/Wallboard/', '/wallboard#top']) {
      expect(afterLoginPath('agent', next, origin), next).to.equal('/desk');
    }
  });

  it('sends a department user asked to open the wallboard to the desk instead', () => {
    expect(afterLoginPath('department', '/wallboard', origin)).to.equal('/desk');
    expect(afterLoginPath('department', '/desk?lang=en', origin)).to.equal('/desk?lang=en');
  });

  it('knows every page the server gates by role, with the same roles (src/http/routes/pages.ts)', () => {
    const source = readFileSync(new URL('../../src/http/routes/pages.ts', import.meta.url), 'utf8');
    const gated = [...source.matchAll(/router\.get\('([^']+)', pageHeaders, requirePageRole\(([^)]*)\)/g)].map(([, page = '', roles = '']): [string, string[]] => [page, [...roles.matchAll(/'([a-z]+)'/g)].map((role) => role[1] ?? '')]);
    expect(gated).to.have.length.above(8);
    expect(new Map(gated)).to.deep.equal(PAGE_ROLES);
  });

  it('sends an agent asked to open the reports or the menu editor to the desk, and an admin there', () => {
    expect(afterLoginPath('agent', '/raporlar', origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', '/yonetim/menu', origin)).to.equal('/wallboard');
    expect(afterLoginPath('admin', '/yonetim/menu', origin)).to.equal('/yonetim/menu');
  });

  it('has no page for unknown roles, whatever next says', () => {
    for (const role of ['', 'constructor', 'Department']) {
      for (const next of [null, '/desk', '/wallboard']) {
        expect(afterLoginPath(role, next, origin), `${role} ${String(next)}`).to.equal(null);
      }
    }
  });
});

describe('login: what a refused login says', () => {
  it('tells a user refused because the server is busy to wait, not that something broke', () => {
    const error = loginErrorFor(503, '1', 1_000_000);
    expect(error).to.deep.equal({ key: 'login.error.busy', retryUntil: 1_001_000 });
    expect(t(error.key, { seconds: 1 }, 'tr')).to.equal('Şu anda çok sayıda giriş yapılıyor. 1 saniye sonra tekrar deneyin.');
    expect(t(error.key, { seconds: 1 }, 'en')).to.equal('Many people are signing in right now. Try again in 1 seconds.');
  });

  it('counts down a lock-out from Retry-After and names wrong credentials and deactivated accounts', () => {
    expect(loginErrorFor(429, '120', 0)).to.deep.equal({ key: 'login.error.tooMany', retryUntil: 120_000 });
    expect(loginErrorFor(401, null).key).to.equal('login.error.credentials');
    expect(loginErrorFor(403, null).key).to.equal('login.error.inactive');
    expect(loginErrorFor(500, null).key).to.equal('login.error.unexpected');
  });
});
