import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';

describe('simulator synthetic traffic', function () {
  it('places Turkish mobile callers that reach the queues and agents', async () => {
    const sim = await startSimulator({ username: 'u', password: 'p', speed: 0.001, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
    for (let n = 1; n <= 3; n++) sim.addAgent({ interface: `PJSIP/agent${n}`, name: `Ajan ${n}`, answerAfterMs: 3000, talkMs: 60000 });
    const traffic = sim.startTraffic({ callsPerMinute: 30, seed: 153 });
    const numbers = new Set<string>();
    const queued = new Set<string>();
    for (let i = 0; i < 40; i++) {
      for (const channel of sim.channels()) {
        if (channel.name.startsWith('PJSIP/citizen')) numbers.add(channel.callerNumber);
        if (channel.queue) queued.add(channel.queue);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    traffic.stop();
    await sim.stop();
    expect(numbers.size).to.be.greaterThan(3);
    for (const number of numbers) expect(number).to.match(/^05\d{9}$/);
    expect([...queued]).to.include('alo153-genel');
  });
});
