import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';

const soundsDir = join(import.meta.dirname, '..', '..', 'dialplans', 'sounds', 'tr');
const promptsDir = join(soundsDir, 'alo153');
const ivrConfigFile = join(import.meta.dirname, '..', '..', 'config', 'ivr.json');
const dialplanFile = join(import.meta.dirname, '..', '..', 'dialplans', 'extensions.conf');

const digitPrompts = Array.from({ length: 10 }, (_, digit) => `digit-${digit}`);
/** The names the IVR config and the dialplan are written against: renaming one breaks a call path. */
const requiredPrompts = [
  'welcome', 'main-menu', 'menu-ulasim', 'invalid', 'no-input', 'ticket-prefix', 'ticket-suffix',
  'transfer', 'all-busy', 'goodbye', 'pause', ...digitPrompts,
];

const manifestSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  z.union([
    // rate: espeak-ng words a minute for this prompt (scripts/make-prompts.sh; the read-back's numerals are faster).
    z.strictObject({ text: z.string().min(1), say: z.string().min(1).optional(), rate: z.number().int().min(80).max(450).optional() }),
    z.strictObject({ silenceSeconds: z.number().positive() }),
  ]),
);
type ManifestEntry = z.infer<typeof manifestSchema>[string];

interface WavInfo {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  durationSeconds: number;
  samples: Int16Array;
}

/** Walks the RIFF chunks rather than assuming a 44-byte header: studio tools add LIST/fact chunks. */
function readWav(file: string): WavInfo {
  const bytes = readFileSync(file);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file} is not a RIFF/WAVE file`);
  }
  let format: Omit<WavInfo, 'durationSeconds' | 'samples'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const chunkId = bytes.toString('ascii', offset, offset + 4);
    const chunkSize = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (chunkId === 'fmt ') {
      format = {
        audioFormat: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (chunkId === 'data') {
      if (!format) throw new Error(`${file}: data chunk before fmt chunk`);
      const data = bytes.subarray(body, body + chunkSize);
      const samples = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return { ...format, durationSeconds: chunkSize / bytesPerSecond, samples };
    }
    offset = body + chunkSize + (chunkSize % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

function loadManifest(): Record<string, ManifestEntry> {
  return manifestSchema.parse(JSON.parse(readFileSync(join(soundsDir, 'manifest.json'), 'utf8')));
}

const ivrConfigSchema = z.object({
  welcome: z.string(),
  menus: z.record(z.string(), z.object({ prompt: z.string() })),
  prompts: z.record(z.string(), z.string()),
});

/** Every prompt name config/ivr.json can ask Asterisk to play, with `digit-{d}` expanded. */
function promptsReferencedByIvr(): string[] {
  const ivr = ivrConfigSchema.parse(JSON.parse(readFileSync(ivrConfigFile, 'utf8')));
  const { digitTemplate, ...namedPrompts } = ivr.prompts;
  const digits = digitTemplate === undefined
    ? []
    : Array.from({ length: 10 }, (_, digit) => digitTemplate.replace('{d}', String(digit)));
  return [ivr.welcome, ...Object.values(ivr.menus).map((menu) => menu.prompt), ...Object.values(namedPrompts), ...digits];
}

describe('Turkish prompts (dialplans/sounds/tr)', () => {
  const manifest = loadManifest();

  it('lists every prompt the IVR and the dialplan are written against', () => {
    expect(Object.keys(manifest)).to.include.members(requiredPrompts);
  });

  it('has no stray WAV that the manifest does not list', () => {
    const wavNames = readdirSync(promptsDir).filter((file) => file.endsWith('.wav')).map((file) => file.slice(0, -4));
    expect(wavNames).to.have.members(Object.keys(manifest));
  });

  for (const [name, entry] of Object.entries(manifest)) {
    it(`${name}.wav is 8 kHz mono 16-bit signed PCM with a plausible length`, () => {
      const wav = readWav(join(promptsDir, `${name}.wav`));
      expect(wav, 'format').to.include({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
      expect(wav.durationSeconds).to.be.greaterThan(0);
      if ('silenceSeconds' in entry) {
        expect(wav.durationSeconds).to.be.closeTo(entry.silenceSeconds, 0.02);
      } else if (digitPrompts.includes(name)) {
        expect(wav.durationSeconds, 'a digit of the read-back ticket number').to.be.within(0.15, 1.2);
      } else {
        // Turkish speech runs at roughly 10-15 characters a second; outside 5-30 means a truncated
        // or wrong file (or a studio recording with long silence left in).
        const characters = (entry.say ?? entry.text).length;
        expect(wav.durationSeconds).to.be.within(characters / 30, characters / 5);
      }
    });
  }

  it('makes pause pure digital silence of about 0.3 s', () => {
    const pause = readWav(join(promptsDir, 'pause.wav'));
    expect(pause.durationSeconds).to.be.closeTo(0.3, 0.02);
    expect(pause.samples.every((sample) => sample === 0)).to.equal(true);
  });

  it('levels speech prompts to the same peak without clipping', () => {
    for (const name of requiredPrompts.filter((prompt) => prompt !== 'pause')) {
      const { samples } = readWav(join(promptsDir, `${name}.wav`));
      const peak = samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0) / 32768;
      expect(peak, name).to.be.within(0.3, 0.95);
    }
  });

  it('has every prompt the dialplan plays with Playback(alo153/...)', () => {
    const dialplan = readFileSync(dialplanFile, 'utf8');
    const played = [...dialplan.matchAll(/Playback\(alo153\/([a-z0-9-]+)/g)].map((match) => match[1]);
    expect(played.length, "Playback(alo153/...) lines found").to.be.greaterThan(0);
    expect(Object.keys(manifest)).to.include.members(played);
  });

  it('has every prompt that config/ivr.json references', function () {
    if (!existsSync(ivrConfigFile)) this.skip();
    expect(Object.keys(manifest)).to.include.members(promptsReferencedByIvr());
  });
});
