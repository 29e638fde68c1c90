import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { checkAnnouncementWav, parseWavHeader } from '../../src/announcements/wav-header.js';

const fixture = (name: string): Buffer => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'wav', name));

/** A canonical 44-byte header for `dataBytes` of sound (a list chunk before `data` when asked). */
function wav(options: { rate?: number; channels?: number; bits?: number; format?: number; dataBytes?: number; listChunk?: boolean } = {}): Buffer {
  const { rate = 8000, channels = 1, bits = 16, format = 1, dataBytes = 1600, listChunk = false } = options;
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(format, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(rate, 12);
  fmt.writeUInt32LE((rate * channels * bits) / 8, 16);
  fmt.writeUInt16LE((channels * bits) / 8, 20);
  fmt.writeUInt16LE(bits, 22);
  // An odd-sized chunk is padded to an even length (RIFF), which the parser must skip correctly.
  const list = listChunk ? Buffer.concat([Buffer.from('LIST'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx'), Buffer.alloc(1)]) : Buffer.alloc(0);
  const data = Buffer.alloc(8);
  data.write('data', 0, 'ascii');
  data.writeUInt32LE(dataBytes, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, list, data, Buffer.alloc(dataBytes)]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

describe('announcement uploads: the RIFF header', () => {
  it('reads rate, channels, bits and the duration of 8 kHz mono 16-bit PCM, across a padded chunk before data', () => {
    expect(parseWavHeader(wav({ dataBytes: 16000 }))).to.include({ formatTag: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16, durationMs: 1000 });
    expect(parseWavHeader(wav({ dataBytes: 8000, listChunk: true }))).to.include({ durationMs: 500 });
    expect(checkAnnouncementWav(fixture('good-8k-mono.wav'))).to.deep.include({ ok: true });
    expect(parseWavHeader(fixture('good-8k-mono.wav'))?.durationMs).to.equal(250);
  });

  it('names what is wrong, in Turkish: rate and channels first, then the sample format', () => {
    expect(checkAnnouncementWav(fixture('bad-44k-stereo.wav'))).to.deep.include({ ok: false, code: 'wrong-format', reason: '8 kHz mono olmalı, dosya 44.1 kHz stereo' });
    expect(checkAnnouncementWav(wav({ rate: 16000 }))).to.deep.include({ reason: '8 kHz mono olmalı, dosya 16 kHz mono' });
    expect(checkAnnouncementWav(wav({ channels: 2 }))).to.deep.include({ ok: false, reason: '8 kHz mono olmalı, dosya 8 kHz stereo' });
    expect(checkAnnouncementWav(wav({ rate: 22050, channels: 2 }))).to.deep.include({ reason: '8 kHz mono olmalı, dosya 22.05 kHz stereo' });
    expect(checkAnnouncementWav(wav({ bits: 8 }))).to.deep.include({ reason: '16 bit PCM olmalı, dosya 8 bit PCM' });
    expect(checkAnnouncementWav(wav({ format: 3, bits: 32 }))).to.deep.include({ reason: '16 bit PCM olmalı, dosya 32 bit float' });
    expect(checkAnnouncementWav(wav({ format: 7, bits: 8 }))).to.deep.include({ reason: '16 bit PCM olmalı, dosya biçim 7' });
  });

  it('refuses what is not a WAV, a header cut short and a file without sound', () => {
    expect(checkAnnouncementWav(fixture('not-a-wav.wav'))).to.deep.include({ ok: false, code: 'not-a-wav' });
    expect(checkAnnouncementWav(Buffer.from('RIFF'))).to.deep.include({ code: 'not-a-wav' });
    expect(checkAnnouncementWav(wav().subarray(0, 30))).to.deep.include({ code: 'not-a-wav' });
    expect(checkAnnouncementWav(wav({ dataBytes: 0 }))).to.deep.include({ ok: false, code: 'empty', reason: 'Dosyada ses yok' });
  });

  it('counts only the sound the file holds when the data chunk claims more (a writer cut short)', () => {
    const full = wav({ dataBytes: 16000 });
    expect(parseWavHeader(full.subarray(0, full.length - 8000))?.durationMs).to.equal(500);
  });
});
