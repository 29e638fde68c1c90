import { z } from 'zod';
import type { ChannelInfo, TelephonyEvent } from '../ports.js';

/** The ARI event types the call path consumes; everything else on the socket is noise to us. */
export const CONSUMED_ARI_EVENTS = [
  'StasisStart',
  'StasisEnd',
  'ChannelDtmfReceived',
  'PlaybackStarted',
  'PlaybackFinished',
  'ChannelHangupRequest',
  'ChannelDestroyed',
  'ChannelStateChange',
] as const;

const channelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  state: z.string(),
  caller: z.object({ name: z.string(), number: z.string() }),
  language: z.string().default('en'),
  creationtime: z.string(),
  dialplan: z
    .object({ context: z.string(), exten: z.string(), priority: z.number(), app_name: z.string().optional(), app_data: z.string().optional() })
    .default({ context: '', exten: '', priority: 0 }),
});

const playbackSchema = z.object({ id: z.string().min(1), target_uri: z.string(), state: z.string() });

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('StasisStart'), timestamp: z.string(), args: z.array(z.string()).default([]), channel: channelSchema }),
  z.object({ type: z.literal('StasisEnd'), timestamp: z.string(), channel: channelSchema }),
  z.object({ type: z.literal('ChannelDtmfReceived'), timestamp: z.string(), digit: z.string(), duration_ms: z.number(), channel: channelSchema }),
  z.object({ type: z.literal('PlaybackStarted'), timestamp: z.string(), playback: playbackSchema }),
  z.object({ type: z.literal('PlaybackFinished'), timestamp: z.string(), playback: playbackSchema }),
  z.object({
    type: z.literal('ChannelHangupRequest'),
    timestamp: z.string(),
    cause: z.number().optional(),
    soft: z.boolean().optional(),
    channel: channelSchema,
  }),
  z.object({ type: z.literal('ChannelDestroyed'), timestamp: z.string(), cause: z.number(), cause_txt: z.string(), channel: channelSchema }),
  z.object({ type: z.literal('ChannelStateChange'), timestamp: z.string(), channel: channelSchema }),
]);

export function toChannelInfo(raw: z.infer<typeof channelSchema>): ChannelInfo {
  return {
    id: raw.id,
    name: raw.name,
    state: raw.state,
    caller: { name: raw.caller.name, number: raw.caller.number },
    language: raw.language,
    creationTime: raw.creationtime,
    dialplan: {
      context: raw.dialplan.context,
      exten: raw.dialplan.exten,
      priority: raw.dialplan.priority,
      appName: raw.dialplan.app_name,
      appData: raw.dialplan.app_data,
    },
  };
}

export function parseChannel(raw: unknown): ChannelInfo | undefined {
  const result = channelSchema.safeParse(raw);
  return result.success ? toChannelInfo(result.data) : undefined;
}

/** Playback targets look like `channel:1795888883.0` (or `bridge:...`, which the call path never uses). */
function channelOfTarget(targetUri: string): string {
  return targetUri.startsWith('channel:') ? targetUri.slice('channel:'.length) : '';
}

/** Turns a raw ARI event into the core's shape; `undefined` (with the reason) when it does not validate. */
export function normaliseAriEvent(raw: unknown): { event: TelephonyEvent } | { error: string } {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const e = parsed.data;
  switch (e.type) {
    case 'StasisStart':
      return { event: { type: 'stasisStart', channel: toChannelInfo(e.channel), args: e.args, timestamp: e.timestamp } };
    case 'StasisEnd':
      return { event: { type: 'stasisEnd', channelId: e.channel.id, timestamp: e.timestamp } };
    case 'ChannelDtmfReceived':
      return { event: { type: 'dtmf', channelId: e.channel.id, digit: e.digit, durationMs: e.duration_ms, timestamp: e.timestamp } };
    case 'PlaybackStarted':
      return { event: { type: 'playbackStarted', playbackId: e.playback.id, channelId: channelOfTarget(e.playback.target_uri), timestamp: e.timestamp } };
    case 'PlaybackFinished':
      return {
        event: {
          type: 'playbackFinished',
          playbackId: e.playback.id,
          channelId: channelOfTarget(e.playback.target_uri),
          state: e.playback.state,
          timestamp: e.timestamp,
        },
      };
    case 'ChannelHangupRequest':
      return { event: { type: 'hangupRequest', channelId: e.channel.id, cause: e.cause, soft: e.soft, timestamp: e.timestamp } };
    case 'ChannelDestroyed':
      return { event: { type: 'channelDestroyed', channelId: e.channel.id, cause: e.cause, causeText: e.cause_txt, timestamp: e.timestamp } };
    case 'ChannelStateChange':
      return { event: { type: 'channelStateChange', channelId: e.channel.id, state: e.channel.state, timestamp: e.timestamp } };
  }
}
