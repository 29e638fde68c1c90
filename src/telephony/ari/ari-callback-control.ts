import type { CallbackTelephony, OriginateLeg } from '../../relay/callback/callback-ports.js';
import { ChannelGoneError, TelephonyError } from '../ports.js';
import { asteriskMessageOf, type AriResponse, type AriRest } from './ari-rest.js';

const enc = encodeURIComponent;

/**
 * The callback legs over ARI REST (Asterisk 22 channels.json / bridges.json):
 * - POST /channels (originate) into our Stasis app with app args; the leg enters Stasis when answered;
 * - POST /bridges?type=mixing, POST /bridges/{id}/addChannel, DELETE /bridges/{id};
 * - DELETE /channels/{id}.
 * addChannel answers 400 "Channel not found", 422 "Channel not in Stasis application" and 404 "Bridge not found"
 * for a leg or bridge that is gone: all three mean the call cannot go on (ChannelGoneError), not a fault.
 */
export class AriCallbackControl implements CallbackTelephony {
  constructor(
    private readonly rest: AriRest,
    private readonly app: string,
  ) {}

  async originate(leg: OriginateLeg): Promise<void> {
    const response = await this.rest.request(
      'POST',
      '/channels',
      { endpoint: leg.endpoint, app: this.app, appArgs: leg.appArgs, callerId: leg.callerId, timeout: leg.timeoutS, channelId: leg.channelId },
      'originate',
    );
    expectSuccess(response, 'originate');
  }

  async createBridge(bridgeId: string): Promise<void> {
    const response = await this.rest.request('POST', '/bridges', { type: 'mixing', bridgeId, name: bridgeId }, 'createBridge');
    expectSuccess(response, 'createBridge');
  }

  async addToBridge(bridgeId: string, channelId: string): Promise<void> {
    const response = await this.rest.request('POST', `/bridges/${enc(bridgeId)}/addChannel`, { channel: channelId }, 'addChannel');
    if ([400, 404, 409, 422].includes(response.status)) throw new ChannelGoneError(channelId, response.status === 409 ? 409 : 404, 'addChannel');
    expectSuccess(response, 'addChannel');
  }

  async hangup(channelId: string): Promise<void> {
    const response = await this.rest.request('DELETE', `/channels/${enc(channelId)}`, {}, 'hangup');
    if (response.status === 404) return;
    expectSuccess(response, 'hangup');
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    const response = await this.rest.request('DELETE', `/bridges/${enc(bridgeId)}`, {}, 'destroyBridge');
    if (response.status === 404) return;
    expectSuccess(response, 'destroyBridge');
  }

  async listOwn(prefix: string): Promise<{ channels: string[]; bridges: string[] }> {
    const [channels, bridges] = await Promise.all([this.rest.request('GET', '/channels', {}, 'listChannels'), this.rest.request('GET', '/bridges', {}, 'listBridges')]);
    expectSuccess(channels, 'listChannels');
    expectSuccess(bridges, 'listBridges');
    return { channels: idsWithPrefix(channels.body, prefix), bridges: idsWithPrefix(bridges.body, prefix) };
  }
}

function idsWithPrefix(body: unknown, prefix: string): string[] {
  if (!Array.isArray(body)) return [];
  const ids: string[] = [];
  for (const item of body) {
    const id: unknown = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id.startsWith(prefix)) ids.push(id);
  }
  return ids;
}

function expectSuccess(response: AriResponse, operation: string): void {
  if (response.status >= 200 && response.status < 300) return;
  throw new TelephonyError(`${operation} failed: ${response.status} ${asteriskMessageOf(response.body)}`, operation, response.status);
}
