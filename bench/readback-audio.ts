/**
 * The read-back's audio, summed from the prompt WAVs with the simulator's own WAV reader (src/simulator/pbx/wav.ts):
 * what the simulator plays between the caller's last menu digit and the continue into the queue. Shared by the bench
 * (bench/readback.ts) and the test that holds the committed WAVs to the 5 s target (test/unit/ivr-readback-audio.test.ts).
 */
import path from 'node:path';
import { readbackPrompts } from '../src/ivr/readback.js';
import { MAX_NUMERAL, allNumeralPrompts } from '../src/ivr/turkish-numerals.js';
import type { IvrDefinition, PromptName } from '../src/ivr/types.js';
import { readWavDurationMs } from '../src/simulator/pbx/wav.js';

export const SHIPPED_SOUNDS = path.resolve(import.meta.dirname, '..', 'dialplans', 'sounds', 'tr', 'alo153');
/** Issue 10: from the last menu digit to the queue. */
export const READBACK_TARGET_MS = 5000;

export type PromptDurations = ReadonlyMap<PromptName, number>;

export const ticketNumber = (year: number, serial: number): string => `153-${year}-${String(serial).padStart(6, '0')}`;

/** The duration of every prompt a read-back can name (frame and numerals); a missing file is an error. */
export async function readbackDurations(def: IvrDefinition, soundsDir = SHIPPED_SOUNDS, extra: readonly PromptName[] = []): Promise<PromptDurations> {
  const { ticketPrefix, transfer, pause } = def.prompts;
  const durations = new Map<PromptName, number>();
  for (const prompt of new Set([ticketPrefix, transfer, pause, ...allNumeralPrompts(), ...extra])) {
    const ms = await readWavDurationMs(path.join(soundsDir, `${prompt}.wav`));
    if (ms === null) throw new Error(`prompt ${prompt} has no WAV file in ${soundsDir}`);
    durations.set(prompt, ms);
  }
  return durations;
}

export function audioMs(prompts: readonly PromptName[], durations: PromptDurations): number {
  let ms = 0;
  for (const prompt of prompts) {
    const duration = durations.get(prompt);
    if (duration === undefined) throw new Error(`no duration for prompt ${prompt}`);
    ms += duration;
  }
  return ms;
}

export interface ReadbackAudio {
  serial: number;
  ms: number;
  items: number;
}

export function readbackAudio(def: IvrDefinition, year: number, serial: number, durations: PromptDurations): ReadbackAudio {
  const prompts = readbackPrompts(def, ticketNumber(year, serial));
  return { serial, ms: audioMs(prompts, durations), items: prompts.length };
}

/** The six-digit serials, where a busy centre is most of the year (Kayseri's 1.19 M calls a year pass 999,999 in November). */
export const SIX_DIGIT_SERIALS = { first: 1, last: 999_999 } as const;
/** The seven-digit serials a year of 1.19 M calls reaches (up to 1,999,999: twice Kayseri's busiest year so far). */
export const SEVEN_DIGIT_SERIALS = { first: 1_000_000, last: 1_999_999 } as const;

/** The longest read-back over every serial of the range (1..999999 unless told). */
export function longestReadback(def: IvrDefinition, year: number, durations: PromptDurations, range: { first: number; last: number } = SIX_DIGIT_SERIALS): ReadbackAudio {
  let longest = readbackAudio(def, year, range.first, durations);
  for (let serial = range.first + 1; serial <= Math.min(range.last, MAX_NUMERAL); serial++) {
    const audio = readbackAudio(def, year, serial, durations);
    if (audio.ms > longest.ms) longest = audio;
  }
  return longest;
}
