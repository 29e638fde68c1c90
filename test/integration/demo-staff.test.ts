import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createRequests, shippedLifecycleConfig } from '../../src/requests/create-requests.js';
import { seededRandom } from '../../src/shared/seeded-random.js';
import { DemoStaff } from '../../src/simulator/demo-lifecycle/demo-staff.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

describe(`demo: synthetic agents and department staff work tickets through the lifecycle (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;

  beforeEach(async () => {
    test = await createTestDatabase();
  });
  afterEach(async () => {
    await test.destroy();
  });

  it('files answered calls, then the department accepts and answers after the configured times', async () => {
    let clock = Date.parse('2026-12-03T08:00:00.000Z');
    const now = () => new Date(clock);
    const logger = capturingLogger().logger;
    const requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger, now });
    const store = new KnexTicketStore(test.db, { writer: requests.writer, now });
    await test.db('users').insert({ username: 'birim-veteriner', display_name: 'Veteriner', role: 'department', department_code: 'veteriner', password_hash: 'x', created_at: 'x', updated_at: 'x' });
    for (let index = 1; index <= 6; index += 1) {
      const channel = `ch${index}`;
      const opened = await store.openCallTicket({ callId: `c${index}`, channelId: channel, callerNumber: '05321234567', callerName: '', startedAt: now(), answeredAt: now() });
      await store.recordHandOff(channel, { queue: 'alo153-hayvan', categoryCode: 'hayvan', at: now(), reason: 'selected' });
      await test.db('calls').where({ channel_id: channel }).update({ talk_s: 60, outcome: 'answered' });
      expect(opened.created).to.equal(true);
    }
    const staff = new DemoStaff({ db: test.db, requests: requests.service, logger, random: seededRandom(7), speed: 1, now }, { acceptAfterS: 20, answerAfterS: 60, answerShare: 1 });
    await staff.tick();
    const statuses = async () => (await test.db('tickets').orderBy('id').select('status')).map((row: { status: string }) => row.status);
    const filed = await statuses();
    expect(filed.every((status) => status === 'forwarded' || status === 'closed')).to.equal(true);
    expect(filed.filter((status) => status === 'forwarded').length).to.be.greaterThan(0);
    await staff.tick();
    expect((await statuses()).includes('in_progress')).to.equal(false);
    clock += 21_000;
    await staff.tick();
    expect((await statuses()).filter((status) => status === 'in_progress')).to.have.length(filed.filter((status) => status === 'forwarded').length);
    clock += 61_000;
    await staff.tick();
    const answered = await statuses();
    expect(answered.filter((status) => status === 'answered')).to.have.length(filed.filter((status) => status === 'forwarded').length);
  });
});
