import { open } from 'node:fs/promises';

/** Duration in ms of a PCM WAV file from its header, or null when the file is missing or not a WAV. */
export async function readWavDurationMs(path: string): Promise<number | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead < 12 || header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') return null;
    let byteRate = 0;
    let offset = 12;
    while (offset + 8 <= bytesRead) {
      const chunkId = header.toString('ascii', offset, offset + 4);
      const chunkSize = header.readUInt32LE(offset + 4);
      if (chunkId === 'fmt ') byteRate = header.readUInt32LE(offset + 16);
      // The data chunk may claim more than the file holds when a writer was cut short; trust the file size.
      if (chunkId === 'data') {
        const stat = await handle.stat();
        const dataBytes = Math.min(chunkSize, stat.size - offset - 8);
        return byteRate > 0 ? Math.round((dataBytes / byteRate) * 1000) : null;
      }
      offset += 8 + chunkSize + (chunkSize % 2);
    }
    return null;
  } finally {
    await handle.close();
  }
}

const cache = new Map<string, Promise<number | null>>();

export function cachedWavDurationMs(path: string): Promise<number | null> {
  let duration = cache.get(path);
  if (!duration) {
    duration = readWavDurationMs(path);
    // A missing prompt may be generated later (another tool writes dialplans/sounds): do not cache misses.
    void duration.then((value) => {
      if (value === null) cache.delete(path);
    });
    cache.set(path, duration);
  }
  return duration;
}

/** Writes a silent 8 kHz 16-bit mono WAV of `durationMs` (test prompts). */
export function silentWav(durationMs: number): Buffer {
  const dataBytes = Math.round((durationMs / 1000) * 8000) * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes)]);
}
