import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { readWavDurationMs } from '../../src/simulator/pbx/wav.js';
import { pressOnPrompt } from '../../src/simulator/prompt-keys.js';
import { startSystem, waitFor, type System } from '../support/system.js';
import { testEngine } from '../support/db.js';

const DIALPLANS = path.resolve('dialplans');

/**
 * A simulator dialplan directory like a PBX's: the project's dialplan, queues and prompts, and an empty
 * sounds/tr/alo153/duyuru that alo153 writes to (announcements.soundsDir) and the simulator plays from.
 */
function pbxWithSharedSounds(): { dialplanDir: string; soundsDir: string } {
  const dialplanDir = mkdtempSync(path.join(tmpdir(), 'alo153-pbx-'));
  copyFileSync(path.join(DIALPLANS, 'extensions.conf'), path.join(dialplanDir, 'extensions.conf'));
  copyFileSync(path.join(DIALPLANS, 'queues.conf'), path.join(dialplanDir, 'queues.conf'));
  const prompts = path.join(dialplanDir, 'sounds', 'tr', 'alo153');
  mkdirSync(prompts, { recursive: true });
  for (const name of readdirSync(path.join(DIALPLANS, 'sounds', 'tr', 'alo153'))) {
    if (name.endsWith('.wav')) symlinkSync(path.join(DIALPLANS, 'sounds', 'tr', 'alo153', name), path.join(prompts, name));
  }
  return { dialplanDir, soundsDir: path.join(prompts, 'duyuru') };
}

describe(`live announcements heard on a call through the simulator (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;
  let pbx: { dialplanDir: string; soundsDir: string };

  beforeEach(async () => {
    pbx = pbxWithSharedSounds();
    // Simulated time at 1/20: the hang-up lands well inside the announcement even when the machine is busy.
    system = await startSystem({ speed: 0.05, agents: 0, dialplanDir: pbx.dialplanDir, config: { announcements: { soundsDir: pbx.soundsDir, flushMs: 20 } } });
  });

  afterEach(async () => {
    await system.stop();
  });

  it('plays the spoken file from the shared sounds directory before the main menu and counts who went on and who was served', async () => {
    const { service } = system.app.announcements;
    const created = await service.create(
      { kind: 'text', text: 'Talas ilçesinde bugün planlı su kesintisi vardır.' },
      { scope: 'all', validFrom: new Date(Date.now() - 1000), validUntil: new Date(Date.now() + 3_600_000) },
      'sefe',
    );
    const [active] = system.app.announcements.source.active(new Date());
    // The simulator resolves `sound:alo153/duyuru/<id>-1` as Asterisk does: <sounds>/<language>/alo153/duyuru/<id>-1.wav.
    const durationMs = (await readWavDurationMs(path.join(pbx.dialplanDir, 'sounds', 'tr', `alo153/${active?.prompt ?? ''}.wav`))) ?? 0;
    expect(active?.id).to.equal(created.id);
    expect(durationMs).to.be.greaterThan(1000);

    // The welcome and the survey hint come first, then the announcement, then the main menu. One caller presses 0
    // as the main menu starts; another hangs up while the announcement plays. By what they hear, not by the clock:
    // on a loaded machine a timed key could fall into the welcome (skipping the announcement) or the announcement.
    const announcement = `sound:alo153/${active?.prompt ?? ''}`;
    const goesOn = system.sim.placeCall({ callerNumber: '05321234567', onPrompt: pressOnPrompt({ 'sound:alo153/main-menu': '0' }) });
    const served = system.sim.placeCall({ callerNumber: '05321234568', onPrompt: (media, call) => {
      if (media === announcement) call.hangup();
    } });
    await served.ended;
    await waitFor(async () => {
      const row = await system.app.db('announcements').where({ id: created.id }).first('played');
      return Number(row?.played) === 2;
    }, 15000, 'both outcomes counted');
    const row = await system.app.db('announcements').where({ id: created.id }).first('played', 'served', 'continued');
    expect([Number(row.played), Number(row.served), Number(row.continued)]).to.deep.equal([2, 1, 1]);
    goesOn.hangup();
  });
});
