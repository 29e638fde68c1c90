import { Histogram, type Registry } from 'prom-client';
import type { CallControl, ChannelInfo, TelephonyEvent } from '../../telephony/ports.js';

/** Seconds: the call path's targets are a few ms (README, performance); a held outbox barrier shows as ≥ 0.1. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

type Pair = 'stasis_start_to_answer' | 'dtmf_to_stop_playback' | 'playback_finished_to_hand_off';

/**
 * ARI event received → the command it causes, for the three pairs `npm run bench` measures (bench/sim-probe.ts),
 * each unambiguous: StasisStart → answer, a DTMF → stopping the prompt it interrupts, the last prompt's
 * PlaybackFinished → the hand-off (the first setVariable/continue). Other commands are not paired: a prompt after
 * a no-input timeout is caused by a timer, not by the event before it.
 *
 * `stamp` wraps the ARI listener (the stamp is taken before the sessions see the event); `control` wraps the
 * CallControl beneath the outbox barrier, so a held hand-off counts. Per event: a Map write on an existing key
 * and a number; per paired command: a Map read and one histogram observe.
 */
export class CommandLatency {
  private readonly started = new Map<string, number>();
  private readonly dtmf = new Map<string, number>();
  private readonly finished = new Map<string, number>();
  /** The channel of each prompt playing: a stopPlayback names only the playback. */
  private readonly playbackChannel = new Map<string, string>();
  private readonly observe: Record<Pair, (seconds: number) => void>;

  constructor(registry: Registry, private readonly now: () => number = () => performance.now()) {
    const histogram = new Histogram({
      name: 'alo153_ari_event_to_command_seconds',
      help: 'Time from an ARI event received to the command it causes (pair: stasis_start_to_answer, dtmf_to_stop_playback, playback_finished_to_hand_off)',
      labelNames: ['pair'] as const,
      buckets: BUCKETS,
      registers: [registry],
    });
    // Children bound once: observing then builds no label key.
    const child = (pair: Pair) => {
      const bound = histogram.labels({ pair });
      return (seconds: number) => bound.observe(seconds);
    };
    this.observe = {
      stasis_start_to_answer: child('stasis_start_to_answer'),
      dtmf_to_stop_playback: child('dtmf_to_stop_playback'),
      playback_finished_to_hand_off: child('playback_finished_to_hand_off'),
    };
  }

  stamp(listener: (event: TelephonyEvent) => void): (event: TelephonyEvent) => void {
    return (event) => {
      this.record(event);
      listener(event);
    };
  }

  record(event: TelephonyEvent): void {
    switch (event.type) {
      case 'stasisStart':
        this.started.set(event.channel.id, this.now());
        break;
      case 'dtmf':
        this.dtmf.set(event.channelId, this.now());
        break;
      case 'playbackFinished':
        this.playbackChannel.delete(event.playbackId);
        this.finished.set(event.channelId, this.now());
        break;
      case 'stasisEnd':
      case 'channelDestroyed':
        this.forget(event.channelId);
        break;
      default:
        break;
    }
  }

  /** Channels with a stamp kept (for the tests: a call that ended leaves none). */
  get tracked(): number {
    return new Set([...this.started.keys(), ...this.dtmf.keys(), ...this.finished.keys()]).size + this.playbackChannel.size;
  }

  control(inner: CallControl): CallControl {
    return {
      answer: (channelId) => {
        this.pair(this.started, channelId, 'stasis_start_to_answer');
        this.started.delete(channelId);
        return inner.answer(channelId);
      },
      play: (channelId, playbackId, media, language) => {
        this.playbackChannel.set(playbackId, channelId);
        // A new prompt: the hand-off that may follow is that prompt's, not the earlier one's.
        this.finished.set(channelId, NaN);
        return inner.play(channelId, playbackId, media, language);
      },
      stopPlayback: (playbackId) => {
        const channelId = this.playbackChannel.get(playbackId);
        if (channelId !== undefined) {
          this.playbackChannel.delete(playbackId);
          this.pair(this.dtmf, channelId, 'dtmf_to_stop_playback');
        }
        return inner.stopPlayback(playbackId);
      },
      playbackExists: (playbackId) => inner.playbackExists(playbackId),
      setVariable: (channelId, name, value) => {
        this.pair(this.finished, channelId, 'playback_finished_to_hand_off');
        return inner.setVariable(channelId, name, value);
      },
      continueInDialplan: (channelId, context, extension, priority) => {
        this.pair(this.finished, channelId, 'playback_finished_to_hand_off');
        return inner.continueInDialplan(channelId, context, extension, priority);
      },
      hangup: (channelId) => inner.hangup(channelId),
      listChannels: (): Promise<ChannelInfo[]> => inner.listChannels(),
    };
  }

  /** Observes once per stamp: the stamp is spent (NaN, the entry kept for the channel's next event). */
  private pair(stamps: Map<string, number>, channelId: string, pair: Pair): void {
    const at = stamps.get(channelId);
    if (at === undefined || Number.isNaN(at)) return;
    stamps.set(channelId, NaN);
    this.observe[pair]((this.now() - at) / 1000);
  }

  private forget(channelId: string): void {
    this.started.delete(channelId);
    this.dtmf.delete(channelId);
    this.finished.delete(channelId);
    // A prompt cut by the hang-up may never report its end: a scan of the few playing now, once per call.
    for (const [playbackId, channel] of this.playbackChannel) if (channel === channelId) this.playbackChannel.delete(playbackId);
  }
}
