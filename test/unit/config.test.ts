import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../src/config/load.js';

const configDir = path.resolve('config');

function dirWithLocal(local: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'alo153-config-'));
  copyFileSync(path.join(configDir, 'default.json'), path.join(dir, 'default.json'));
  writeFileSync(path.join(dir, 'local.json'), local);
  return dir;
}

describe('configuration', () => {
  it('loads working defaults with no local file and no environment', () => {
    const config = loadConfig({ configDir, env: {} });
    expect(config.ari.app).to.equal('alo153');
    expect(config.database.url).to.equal('');
    expect(config.dialplan.fallbackQueue).to.equal('alo153-genel');
  });

  it('lets local.json override defaults and the environment override both', () => {
    const dir = dirWithLocal(JSON.stringify({ http: { port: 9000 }, ari: { username: 'site' } }));
    const config = loadConfig({ configDir: dir, env: { ALO153_HTTP_PORT: '9100', ALO153_ARI_COMMAND_TIMEOUT_MS: '750' } });
    expect(config.http.port).to.equal(9100);
    expect(config.ari.username).to.equal('site');
    expect(config.ari.commandTimeoutMs).to.equal(750);
  });

  it('takes DATABASE_URL for PostgreSQL', () => {
    const config = loadConfig({ configDir, env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' } });
    expect(config.database.url).to.equal('postgres://postgres@127.0.0.1:5432/test');
  });

  it('names the key and the problem for a bad value', () => {
    expect(() => loadConfig({ configDir, env: { ALO153_HTTP_PORT: 'eighty' } })).to.throw(ConfigError, /ALO153_HTTP_PORT: expected a number/);
    expect(() => loadConfig({ configDir, env: { ALO153_ARI_URL: 'ftp://pbx' } })).to.throw(ConfigError, /ari\.url: must be an http/);
    expect(() => loadConfig({ configDir, env: { ALO153_DIALPLAN_FALLBACK_QUEUE: 'general' } })).to.throw(ConfigError, /dialplan\.fallbackQueue: app_queue reserves "general"/);
    expect(() => loadConfig({ configDir, env: { ALO153_ARI_RECONNECT_INITIAL_DELAY_MS: '5000' } })).to.throw(ConfigError, /ari\.reconnect\.initialDelayMs/);
  });

  it('rejects unknown keys and broken JSON in local.json', () => {
    expect(() => loadConfig({ configDir: dirWithLocal('{"htp": {}}'), env: {} })).to.throw(ConfigError, /Unrecognized key/);
    expect(() => loadConfig({ configDir: dirWithLocal('{ not json'), env: {} })).to.throw(ConfigError, /local\.json: is not valid JSON/);
  });

  it('stops the process with exit code 1 and one line naming the key', function () {
    this.timeout(20000);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ALO153_HTTP_PORT: '70000' },
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(result.status).to.equal(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^alo153: invalid configuration: http\.port: /);
  });

  it('refuses production with an empty token secret or the sample PBX passwords, and names each problem', () => {
    expect(() => loadConfig({ configDir, env: { NODE_ENV: 'production' } })).to.throw(ConfigError, /auth\.secret must be set.*ari\.password is the sample value.*ami\.password is the sample value/);
    const fit = loadConfig({
      configDir,
      env: { NODE_ENV: 'production', ALO153_AUTH_SECRET: 's'.repeat(40), ALO153_ARI_PASSWORD: 'pbx-ari-9f2', ALO153_AMI_PASSWORD: 'pbx-ami-41c', ALO153_AUTH_COOKIE_SECURE: 'true' },
    });
    expect(fit.auth.secret).to.have.length(40);
    // The SMS sender switched on with the sample SMPP password: refused too (switched off, the sample is harmless).
    const fitEnv = { NODE_ENV: 'production', ALO153_AUTH_SECRET: 's'.repeat(40), ALO153_ARI_PASSWORD: 'pbx-ari-9f2', ALO153_AMI_PASSWORD: 'pbx-ami-41c', ALO153_AUTH_COOKIE_SECURE: 'true' };
    expect(() => loadConfig({ configDir, env: { ...fitEnv, ALO153_RELAY_SMS_ENABLED: 'true' } })).to.throw(ConfigError, /relay\.sms\.smsc\.password is the sample value/);
    expect(loadConfig({ configDir, env: { ...fitEnv, ALO153_RELAY_SMS_ENABLED: 'true', ALO153_RELAY_SMS_SMSC_PASSWORD: 'op-9x2k' } }).relay.sms.enabled).to.equal(true);
    expect(() => loadConfig({ configDir, env: { ALO153_AUTH_SECRET: 'short' } })).to.throw(ConfigError, /auth\.secret: at least 32 characters/);
  });

  it('refuses production with a session cookie that is not Secure unless plain HTTP is allowed explicitly', () => {
    const fit = { NODE_ENV: 'production', ALO153_AUTH_SECRET: 's'.repeat(40), ALO153_ARI_PASSWORD: 'pbx-ari-9f2', ALO153_AMI_PASSWORD: 'pbx-ami-41c' };
    expect(() => loadConfig({ configDir, env: fit })).to.throw(ConfigError, /not fit for production: auth\.cookieSecure must be true.*http\.allowInsecureCookies/);
    expect(() => loadConfig({ configDir, env: { ...fit, ALO153_AUTH_COOKIE_SECURE: 'false', ALO153_HTTP_ALLOW_INSECURE_COOKIES: 'false' } })).to.throw(ConfigError, /auth\.cookieSecure/);
    expect(loadConfig({ configDir, env: { ...fit, ALO153_AUTH_COOKIE_SECURE: 'true' } }).auth.cookieSecure).to.equal(true);
    const lan = loadConfig({ configDir, env: { ...fit, ALO153_HTTP_ALLOW_INSECURE_COOKIES: 'true' } });
    expect(lan.auth.cookieSecure).to.equal(false);
    expect(lan.http.allowInsecureCookies).to.equal(true);
    // Outside production (the demo, the tests) plain HTTP stays the default.
    expect(loadConfig({ configDir, env: {} }).auth.cookieSecure).to.equal(false);
  });

  it('reads counting shifts from the environment as JSON and rejects a malformed one', () => {
    const config = loadConfig({ configDir, env: { ALO153_QUEUES_SHIFTS: '[{"name":"Gece","start":"00:00","end":"08:00"}]' } });
    expect(config.queues.shifts).to.deep.equal([{ name: 'Gece', start: '00:00', end: '08:00' }]);
    expect(() => loadConfig({ configDir, env: { ALO153_QUEUES_SHIFTS: '[{"name":"x"' } })).to.throw(ConfigError, /ALO153_QUEUES_SHIFTS: expected a JSON array/);
    expect(() => loadConfig({ configDir, env: { ALO153_QUEUES_SHIFTS: '[{"name":"x","start":"25:00","end":"08:00"}]' } })).to.throw(ConfigError, /queues\.shifts\.0\.start/);
  });

  it('takes http.trustProxy as a switch, a hop count or an address, and names a bad switch', () => {
    expect(loadConfig({ configDir, env: {} }).http.trustProxy).to.equal(false);
    expect(loadConfig({ configDir, env: { ALO153_HTTP_TRUST_PROXY: 'loopback' } }).http.trustProxy).to.equal('loopback');
    expect(loadConfig({ configDir, env: { ALO153_HTTP_TRUST_PROXY: 'true' } }).http.trustProxy).to.equal(true);
    expect(() => loadConfig({ configDir, env: { ALO153_AUTH_COOKIE_SECURE: 'maybe' } })).to.throw(ConfigError, /auth\.cookieSecure/);
  });
});
