import { join } from 'node:path';
import type { SimChannel } from './channel.js';
import { ariTimestamp } from './ids.js';
import type { Pbx } from './pbx.js';
import { cachedWavDurationMs } from './wav.js';

export type PlaybackState = 'queued' | 'playing' | 'continuing' | 'paused' | 'done' | 'failed';

export interface PlaybackJson {
  id: string;
  media_uri: string;
  next_media_uri?: string;
  target_uri: string;
  language: string;
  state: PlaybackState;
}

interface Playback {
  id: string;
  channel: SimChannel;
  media: string[];
  index: number;
  language: string;
  state: PlaybackState;
  stopRequested: boolean;
  cancelTimer?: () => void;
  remainingMs?: number;
  startedAtReal?: number;
}

export type ControlResult = 'ok' | 'invalid-operation' | 'not-playing';

/** Channel playbacks with Asterisk's states and events (README fact 10): one plays at a time, others queue. */
export class PlaybackManager {
  private readonly byId = new Map<string, Playback>();
  private readonly queues = new Map<string, Playback[]>();

  constructor(
    private readonly pbx: Pbx,
    private readonly soundsDir: string,
  ) {}

  json(playback: Playback): PlaybackJson {
    const next = playback.media[playback.index + 1];
    return {
      id: playback.id,
      media_uri: playback.media[playback.index] ?? '',
      ...(next !== undefined ? { next_media_uri: next } : {}),
      target_uri: `channel:${playback.channel.id}`,
      language: playback.language,
      state: playback.state,
    };
  }

  get(id: string): PlaybackJson | undefined {
    const playback = this.byId.get(id);
    return playback ? this.json(playback) : undefined;
  }

  /** Queues a playback; the 201 body shows `queued` and PlaybackStarted follows asynchronously. */
  play(channel: SimChannel, id: string, media: string[], language: string): PlaybackJson {
    const playback: Playback = { id, channel, media, index: 0, language, state: 'queued', stopRequested: false };
    this.byId.set(id, playback);
    let queue = this.queues.get(channel.id);
    if (!queue) {
      queue = [];
      this.queues.set(channel.id, queue);
      channel.onHangup(() => this.failAll(channel));
    }
    queue.push(playback);
    const snapshot = this.json(playback);
    if (queue.length === 1) setImmediate(() => void this.startItem(playback));
    return snapshot;
  }

  private emit(playback: Playback, type: string): void {
    this.pbx.router.deliver({ type, timestamp: ariTimestamp(), body: { playback: this.json(playback) } }, playback.channel);
  }

  private async startItem(playback: Playback): Promise<void> {
    const channel = playback.channel;
    if (channel.gone || channel.hangingUp || playback.state === 'done' || playback.state === 'failed') return;
    if (playback.stopRequested) return this.finish(playback, 'done');
    const uri = playback.media[playback.index] ?? '';
    playback.state = 'playing';
    this.emit(playback, 'PlaybackStarted');
    // After the event, so a caller reacting to the prompt (a hang-up) raises its events in Asterisk's order.
    channel.notifyPrompt(uri);
    const durationMs = await this.durationOf(uri, playback.language);
    if (playback.state !== 'playing' || channel.gone) return;
    if (durationMs === 'unknown-scheme') {
      // Asterisk accepts an unknown scheme, starts it and never finishes it; the playback object is gone at once (06).
      this.byId.delete(playback.id);
      return this.advanceQueue(playback);
    }
    if (durationMs === null) return this.finish(playback, 'failed');
    this.runTimer(playback, durationMs);
  }

  private runTimer(playback: Playback, durationMs: number): void {
    playback.remainingMs = durationMs;
    playback.startedAtReal = Date.now();
    playback.cancelTimer = this.pbx.timers.schedule(durationMs, () => this.itemEnded(playback));
  }

  private itemEnded(playback: Playback): void {
    playback.cancelTimer = undefined;
    if (playback.index + 1 < playback.media.length) {
      playback.state = 'continuing';
      this.emit(playback, 'PlaybackContinuing');
      playback.index++;
      void this.startItem(playback);
      return;
    }
    this.finish(playback, 'done');
  }

  private async durationOf(uri: string, language: string): Promise<number | null | 'unknown-scheme'> {
    const colon = uri.indexOf(':');
    const scheme = colon >= 0 ? uri.slice(0, colon) : '';
    const path = uri.slice(colon + 1);
    if (scheme === 'silence') return Number(path) * 1000 || 0;
    if (scheme === 'tone') return 1000;
    if (scheme === 'digits' || scheme === 'number') return 400 * path.length;
    if (scheme !== 'sound') return 'unknown-scheme';
    return this.soundDurationMs(path, language);
  }

  /** Real duration of `<sounds>/<lang>/<path>.wav`; null when the prompt does not exist. */
  soundDurationMs(path: string, language: string): Promise<number | null> {
    return cachedWavDurationMs(join(this.soundsDir, language, `${path}.wav`));
  }

  private finish(playback: Playback, state: 'done' | 'failed'): void {
    playback.cancelTimer?.();
    playback.state = state;
    this.emit(playback, 'PlaybackFinished');
    this.byId.delete(playback.id);
    this.advanceQueue(playback);
  }

  private advanceQueue(playback: Playback): void {
    const queue = this.queues.get(playback.channel.id);
    if (!queue) return;
    const index = queue.indexOf(playback);
    if (index >= 0) queue.splice(index, 1);
    const next = queue[0];
    if (next && !playback.channel.gone && !playback.channel.hangingUp) void this.startItem(next);
  }

  /** DELETE /playbacks/{id}: PlaybackFinished `done` is delivered before the 204 (07). */
  stop(id: string): boolean {
    const playback = this.byId.get(id);
    if (!playback) return false;
    if (playback.state === 'queued') playback.stopRequested = true;
    else this.finish(playback, 'done');
    return true;
  }

  control(id: string, operation: string): ControlResult | 'not-found' {
    const playback = this.byId.get(id);
    if (!playback) return 'not-found';
    if (!['pause', 'unpause', 'restart', 'reverse', 'forward'].includes(operation)) return 'invalid-operation';
    if (operation === 'pause' && playback.state === 'playing' && playback.cancelTimer) {
      playback.cancelTimer();
      playback.cancelTimer = undefined;
      playback.remainingMs = Math.max(0, (playback.remainingMs ?? 0) - this.pbx.timers.simElapsedMs(playback.startedAtReal ?? Date.now()));
      playback.state = 'paused';
    } else if (operation === 'unpause' && playback.state === 'paused') {
      playback.state = 'playing';
      this.runTimer(playback, playback.remainingMs ?? 0);
    }
    return 'ok';
  }

  /** A hangup fails the running playback (02) and drops the queued ones. */
  private failAll(channel: SimChannel): void {
    const queue = this.queues.get(channel.id) ?? [];
    this.queues.delete(channel.id);
    const current = queue[0];
    for (const playback of queue) this.byId.delete(playback.id);
    if (current && (current.state === 'playing' || current.state === 'paused' || current.state === 'continuing')) {
      current.cancelTimer?.();
      current.state = 'failed';
      this.emit(current, 'PlaybackFinished');
    }
  }
}
