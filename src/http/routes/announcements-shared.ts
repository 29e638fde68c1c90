import { z } from 'zod';
import { AnnouncementError, type AnnouncementErrorCode } from '../../announcements/announcement-service.js';
import { HttpError } from '../errors.js';

/** A time with `Z` or an offset (the page sends its Europe/Istanbul input as such). */
export const announcementTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field}: tarih ve saat geçersiz` }).transform((text) => new Date(text));

export const announcementId = z.object({ id: z.coerce.number({ error: 'Duyuru numarası geçersiz' }).int().positive().max(2 ** 31 - 1) });

export const scopeField = z
  .string({ error: 'Kapsam seçiniz' })
  .regex(/^[a-z0-9-]{1,40}$/, { error: 'Kapsam geçersiz' });

const STATUS: Record<AnnouncementErrorCode, number> = {
  'not-found': 404,
  'bad-scope': 400,
  'bad-window': 400,
  'bad-text': 400,
  'bad-audio': 422,
  ended: 409,
  conflict: 409,
  'speech-failed': 503,
};

/** The service's refusals as HTTP: the Turkish reason in `error`, the machine code and field in `details`. */
export function asHttpError(error: unknown): unknown {
  if (!(error instanceof AnnouncementError)) return error;
  return new HttpError(STATUS[error.code], error.message, { code: error.code, ...(error.field ? { field: error.field } : {}) });
}
