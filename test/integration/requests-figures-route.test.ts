import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import type { Role } from '../../src/auth/roles.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import { KnexUserStore } from '../../src/auth/user-store.js';
import { createHttpApp } from '../../src/http/app.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { TEST_HASHER } from '../support/test-hasher.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

const PASSWORD = 'Erciyes-153-dağ';
// Thursday 3 December 2026, 12:00 Istanbul.
const NOW = Date.parse('2026-12-03T09:00:00.000Z');

describe(`requests: GET /api/figures/lifecycle (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let server: Server;
  let base: string;
  const tokens: Record<string, string> = {};

  before(async () => {
    test = await createTestDatabase();
    const logger = createTestLogger();
    const users = new KnexUserStore(test.db, { hasher: TEST_HASHER });
    const auth = new AuthService({ users, signer: new TokenSigner({ secret: 'figures-route-test-secret-0123456789abcdef', ttlMs: 3_600_000 }), limiter: new LoginLimiter({ maxFailures: 5, windowMs: 60_000 }), hasher: TEST_HASHER, logger });
    const accounts: [string, Role, { department?: string }][] = [['nuray', 'supervisor', {}], ['admin', 'admin', {}], ['ayse', 'agent', {}], ['vet', 'department', { department: 'veteriner' }]];
    for (const [username, role, extra] of accounts) {
      await users.create({ username, displayName: username, role, password: PASSWORD, ...extra });
      tokens[username] = (await auth.login(username, PASSWORD, 'test')).token;
    }
    const at = (offsetH: number) => new Date(NOW + offsetH * 3_600_000).toISOString();
    await test.db('tickets').insert([
      { number: '153-2026-000001', year: 2026, seq: 1, source: 'cimer', status: 'answered', priority: 'normal', department_code: 'veteriner', created_at: at(-48), updated_at: at(-1), version: 3,
        due_soon_at: at(-3), due_at: at(100), accepted_at: at(-2), accept_s: 600, answered_at: at(-1), answer_s: 7200, answered_in_time: true },
      { number: '153-2026-000002', year: 2026, seq: 2, source: 'phone', status: 'forwarded', priority: 'normal', department_code: 'veteriner', created_at: at(-48), updated_at: at(-48), version: 2,
        due_soon_at: at(-10), due_at: at(-5) },
    ]);
    const app = createHttpApp({ tickets: new KnexTicketStore(test.db), health: async () => ({ status: 'ok', components: {} }), auth, users, cookieSecure: false, logger, figures: { db: test.db, catalogue: new KnexCatalogue(test.db), now: () => NOW } });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await test.destroy();
  });

  const get = async (query: string, who: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${base}/api/figures/lifecycle${query}`, { headers: { authorization: `Bearer ${tokens[who] ?? ''}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('gives supervisors every department by name, the sources, CİMER apart and the total, for today by default', async () => {
    const reply = await get('', 'nuray');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.include({ from: '2026-12-02T21:00:00.000Z', to: '2026-12-03T21:00:00.000Z', at: '2026-12-03T09:00:00.000Z' });
    const departments = reply.body.byDepartment as Record<string, unknown>[];
    expect(departments.map((row) => row.department)).to.include.members(['veteriner', 'zabita', 'cevre']);
    const vet = departments.find((row) => row.department === 'veteriner');
    expect(vet).to.include({ name: 'Veteriner İşleri Dairesi Başkanlığı', open: 2, dueSoon: 0, overdue: 1, acceptMedianS: 600, answerMedianS: 7200, inTimeShare: 1 });
    expect(departments.find((row) => row.department === 'zabita')).to.include({ open: 0, acceptMedianS: null });
    expect(reply.body.cimer).to.include({ source: 'cimer', open: 1, answered: 1, inTimeShare: 1 });
    expect(reply.body.total).to.include({ open: 2, overdue: 1 });
    expect((reply.body.bySource as Record<string, unknown>[]).map((row) => row.source)).to.deep.equal(['cimer', 'phone']);
  });

  it('takes Istanbul dates: a period without the step has no medians but the same backlog', async () => {
    const reply = await get('?from=2026-11-01&to=2026-11-30', 'admin');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.include({ from: '2026-10-31T21:00:00.000Z', to: '2026-11-30T21:00:00.000Z' });
    expect(reply.body.total).to.include({ open: 2, overdue: 1, acceptMedianS: null, inTimeShare: null });
  });

  it('refuses agents and departments, and bad periods with a clear 400', async () => {
    expect((await get('', 'ayse')).status).to.equal(403);
    expect((await get('', 'vet')).status).to.equal(403);
    const backwards = await get('?from=2026-12-03&to=2026-12-01', 'nuray');
    expect(backwards.status).to.equal(400);
    expect(JSON.stringify(backwards.body)).to.contain('from must be before to');
    expect((await get('?from=yesterday', 'nuray')).status).to.equal(400);
    expect((await get('?from=2024-01-01&to=2026-01-01', 'nuray')).status).to.equal(400);
    expect((await get('?department=veteriner', 'nuray')).status).to.equal(400);
  });
});
