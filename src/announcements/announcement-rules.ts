import { checkAnnouncementWav } from './wav-header.js';

export type AnnouncementErrorCode = 'not-found' | 'bad-scope' | 'bad-window' | 'bad-text' | 'bad-audio' | 'ended' | 'conflict' | 'speech-failed';

/** A refusal with a machine code and a Turkish reason the wallboard shows as is. */
export class AnnouncementError extends Error {
  constructor(
    readonly code: AnnouncementErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AnnouncementError';
  }
}

const MAX_WINDOW_MS = 366 * 86_400_000;
// Control characters would reach espeak-ng as noise (or SSML-like markup): refused rather than spoken.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** `all`, or a branch menu of config/ivr.json. */
export function checkScope(scopes: ReadonlySet<string>, scope: string): void {
  if (scope !== 'all' && !scopes.has(scope)) throw new AnnouncementError('bad-scope', `Bilinmeyen kapsam: ${scope.slice(0, 40)}`, 'scope');
}

/** Ends after it starts, not in the past, at most a year long. */
export function checkWindow(from: Date, until: Date, now: Date): void {
  if (until.getTime() <= from.getTime()) throw new AnnouncementError('bad-window', 'Bitiş zamanı başlangıçtan sonra olmalı', 'validUntil');
  if (until.getTime() <= now.getTime()) throw new AnnouncementError('bad-window', 'Bitiş zamanı geçmiş olamaz', 'validUntil');
  if (until.getTime() - from.getTime() > MAX_WINDOW_MS) throw new AnnouncementError('bad-window', 'Bir duyuru en çok bir yıl sürebilir', 'validUntil');
}

/** The text to speak, trimmed: not empty, not over the limit, no control characters. */
export function checkText(maxLength: number, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new AnnouncementError('bad-text', 'Duyuru metni boş olamaz', 'text');
  if (trimmed.length > maxLength) throw new AnnouncementError('bad-text', `Duyuru metni en çok ${maxLength} karakter olabilir`, 'text');
  if (CONTROL.test(trimmed)) throw new AnnouncementError('bad-text', 'Duyuru metninde denetim karakteri olamaz', 'text');
  return trimmed;
}

/** 8 kHz mono 16-bit PCM with sound in it (wav-header.ts gives the reason). */
export function checkAudio(bytes: Buffer): void {
  const check = checkAnnouncementWav(bytes);
  if (!check.ok) throw new AnnouncementError('bad-audio', check.reason, 'file');
}
