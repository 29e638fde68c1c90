/**
 * The RIFF/WAVE header of an uploaded announcement. Asterisk plays `.wav` files through format_wav, which
 * reads 8 kHz mono 16-bit PCM only (anything else plays as noise or not at all), so an upload is checked
 * here and refused with the reason in Turkish, e.g. "8 kHz mono olmalı, dosya 44.1 kHz stereo".
 */
export interface WavFormat {
  /** 1 = PCM; 3 = IEEE float; 6/7 = A-law/µ-law; 0xFFFE = extensible (its sub-format decides). */
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  byteRate: number;
  blockAlign: number;
  dataBytes: number;
  durationMs: number;
}

export type WavCheck =
  | { ok: true; format: WavFormat }
  | { ok: false; code: 'not-a-wav' | 'wrong-format' | 'empty'; reason: string; format?: WavFormat };

const PCM = 1;
const EXTENSIBLE = 0xfffe;

/** Parses the chunks up to `data`; null when the bytes are not a RIFF/WAVE file with `fmt ` and `data`. */
export function parseWavHeader(bytes: Buffer): WavFormat | null {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return null;
  let fmt: Omit<WavFormat, 'dataBytes' | 'durationMs'> | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) return null;
      let formatTag = bytes.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE carries the real format in the first two bytes of its sub-format GUID.
      if (formatTag === EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) formatTag = bytes.readUInt16LE(body + 24);
      fmt = {
        formatTag,
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        byteRate: bytes.readUInt32LE(body + 8),
        blockAlign: bytes.readUInt16LE(body + 12),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) return null;
      // A writer cut short may claim more than the file holds: count what is there.
      const dataBytes = Math.min(size, bytes.length - body);
      const durationMs = fmt.byteRate > 0 ? Math.round((dataBytes / fmt.byteRate) * 1000) : 0;
      return { ...fmt, dataBytes, durationMs };
    }
    offset = body + size + (size % 2);
  }
  return null;
}

/** "44.1 kHz", "8 kHz", "22.05 kHz". */
function kilohertz(rate: number): string {
  return `${(rate / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 }).replace(/,/g, '')} kHz`;
}

function channelWord(channels: number): string {
  if (channels === 1) return 'mono';
  if (channels === 2) return 'stereo';
  return `${channels} kanal`;
}

function encoding(format: WavFormat): string {
  if (format.formatTag === 3) return `${format.bitsPerSample} bit float`;
  if (format.formatTag !== PCM) return `biçim ${format.formatTag}`;
  return `${format.bitsPerSample} bit PCM`;
}

/** The announcement rule: 8 kHz, mono, 16-bit PCM, and some sound in it. */
export function checkAnnouncementWav(bytes: Buffer): WavCheck {
  const format = parseWavHeader(bytes);
  if (!format) return { ok: false, code: 'not-a-wav', reason: 'Dosya bir WAV dosyası değil (RIFF/WAVE başlığı yok)' };
  if (format.sampleRate !== 8000 || format.channels !== 1) {
    return { ok: false, code: 'wrong-format', reason: `8 kHz mono olmalı, dosya ${kilohertz(format.sampleRate)} ${channelWord(format.channels)}`, format };
  }
  if (format.formatTag !== PCM || format.bitsPerSample !== 16) {
    return { ok: false, code: 'wrong-format', reason: `16 bit PCM olmalı, dosya ${encoding(format)}`, format };
  }
  if (format.dataBytes < format.blockAlign || format.durationMs === 0) return { ok: false, code: 'empty', reason: 'Dosyada ses yok', format };
  return { ok: true, format };
}
