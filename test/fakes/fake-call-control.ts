import { ChannelGoneError, TelephonyError, type CallControl, type ChannelInfo } from '../../src/telephony/ports.js';

export type ControlCall =
  | { op: 'answer'; channelId: string }
  | { op: 'play'; channelId: string; playbackId: string; media: string[]; language: string }
  | { op: 'stopPlayback'; playbackId: string }
  | { op: 'setVariable'; channelId: string; name: string; value: string }
  | { op: 'continue'; channelId: string; context: string; extension: string; priority: number }
  | { op: 'hangup'; channelId: string };

/** Records every command; channels can be made to vanish (404/409) and operations to fail. */
export class FakeCallControl implements CallControl {
  readonly calls: ControlCall[] = [];
  readonly gone = new Map<string, 404 | 409>();
  readonly failing = new Map<string, number>();
  channels: ChannelInfo[] = [];
  /** Called after a command is recorded, e.g. to emit events synchronously like Asterisk does. */
  onCommand: (call: ControlCall) => void = () => undefined;

  private async run(call: ControlCall, channelId: string): Promise<void> {
    await Promise.resolve();
    const status = this.gone.get(channelId);
    if (status) throw new ChannelGoneError(channelId, status, call.op);
    const failures = this.failing.get(call.op) ?? 0;
    if (failures > 0) {
      this.failing.set(call.op, failures - 1);
      throw new TelephonyError(`${call.op} failed (injected)`, call.op, 500);
    }
    this.calls.push(call);
    this.onCommand(call);
  }

  answer(channelId: string): Promise<void> {
    return this.run({ op: 'answer', channelId }, channelId);
  }
  play(channelId: string, playbackId: string, media: readonly string[], language: string): Promise<void> {
    return this.run({ op: 'play', channelId, playbackId, media: [...media], language }, channelId);
  }
  stopPlayback(playbackId: string): Promise<void> {
    return this.run({ op: 'stopPlayback', playbackId }, '');
  }
  /** Playback ids Asterisk no longer has (finished while we were not listening). */
  readonly finishedPlaybacks = new Set<string>();
  async playbackExists(playbackId: string): Promise<boolean> {
    return !this.finishedPlaybacks.has(playbackId);
  }
  setVariable(channelId: string, name: string, value: string): Promise<void> {
    return this.run({ op: 'setVariable', channelId, name, value }, channelId);
  }
  continueInDialplan(channelId: string, context: string, extension: string, priority: number): Promise<void> {
    return this.run({ op: 'continue', channelId, context, extension, priority }, channelId);
  }
  hangup(channelId: string): Promise<void> {
    return this.run({ op: 'hangup', channelId }, channelId);
  }
  async listChannels(): Promise<ChannelInfo[]> {
    return this.channels;
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }

  plays(): Array<Extract<ControlCall, { op: 'play' }>> {
    return this.calls.filter((c): c is Extract<ControlCall, { op: 'play' }> => c.op === 'play');
  }
}

export function fakeChannel(id: string, number = '05321234567'): ChannelInfo {
  return {
    id,
    name: `PJSIP/citizen-${id.replace('.', '')}`,
    state: 'Ring',
    caller: { name: '', number },
    language: 'tr',
    creationTime: '2026-11-28T18:01:23.618+0000',
    dialplan: { context: 'alo153-inbound', exten: '153', priority: 3, appName: 'Stasis', appData: 'alo153,inbound' },
  };
}
