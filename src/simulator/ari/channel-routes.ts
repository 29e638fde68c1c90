import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DialplanPosition, SimChannel } from '../pbx/channel.js';
import { originate } from '../pbx/originate.js';
import type { AriCore } from './core.js';
import { pathParam, queryParam, sendError, sendJson, sendNoContent } from './http-helpers.js';

const NOT_IN_STASIS = 'Channel not in Stasis application';

/** /ari/channels: the statuses and bodies of README fact 12. */
export function channelRoutes(core: AriCore): Router {
  const router = Router();
  const { pbx } = core;

  const find = (req: Request): SimChannel | undefined => pbx.channels.get(pathParam(req, 'channelId'));

  /** 404 when gone, 409 when it left Stasis; otherwise the channel. */
  const inStasis = (req: Request, res: Response): SimChannel | undefined => {
    const channel = find(req);
    if (!channel) sendError(res, 404, 'Channel not found');
    else if (channel.stasisApp === null) sendError(res, 409, NOT_IN_STASIS);
    else return channel;
    return undefined;
  };

  router.get('/channels', (_req, res) => sendJson(res, 200, [...pbx.channels.values()].map((c) => c.toAri())));
  router.post('/channels', (req, res) => {
    const endpoint = queryParam(req, 'endpoint');
    if (!endpoint) return sendError(res, 400, 'Endpoint must be specified');
    const slash = endpoint.indexOf('/');
    if (slash <= 0 || slash === endpoint.length - 1) return sendError(res, 400, 'Invalid endpoint specified');
    const app = queryParam(req, 'app');
    // Originating into the dialplan (extension/context) is not simulated: alo153 originates into its app.
    if (!app) return sendError(res, 400, 'Application or extension must be specified');
    const channelId = queryParam(req, 'channelId') || undefined;
    if (channelId && pbx.channels.has(channelId)) return sendError(res, 409, 'Channel with given unique ID already exists');
    const timeout = Number(queryParam(req, 'timeout') ?? '30');
    const timeoutS = Number.isFinite(timeout) && timeout > 0 ? timeout : 30;
    const channel = originate(pbx, core.devices, core.outbound, { endpoint, app, appArgs: queryParam(req, 'appArgs') ?? '', callerId: queryParam(req, 'callerId') ?? '', timeoutS, channelId });
    sendJson(res, 200, channel.toAri());
  });
  router.get('/channels/:channelId', (req, res) => {
    const channel = find(req);
    if (!channel) return sendError(res, 404, 'Channel not found');
    sendJson(res, 200, channel.toAri());
  });
  router.delete('/channels/:channelId', (req, res) => {
    const channel = find(req);
    if (!channel) return sendError(res, 404, 'Channel not found');
    pbx.hangup(channel, 'app');
    sendNoContent(res);
  });
  router.post('/channels/:channelId/answer', (req, res) => {
    const channel = inStasis(req, res);
    if (!channel) return;
    pbx.setState(channel, 'Up');
    sendNoContent(res);
  });
  router.post('/channels/:channelId/continue', (req, res) => {
    const channel = inStasis(req, res);
    if (!channel) return;
    pbx.continueInDialplan(channel, continueTarget(core, channel, req));
    sendNoContent(res);
  });
  router.post('/channels/:channelId/dtmf', (req, res) => {
    if (!queryParam(req, 'dtmf')) return sendError(res, 400, 'DTMF is required');
    if (inStasis(req, res)) sendNoContent(res);
  });
  const play = (req: Request, res: Response): void => {
    const channel = inStasis(req, res);
    if (!channel) return;
    const media = (queryParam(req, 'media') ?? '').split(',').filter(Boolean);
    if (media.length === 0) return sendError(res, 500, 'Failed to queue media for playback');
    const playbackId = pathParam(req, 'playbackId') || queryParam(req, 'playbackId') || randomUUID();
    const playback = core.playbacks.play(channel, playbackId, media, queryParam(req, 'lang') || channel.language);
    res.set('Location', `/ari/playbacks/${playback.id}`);
    sendJson(res, 201, playback);
  };
  router.post('/channels/:channelId/play', play);
  router.post('/channels/:channelId/play/:playbackId', play);
  router.get('/channels/:channelId/variable', (req, res) => {
    const name = queryParam(req, 'variable');
    if (!name) return sendError(res, 400, 'Variable name is required');
    const channel = find(req);
    if (!channel) return sendError(res, 404, 'Provided channel was not found');
    const value = pbx.getVariable(channel, name);
    if (value === undefined) return sendError(res, 404, 'Provided variable was not found');
    sendJson(res, 200, { value });
  });
  router.post('/channels/:channelId/variable', (req, res) => {
    const name = queryParam(req, 'variable');
    if (!name) return sendError(res, 400, 'Variable name is required');
    const channel = inStasis(req, res);
    if (!channel) return;
    pbx.setVariable(channel, name, queryParam(req, 'value') ?? '');
    sendNoContent(res);
  });
  return router;
}

/**
 * Nothing given (or `priority=notanumber` alone) means the next priority of the current place (06);
 * a context or extension without a priority starts at 1.
 */
function continueTarget(core: AriCore, channel: SimChannel, req: Request): DialplanPosition | null {
  const context = queryParam(req, 'context') || undefined;
  const exten = queryParam(req, 'extension') || undefined;
  const label = queryParam(req, 'label') || undefined;
  const priority = Number(queryParam(req, 'priority'));
  const base = { context: context ?? channel.position.context, exten: exten ?? channel.position.exten };
  if (label) return core.runner.resolveTarget(channel, `${base.context},${base.exten},${label}`) ?? null;
  if (Number.isInteger(priority) && priority > 0) return { ...base, priority };
  return context || exten ? { ...base, priority: 1 } : null;
}
