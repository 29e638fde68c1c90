import type { AriClient } from 'ari-client';
import { TelephonyError, type CallControl, type ChannelInfo } from '../ports.js';
import { classifyChannelError, isPlaybackGone, withTimeout } from './ari-errors.js';
import { parseChannel } from './ari-events.js';

/** CallControl over ari-client's REST operations, with a timeout on each (ari-client has none). */
export class AriCallControl implements CallControl {
  constructor(
    private readonly getClient: () => AriClient | undefined,
    private readonly app: string,
    private readonly timeoutMs: number,
  ) {}

  private client(operation: string): AriClient {
    const client = this.getClient();
    if (!client) throw new TelephonyError(`${operation}: ARI is not connected`, operation);
    return client;
  }

  private async channelOp(channelId: string, operation: string, run: (client: AriClient) => Promise<unknown>): Promise<void> {
    try {
      await withTimeout(run(this.client(operation)), this.timeoutMs, operation);
    } catch (error) {
      throw classifyChannelError(error, channelId, operation);
    }
  }

  answer(channelId: string): Promise<void> {
    return this.channelOp(channelId, 'answer', (c) => c.channels.answer!({ channelId }));
  }

  play(channelId: string, playbackId: string, media: readonly string[], language: string): Promise<void> {
    // Asterisk takes a media list as one comma-separated parameter.
    return this.channelOp(channelId, 'play', (c) => c.channels.playWithId!({ channelId, playbackId, media: media.join(','), lang: language }));
  }

  async stopPlayback(playbackId: string): Promise<void> {
    try {
      await withTimeout(this.client('stopPlayback').playbacks.stop!({ playbackId }), this.timeoutMs, 'stopPlayback');
    } catch (error) {
      if (isPlaybackGone(error)) return;
      throw classifyChannelError(error, '', 'stopPlayback');
    }
  }

  async playbackExists(playbackId: string): Promise<boolean> {
    try {
      await withTimeout(this.client('getPlayback').playbacks.get!({ playbackId }), this.timeoutMs, 'getPlayback');
      return true;
    } catch (error) {
      if (isPlaybackGone(error)) return false;
      throw classifyChannelError(error, '', 'getPlayback');
    }
  }

  setVariable(channelId: string, name: string, value: string): Promise<void> {
    return this.channelOp(channelId, 'setVariable', (c) => c.channels.setChannelVar!({ channelId, variable: name, value }));
  }

  continueInDialplan(channelId: string, context: string, extension: string, priority: number): Promise<void> {
    return this.channelOp(channelId, 'continue', (c) => c.channels.continueInDialplan!({ channelId, context, extension, priority }));
  }

  hangup(channelId: string): Promise<void> {
    return this.channelOp(channelId, 'hangup', (c) => c.channels.hangup!({ channelId }));
  }

  async listChannels(): Promise<ChannelInfo[]> {
    const raw = await withTimeout(this.client('listChannels').channels.list!(), this.timeoutMs, 'listChannels');
    const list = Array.isArray(raw) ? raw : [];
    const channels: ChannelInfo[] = [];
    for (const item of list) {
      // ari-client wraps each as a Channel resource whose own fields are the JSON's.
      const channel = parseChannel(item);
      if (channel && channel.dialplan.appName === 'Stasis' && channel.dialplan.appData?.split(',')[0] === this.app) channels.push(channel);
    }
    return channels;
  }
}
