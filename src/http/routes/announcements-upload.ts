import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Announcements } from '../../announcements/create-announcements.js';
import { announcementView } from '../../announcements/announcement-stream.js';
import type { AuthService } from '../../auth/auth-service.js';
import { authenticate, currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';
import { announcementId, announcementTime, asHttpError, scopeField } from './announcements-shared.js';

const WAV_TYPES = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave']);

export const uploadQuery = z.strictObject({
  scope: scopeField,
  validFrom: announcementTime('validFrom').optional(),
  validUntil: announcementTime('validUntil'),
});

/** 415 before a byte is read: only a WAV body is taken here. */
const requireWav: RequestHandler = (req, _res, next) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!WAV_TYPES.has(type)) {
    next(new HttpError(415, 'Yalnızca WAV dosyası (audio/wav) yüklenebilir', { code: 'unsupported-media-type', contentType: type.slice(0, 100) || null }));
    return;
  }
  next();
};

/**
 * The recording uploads, mounted on /api BEFORE the app's JSON-only guard (their body is the WAV itself):
 * POST /api/announcements/upload?scope=&validFrom=&validUntil= (a new announcement) and
 * PUT /api/announcements/:id/audio (a new recording for one). The origin check runs before this router as for
 * every route; this router authenticates and authorises by itself, refuses other content types with 415 and
 * bodies over announcements.uploadMaxBytes with 413, then checks the RIFF header (8 kHz mono 16-bit PCM).
 */
export function announcementUploadRoutes(announcements: Announcements, auth: AuthService, now: () => Date = () => new Date()): Router {
  const router = Router();
  const guard = [authenticate(auth), requireRole('supervisor', 'admin'), requireWav, express.raw({ type: () => true, limit: announcements.config.uploadMaxBytes })];
  const bytesOf = (body: unknown): Buffer => {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'Dosya boş', { code: 'empty-body' });
    return body;
  };

  router.post('/announcements/upload', ...guard, async (req, res) => {
    const query = uploadQuery.parse(req.query);
    const row = await announcements.service
      .create({ kind: 'upload', bytes: bytesOf(req.body) }, { scope: query.scope, validFrom: query.validFrom ?? now(), validUntil: query.validUntil }, currentUser(res).username)
      .catch((error: unknown) => {
        throw asHttpError(error);
      });
    res.status(201).json(announcementView(row, now()));
  });

  router.put('/announcements/:id/audio', ...guard, async (req, res) => {
    const { id } = announcementId.parse(req.params);
    const row = await announcements.service.replaceAudio(id, bytesOf(req.body), currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
    res.json(announcementView(row, now(), announcements.pending(id)));
  });

  return router;
}
