import express, { Router } from 'express';
import { ariTimestamp } from '../pbx/ids.js';
import type { AriCore } from './core.js';
import { ASTERISK_ID } from './event-hub.js';
import { pathParam, queryParam, readJsonBody, sendError, sendJson, sendNoContent } from './http-helpers.js';

/** /ari/asterisk, /ari/applications and /ari/playbacks. */
export function miscRoutes(core: AriCore): Router {
  const router = Router();

  router.get('/asterisk/info', (_req, res) =>
    sendJson(res, 200, {
      build: { os: 'Linux', kernel: 'simulator', machine: 'x86_64', options: 'OPTIONAL_API', date: core.startedAt, user: 'alo153' },
      system: { version: '22.11.0-rc1', entity_id: ASTERISK_ID },
      config: { name: '', default_language: 'en', setid: { user: '', group: '' } },
      status: { startup_time: core.startedAt, last_reload_time: core.startedAt },
    }),
  );
  router.get('/asterisk/ping', (_req, res) => sendJson(res, 200, { ping: 'pong', timestamp: ariTimestamp(), asterisk_id: ASTERISK_ID }));
  router.get('/asterisk/variable', (req, res) => {
    const name = queryParam(req, 'variable');
    if (!name) return sendError(res, 400, 'Variable name is required');
    sendJson(res, 200, { value: core.globals.get(name) ?? '' });
  });
  router.post('/asterisk/variable', (req, res) => {
    const name = queryParam(req, 'variable');
    if (!name) return sendError(res, 400, 'Variable name is required');
    core.globals.set(name, queryParam(req, 'value') ?? '');
    sendNoContent(res);
  });

  const application = (name: string): Record<string, unknown> => {
    const all = core.hub.subscribeAll(name);
    const channelIds = [...core.pbx.channels.values()].filter((c) => c.subscribedApp === name).map((c) => c.id);
    return {
      name,
      channel_ids: all ? ['__AST_CHANNEL_ALL_TOPIC'] : channelIds,
      bridge_ids: all ? ['__AST_BRIDGE_ALL_TOPIC'] : [],
      endpoint_ids: all ? ['__AST_ENDPOINT_ALL_TOPIC'] : [],
      device_names: all ? ['__AST_DEVICE_STATE_ALL_TOPIC'] : [],
      ...core.hub.eventFilter(name).json,
    };
  };
  router.get('/applications', (_req, res) => sendJson(res, 200, core.hub.appNames().map(application)));
  router.get('/applications/:applicationName', (req, res) => {
    const name = pathParam(req, 'applicationName');
    if (!core.hub.isAppConnected(name)) return sendError(res, 404, 'Application not found');
    sendJson(res, 200, application(name));
  });

  router.put('/applications/:applicationName/eventFilter', express.text({ type: () => true }), (req, res) => {
    const body = readJsonBody(req);
    if (body === 'unparsable') return sendError(res, 400, 'Error parsing request body');
    const name = pathParam(req, 'applicationName');
    if (!core.hub.isAppConnected(name)) return sendError(res, 404, 'Application not found');
    if (!core.hub.eventFilter(name).set(body)) return sendError(res, 400, 'Invalid format definition');
    sendJson(res, 200, application(name));
  });

  router.get('/playbacks/:playbackId', (req, res) => {
    const playback = core.playbacks.get(pathParam(req, 'playbackId'));
    if (!playback) return sendError(res, 404, 'Playback not found');
    sendJson(res, 200, playback);
  });
  router.delete('/playbacks/:playbackId', (req, res) => {
    if (!core.playbacks.stop(pathParam(req, 'playbackId'))) return sendError(res, 404, 'Playback not found');
    sendNoContent(res);
  });
  router.post('/playbacks/:playbackId/control', (req, res) => {
    const operation = queryParam(req, 'operation') ?? '';
    const result = core.playbacks.control(pathParam(req, 'playbackId'), operation);
    if (result === 'not-found') return sendError(res, 404, 'Playback not found');
    if (result === 'invalid-operation') return sendError(res, 400, `Invalid operation ${operation}`);
    sendNoContent(res);
  });
  return router;
}
