import { ChannelGoneError, TelephonyError } from '../ports.js';

/**
 * ari-client 2.2.0 turns an HTTP error into `new Error(body)` and drops the status code
 * (client.js, swaggerError). Asterisk's bodies are fixed texts, so we classify by them:
 * 404 "Channel not found" / "Provided channel was not found", 409 "Channel not in Stasis application".
 */
const GONE_404 = ['Channel not found', 'Provided channel was not found'];
const GONE_409 = ['Channel not in Stasis application'];
const PLAYBACK_GONE = ['Playback not found'];

export function asteriskMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
      return (body as { message: string }).message;
    }
  } catch {
    // not a JSON body: a transport error such as ECONNREFUSED
  }
  return text;
}

export function classifyChannelError(error: unknown, channelId: string, operation: string): Error {
  const message = asteriskMessage(error);
  if (GONE_404.includes(message)) return new ChannelGoneError(channelId, 404, operation);
  if (GONE_409.includes(message)) return new ChannelGoneError(channelId, 409, operation);
  if (error instanceof TelephonyError) return error;
  return new TelephonyError(`${operation} failed: ${message}`, operation);
}

export function isPlaybackGone(error: unknown): boolean {
  return PLAYBACK_GONE.includes(asteriskMessage(error));
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TelephonyError(`${operation} timed out after ${ms} ms`, operation)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
