import { expect } from 'chai';
import { READBACK_TARGET_MS, SEVEN_DIGIT_SERIALS, longestReadback, readbackAudio, readbackDurations } from '../../bench/readback-audio.js';
import { shippedIvr } from './ivr-driver.js';

// A property of the committed WAVs and config/ivr.json, not a timing: the simulator plays each file for its
// length, so these sums are the audio between the caller's last menu digit and the queue (issue 10: <= 5 s).
describe('the shipped read-back fits in 5 s of audio for every ticket number', () => {
  const year = 2026;

  it('reads the serial alone and no transfer prompt by default', () => {
    expect(shippedIvr.readbackYear).to.equal(false);
    expect(shippedIvr.readbackTransfer).to.equal(false);
  });

  it('takes at most 5 s for 999999, the largest six-digit serial', async () => {
    const durations = await readbackDurations(shippedIvr);
    const audio = readbackAudio(shippedIvr, year, 999_999, durations);
    expect(audio.items, 'Talep numaranız + dokuz yüz, doksan, dokuz, bin, dokuz yüz, doksan, dokuz').to.equal(8);
    expect(audio.ms).to.be.at.most(READBACK_TARGET_MS);
  });

  it('takes at most 5 s for the longest-sounding serial of 1..999999', async function () {
    this.timeout(60_000);
    const durations = await readbackDurations(shippedIvr);
    const longest = longestReadback(shippedIvr, year, durations);
    expect(longest.ms, `serial ${longest.serial}`).to.be.at.most(READBACK_TARGET_MS);
    // The scan is real: a serial with longer words than 999999 exists (the eights: "sekiz yüz seksen sekiz").
    expect(longest.ms).to.be.greaterThan(readbackAudio(shippedIvr, year, 999_999, durations).ms);
  });

  it('says a seven-digit serial (past a year’s millionth ticket) with its "milyon" first, at most 0.6 s over the target', async function () {
    this.timeout(60_000);
    const durations = await readbackDurations(shippedIvr);
    expect(readbackAudio(shippedIvr, year, 1_000_000, durations).items, 'Talep numaranız + bir milyon').to.equal(2);
    const longest = longestReadback(shippedIvr, year, durations, SEVEN_DIGIT_SERIALS);
    expect(longest.items, `serial ${longest.serial}`).to.equal(9);
    expect(longest.ms, `serial ${longest.serial}`).to.be.within(READBACK_TARGET_MS, READBACK_TARGET_MS + 600);
  });

  it('would miss the target with the year read, as the option documents', async () => {
    const durations = await readbackDurations(shippedIvr);
    expect(readbackAudio({ ...shippedIvr, readbackYear: true }, year, 999_999, durations).ms).to.be.greaterThan(READBACK_TARGET_MS);
  });
});
