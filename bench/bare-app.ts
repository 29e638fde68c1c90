import { randomUUID } from 'node:crypto';
import ari from 'ari-client';

/**
 * The floor alo153 is compared with: a bare ari-client application that answers, plays one
 * prompt and continues the call into the same queue extension. No IVR, no tickets, no logging,
 * no AMI, no validation of events.
 */
export interface BareApp {
  /** Calls answered whose prompt has not finished yet. */
  readonly live: number;
  stop(): void;
}

interface BareEvent {
  channel?: { id?: string };
  playback?: { id?: string; state?: string };
}

export async function startBareApp(url: string, username: string, password: string, app: string): Promise<BareApp> {
  // swagger-client prints a deprecation notice through an implicit global `log` on connect; keep the output clean.
  (globalThis as { log?: unknown }).log = (): void => undefined;
  const client = await ari.connect(url, username, password);
  const channelOfPlayback = new Map<string, string>();
  const ignore = (): void => undefined;

  client.on('StasisStart', (event: BareEvent) => {
    const channelId = event.channel?.id;
    if (!channelId) return;
    const playbackId = `bare-${randomUUID()}`;
    channelOfPlayback.set(playbackId, channelId);
    client.channels
      .answer!({ channelId })
      .then(() => client.channels.playWithId!({ channelId, playbackId, media: 'sound:alo153/welcome', lang: 'tr' }))
      .catch(() => channelOfPlayback.delete(playbackId));
  });

  client.on('PlaybackFinished', (event: BareEvent) => {
    const playbackId = event.playback?.id ?? '';
    const channelId = channelOfPlayback.get(playbackId);
    if (!channelId) return;
    channelOfPlayback.delete(playbackId);
    if (event.playback?.state !== 'done') return;
    client.channels.continueInDialplan!({ channelId, context: 'alo153-queues', extension: 'alo153-genel', priority: 1 }).catch(ignore);
  });

  await client.start(app);
  return {
    get live() {
      return channelOfPlayback.size;
    },
    stop: () => {
      client.removeAllListeners();
      client.on('error', ignore);
      client.stop();
    },
  };
}
