import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { createBody, patchBody } from '../../routes/announcements.js';
import { announcementId } from '../../routes/announcements-shared.js';
import { uploadQuery } from '../../routes/announcements-upload.js';
import { addOperation } from '../operation.js';
import { Announcement } from '../shapes.js';

const SUPERVISING = ['supervisor', 'admin'] as const;
const WAV = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'];
const wavBody = { schema: z.string().meta({ format: 'binary', description: '8 kHz mono 16-bit PCM WAV, at most announcements.uploadMaxBytes.' }), type: WAV };
const tag = 'announcements';

/** src/http/routes/announcements.ts and announcements-upload.ts: live announcements the IVR plays. */
export function registerAnnouncementPaths(registry: OpenAPIRegistry): void {
  const access = { roles: SUPERVISING };
  addOperation(registry, {
    method: 'get',
    path: '/api/announcements',
    tag,
    summary: 'Every announcement, the scopes and the limits',
    access,
    replies: [{ status: 200, description: 'The list', schema: z.object({ at: z.iso.datetime(), scopes: z.array(z.unknown()), limits: z.object({ textMaxLength: z.number().int(), uploadMaxBytes: z.number().int() }), announcements: z.array(Announcement) }) }],
  });
  addOperation(registry, { method: 'post', path: '/api/announcements', tag, summary: 'Create a text announcement (spoken by the TTS)', access, body: { schema: createBody }, replies: [{ status: 201, description: 'Created', schema: Announcement }], errors: [409, 503] });
  addOperation(registry, { method: 'patch', path: '/api/announcements/:id', tag, summary: 'Edit an announcement', access, params: announcementId, body: { schema: patchBody }, replies: [{ status: 200, description: 'Changed', schema: Announcement }], errors: [404, 409, 503] });
  addOperation(registry, { method: 'post', path: '/api/announcements/:id/end', tag, summary: 'End an announcement now', access, params: announcementId, replies: [{ status: 200, description: 'Ended', schema: Announcement }], errors: [404, 409] });
  addOperation(registry, { method: 'delete', path: '/api/announcements/:id', tag, summary: 'Delete an announcement', access, params: announcementId, replies: [{ status: 204, description: 'Deleted' }], errors: [404, 409] });
  addOperation(registry, {
    method: 'post',
    path: '/api/announcements/upload',
    tag,
    summary: 'Create an announcement from a WAV recording (the body is the file)',
    access,
    query: uploadQuery,
    body: wavBody,
    replies: [{ status: 201, description: 'Created', schema: Announcement }],
    errors: [409, 413, 415, 422],
  });
  addOperation(registry, {
    method: 'put',
    path: '/api/announcements/:id/audio',
    tag,
    summary: "Replace an announcement's recording (the body is the WAV)",
    access,
    params: announcementId,
    body: wavBody,
    replies: [{ status: 200, description: 'Replaced', schema: Announcement }],
    errors: [404, 409, 413, 415, 422],
  });
}
