import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { AriCore } from './core.js';
import { pathParam, queryParam, sendError, sendJson, sendNoContent } from './http-helpers.js';

/** /ari/bridges: statuses and messages of Asterisk 22's bridges.json error responses. */
export function bridgeRoutes(core: AriCore): Router {
  const router = Router();
  const { bridges, pbx } = core;

  const create = (req: Request, res: Response, id: string): void => {
    const types = (queryParam(req, 'type') ?? 'mixing').split(',');
    const type = types.includes('holding') ? 'holding' : 'mixing';
    const bridge = bridges.create(id, type, queryParam(req, 'name') ?? '');
    if (bridge === 'exists') return sendError(res, 409, 'Bridge with the same bridgeId already exists');
    sendJson(res, 200, bridges.toAri(bridge));
  };
  const found = (req: Request, res: Response) => {
    const bridge = bridges.get(pathParam(req, 'bridgeId'));
    if (!bridge) sendError(res, 404, 'Bridge not found');
    return bridge;
  };

  router.get('/bridges', (_req, res) => sendJson(res, 200, bridges.list().map((b) => bridges.toAri(b))));
  router.post('/bridges', (req, res) => create(req, res, queryParam(req, 'bridgeId') || randomUUID()));
  router.post('/bridges/:bridgeId', (req, res) => create(req, res, pathParam(req, 'bridgeId')));
  router.get('/bridges/:bridgeId', (req, res) => {
    const bridge = found(req, res);
    if (bridge) sendJson(res, 200, bridges.toAri(bridge));
  });
  router.delete('/bridges/:bridgeId', (req, res) => {
    const bridge = found(req, res);
    if (!bridge) return;
    bridges.destroy(bridge);
    sendNoContent(res);
  });
  /** addChannel/removeChannel's common checks, in Asterisk's order: the parameter, the bridge, every channel. */
  const membership = (req: Request, res: Response) => {
    const ids = (queryParam(req, 'channel') ?? '').split(',').filter(Boolean);
    if (ids.length === 0) return sendError(res, 400, 'Missing required parameter: channel');
    const bridge = found(req, res);
    if (!bridge) return;
    const channels = ids.map((id) => pbx.channels.get(id));
    if (channels.some((c) => c === undefined)) return sendError(res, 400, 'Channel not found');
    return { bridge, channels: channels.filter((c) => c !== undefined) };
  };
  router.post('/bridges/:bridgeId/addChannel', (req, res) => {
    const asked = membership(req, res);
    if (!asked) return;
    if (asked.channels.some((c) => c.stasisApp === null)) return sendError(res, 422, 'Channel not in Stasis application');
    for (const channel of asked.channels) bridges.add(asked.bridge, channel);
    sendNoContent(res);
  });
  router.post('/bridges/:bridgeId/removeChannel', (req, res) => {
    const asked = membership(req, res);
    if (!asked) return;
    if (asked.channels.some((c) => !asked.bridge.channels.includes(c))) return sendError(res, 422, 'Channel not in this bridge');
    for (const channel of asked.channels) bridges.remove(asked.bridge, channel);
    sendNoContent(res);
  });
  return router;
}
