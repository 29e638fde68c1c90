import http, { type IncomingMessage } from 'node:http';
import type { AmiMessage } from '../src/simulator/ami/ami-message.js';
import type { AmiQueueBackend } from '../src/simulator/ami/ami-queue-backend.js';
import { AmiServer } from '../src/simulator/ami/ami-server.js';
import { AriServer } from '../src/simulator/ari/ari-server.js';
import { EventHub } from '../src/simulator/ari/event-hub.js';
import type { SimChannel } from '../src/simulator/pbx/channel.js';
import type { AriEventDraft } from '../src/simulator/pbx/event-ports.js';
import { Pbx } from '../src/simulator/pbx/pbx.js';
import type { LatencySamples, TrafficCounts } from './protocol.js';

/**
 * Timestamps, inside the simulator's process, ARI event frames as they are sent and ARI requests as
 * they arrive, without touching the simulator's files: EventHub.deliver, Pbx.continueInDialplan,
 * AmiServer.publish, AmiServer.setBackend and http.Server#emit('request') are wrapped on their prototypes (the simulator's own instances use them).
 * An event frame is stamped just before ws.send; a request as soon as Node has parsed its headers,
 * before express routes it.
 */
interface Track {
  stasisStartAt?: number;
  dtmfAt?: number;
  lastFinishedAt?: number;
  handOffCommandSeen?: boolean;
  heardFirstPrompt?: boolean;
}

export class SimProbe {
  samples: LatencySamples = emptySamples();
  counts: TrafficCounts = { ariRequests: 0, ariEvents: 0, amiEvents: 0 };
  private readonly tracks = new Map<string, Track>();
  private readonly playbackOwner = new Map<string, string>();
  /** Called once per channel, when its first prompt starts playing. */
  onFirstPrompt: (channelId: string) => void = () => undefined;
  /** Called when the app continues a channel into the dialplan (the hand-off to app_queue). */
  onHanded: (channelId: string) => void = () => undefined;
  /** Called with every AMI event just before its frame is written to the AMI sockets. */
  onAmiPublish: (event: AmiMessage) => void = () => undefined;
  /** The simulator's app_queue as AMI actions reach it (QueuePause…), for driving it without an AMI client. */
  queueBackend: AmiQueueBackend | undefined;

  reset(): void {
    this.samples = emptySamples();
    this.counts = { ariRequests: 0, ariEvents: 0, amiEvents: 0 };
    this.tracks.clear();
    this.playbackOwner.clear();
  }

  forget(channelId: string): void {
    this.tracks.delete(channelId);
  }

  private track(channelId: string): Track {
    let track = this.tracks.get(channelId);
    if (!track) {
      track = {};
      this.tracks.set(channelId, track);
    }
    return track;
  }

  event(draft: AriEventDraft, channel: SimChannel): void {
    const now = performance.now();
    switch (draft.type) {
      case 'StasisStart':
        this.track(channel.id).stasisStartAt ??= now;
        return;
      case 'ChannelDtmfReceived':
        this.track(channel.id).dtmfAt ??= now;
        return;
      case 'PlaybackStarted': {
        const track = this.track(channel.id);
        if (track.heardFirstPrompt) return;
        track.heardFirstPrompt = true;
        this.onFirstPrompt(channel.id);
        return;
      }
      case 'PlaybackFinished': {
        const playback = draft.body.playback as { state?: string } | undefined;
        if (playback?.state === 'done') this.track(channel.id).lastFinishedAt = now;
        return;
      }
    }
  }

  request(req: IncomingMessage): void {
    const now = performance.now();
    this.counts.ariRequests += 1;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const channelCommand = /^\/ari\/channels\/([^/]+)\/(answer|play|variable|continue)(?:\/([^/]+))?$/.exec(path);
    if (req.method === 'POST' && channelCommand) {
      const [, channelId = '', command, playbackId] = channelCommand;
      const track = this.tracks.get(channelId);
      if (command === 'play' && playbackId) this.playbackOwner.set(playbackId, channelId);
      if (!track) return;
      if (command === 'answer' && track.stasisStartAt !== undefined) {
        this.samples.stasisStartToAnswer.push(now - track.stasisStartAt);
        track.stasisStartAt = undefined;
      }
      if ((command === 'variable' || command === 'continue') && !track.handOffCommandSeen) {
        track.handOffCommandSeen = true;
        if (track.lastFinishedAt !== undefined) this.samples.playbackFinishedToHandOff.push(now - track.lastFinishedAt);
      }
      return;
    }
    const stop = /^\/ari\/playbacks\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && stop) {
      const channelId = this.playbackOwner.get(stop[1] ?? '') ?? '';
      const track = this.tracks.get(channelId);
      if (track?.dtmfAt !== undefined) {
        this.samples.dtmfToStopPlayback.push(now - track.dtmfAt);
        track.dtmfAt = undefined;
      }
    }
  }

  handed(channelId: string): void {
    this.onHanded(channelId);
  }

  /** Wraps the prototypes once per process. */
  install(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const probe = this;
    const deliver = EventHub.prototype.deliver;
    EventHub.prototype.deliver = function (this: EventHub, draft: AriEventDraft, channel: SimChannel) {
      probe.event(draft, channel);
      deliver.call(this, draft, channel);
    };
    // Counted as frames leave for a socket, after the application's eventFilter (what the app really parses).
    type FrameSender = { send(target: unknown, event: Record<string, unknown>): void };
    const hub = EventHub.prototype as unknown as FrameSender;
    const send = hub.send;
    hub.send = function (this: FrameSender, target: unknown, event: Record<string, unknown>) {
      probe.counts.ariEvents += 1;
      send.call(this, target, event);
    };
    const continueInDialplan = Pbx.prototype.continueInDialplan;
    Pbx.prototype.continueInDialplan = function (this: Pbx, channel, target) {
      continueInDialplan.call(this, channel, target);
      probe.handed(channel.id);
    };
    const publish = AmiServer.prototype.publish;
    AmiServer.prototype.publish = function (this: AmiServer, event) {
      probe.counts.amiEvents += 1;
      probe.onAmiPublish(event);
      publish.call(this, event);
    };
    const setBackend = AmiServer.prototype.setBackend;
    AmiServer.prototype.setBackend = function (this: AmiServer, backend: AmiQueueBackend) {
      probe.queueBackend = backend;
      setBackend.call(this, backend);
    };
    // REST over the events WebSocket (Asterisk 22.4+) reaches the routes without an HTTP 'request' event.
    type RestDispatcher = { dispatchRest(req: IncomingMessage, res: unknown): void };
    const ariServer = AriServer.prototype as unknown as RestDispatcher;
    const dispatchRest = ariServer.dispatchRest;
    ariServer.dispatchRest = function (this: RestDispatcher, req: IncomingMessage, res: unknown) {
      probe.request(req);
      dispatchRest.call(this, req, res);
    };
    const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
    http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'request') probe.request(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    } as typeof http.Server.prototype.emit;
  }
}

function emptySamples(): LatencySamples {
  return { stasisStartToAnswer: [], dtmfToStopPlayback: [], playbackFinishedToHandOff: [] };
}
