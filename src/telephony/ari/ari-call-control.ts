import { ChannelGoneError, TelephonyError, type CallControl, type ChannelInfo } from '../ports.js';
import { parseChannel } from './ari-events.js';
import { asteriskMessageOf, type AriResponse, type AriRest } from './ari-rest.js';

const enc = encodeURIComponent;

/** CallControl over ARI REST. 404/409 on a channel means it is gone or left Stasis: normal telephony. */
export class AriCallControl implements CallControl {
  constructor(
    private readonly rest: AriRest,
    private readonly app: string,
  ) {}

  private async channelOp(channelId: string, operation: string, method: 'POST' | 'DELETE', path: string, query?: Record<string, string | number>): Promise<void> {
    const response = await this.rest.request(method, path, query, operation);
    if (response.status === 404 || response.status === 409) throw new ChannelGoneError(channelId, response.status, operation);
    expectSuccess(response, operation);
  }

  answer(channelId: string): Promise<void> {
    return this.channelOp(channelId, 'answer', 'POST', `/channels/${enc(channelId)}/answer`);
  }

  play(channelId: string, playbackId: string, media: readonly string[], language: string): Promise<void> {
    // Asterisk takes a media list as one comma-separated parameter.
    return this.channelOp(channelId, 'play', 'POST', `/channels/${enc(channelId)}/play/${enc(playbackId)}`, { media: media.join(','), lang: language });
  }

  async stopPlayback(playbackId: string): Promise<void> {
    const response = await this.rest.request('DELETE', `/playbacks/${enc(playbackId)}`, {}, 'stopPlayback');
    if (response.status === 404) return;
    expectSuccess(response, 'stopPlayback');
  }

  async playbackExists(playbackId: string): Promise<boolean> {
    const response = await this.rest.request('GET', `/playbacks/${enc(playbackId)}`, {}, 'getPlayback');
    if (response.status === 404) return false;
    expectSuccess(response, 'getPlayback');
    return true;
  }

  setVariable(channelId: string, name: string, value: string): Promise<void> {
    return this.channelOp(channelId, 'setVariable', 'POST', `/channels/${enc(channelId)}/variable`, { variable: name, value });
  }

  continueInDialplan(channelId: string, context: string, extension: string, priority: number): Promise<void> {
    return this.channelOp(channelId, 'continue', 'POST', `/channels/${enc(channelId)}/continue`, { context, extension, priority });
  }

  hangup(channelId: string): Promise<void> {
    return this.channelOp(channelId, 'hangup', 'DELETE', `/channels/${enc(channelId)}`);
  }

  async listChannels(): Promise<ChannelInfo[]> {
    const response = await this.rest.request('GET', '/channels', {}, 'listChannels');
    expectSuccess(response, 'listChannels');
    const list = Array.isArray(response.body) ? response.body : [];
    const channels: ChannelInfo[] = [];
    for (const item of list) {
      const channel = parseChannel(item);
      if (channel && channel.dialplan.appName === 'Stasis' && channel.dialplan.appData?.split(',')[0] === this.app) channels.push(channel);
    }
    return channels;
  }
}

function expectSuccess(response: AriResponse, operation: string): void {
  if (response.status >= 200 && response.status < 300) return;
  throw new TelephonyError(`${operation} failed: ${response.status} ${asteriskMessageOf(response.body)}`, operation, response.status);
}
