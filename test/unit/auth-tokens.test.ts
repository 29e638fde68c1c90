import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { TokenSigner, type TokenVerification } from '../../src/auth/tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const OTHER_SECRET = 'another-secret-that-is-long-enough-9876543210';
const TTL = 60_000;

function reasonOf(result: TokenVerification): string {
  return result.ok ? 'ok' : result.reason;
}

function resign(payloadJson: string, secret = SECRET, version = 'v1'): string {
  const payload = Buffer.from(payloadJson).toString('base64url');
  const mac = createHmac('sha256', secret).update(`${version}.${payload}`).digest('base64url');
  return `${version}.${payload}.${mac}`;
}

describe('auth: tokens', () => {
  let clock: number;
  let signer: TokenSigner;

  beforeEach(() => {
    clock = Date.UTC(2026, 10, 28, 9, 0, 0);
    signer = new TokenSigner({ secret: SECRET, ttlMs: TTL, now: () => clock });
  });

  it('round-trips the claims with issue and expiry times', () => {
    const { token, expiresAt } = signer.sign({ sub: 7, role: 'supervisor', ver: 3 });
    expect(token).to.match(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).to.equal(clock + TTL);
    expect(signer.verify(token)).to.deep.equal({ ok: true, claims: { sub: 7, role: 'supervisor', ver: 3, iat: clock, exp: clock + TTL } });
  });

  it('expires exactly at exp', () => {
    const { token } = signer.sign({ sub: 1, role: 'agent', ver: 0 });
    clock += TTL - 1;
    expect(signer.verify(token).ok).to.equal(true);
    clock += 1;
    expect(reasonOf(signer.verify(token))).to.equal('expired');
  });

  it('rejects a payload edited without re-signing as bad-signature', () => {
    const { token } = signer.sign({ sub: 1, role: 'agent', ver: 0 });
    const [version, payload, mac] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(reasonOf(signer.verify(`${version}.${edited}.${mac}`))).to.equal('bad-signature');
    const flipped = mac.startsWith('A') ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
    expect(reasonOf(signer.verify(`${version}.${payload}.${flipped}`))).to.equal('bad-signature');
  });

  it('rejects a token signed with another secret as bad-signature', () => {
    const other = new TokenSigner({ secret: OTHER_SECRET, ttlMs: TTL, now: () => clock });
    expect(reasonOf(signer.verify(other.sign({ sub: 1, role: 'admin', ver: 0 }).token))).to.equal('bad-signature');
  });

  it('rejects garbage as malformed', () => {
    for (const garbage of ['', 'x', '...', 'v1..', 'v1.abc', 'v1.a.b.c', 'v1.ab+c.def', 'v1.abc.de/f', 'v1.abc.def=', ' v1.abc.def', 'v1.abc.def\n', 'Bearer v1.a.b']) {
      expect(reasonOf(signer.verify(garbage)), JSON.stringify(garbage)).to.equal('malformed');
    }
  });

  it('accepts no other version, algorithm or encoding of a valid token', () => {
    const { token } = signer.sign({ sub: 1, role: 'agent', ver: 0 });
    const [, payload, mac] = token.split('.') as [string, string, string];
    expect(reasonOf(signer.verify(`v2.${payload}.${mac}`)), 'other version').to.equal('malformed');
    expect(reasonOf(signer.verify(`V1.${payload}.${mac}`)), 'upper-case version').to.equal('malformed');
    expect(reasonOf(signer.verify(`v1.${payload}.`)), 'no signature').to.equal('malformed');
    expect(reasonOf(signer.verify(`v1.${payload}.${mac}=`)), 'padded signature').to.equal('malformed');
    expect(reasonOf(signer.verify(`v1.${payload}.${mac.slice(0, 22)}`)), 'short signature').to.equal('bad-signature');
    const sha1 = createHmac('sha1', SECRET).update(`v1.${payload}`).digest('base64url');
    expect(reasonOf(signer.verify(`v1.${payload}.${sha1}`)), 'HMAC-SHA1').to.equal('bad-signature');
    const jwtNone = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect(reasonOf(signer.verify(jwtNone)), 'JWT alg none').to.equal('malformed');
  });

  it('refuses well-signed payloads that are not exactly the claims', () => {
    const exp = clock + TTL;
    const cases = [
      'not json',
      '[]',
      JSON.stringify({ sub: 1, role: 'agent', ver: 0, iat: clock }),
      JSON.stringify({ sub: 1, role: 'root', ver: 0, iat: clock, exp }),
      JSON.stringify({ sub: '1', role: 'agent', ver: 0, iat: clock, exp }),
      JSON.stringify({ sub: 1.5, role: 'agent', ver: 0, iat: clock, exp }),
      JSON.stringify({ sub: 1, role: 'agent', ver: 0, iat: clock, exp, admin: true }),
    ];
    for (const payload of cases) {
      expect(reasonOf(signer.verify(resign(payload))), payload).to.equal('malformed');
    }
    expect(signer.verify(resign(JSON.stringify({ sub: 1, role: 'agent', ver: 0, iat: clock, exp }))).ok).to.equal(true);
  });

  it('needs a secret of at least 32 characters and a positive lifetime', () => {
    expect(() => new TokenSigner({ secret: 'x'.repeat(31), ttlMs: TTL })).to.throw(/at least 32/);
    expect(() => new TokenSigner({ secret: SECRET, ttlMs: 0 })).to.throw(/ttlMs/);
    expect(() => new TokenSigner({ secret: 'x'.repeat(32), ttlMs: TTL })).to.not.throw();
  });
});
