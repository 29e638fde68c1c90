import type { Knex } from 'knex';
import type { IvrDefinition } from '../ivr/types.js';
import { ticketNumberPrompts } from '../ivr/turkish-numerals.js';
import type { Logger } from '../logging/logger.js';
import type { Shift } from '../queues/istanbul-time.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import type { CallControl, TelephonyEvent } from '../telephony/ports.js';
import { stasisRouteOfAppData } from '../telephony/stasis-route.js';
import { ScoreWriter } from './score-writer.js';
import type { SurveyPrompts } from './survey-machine.js';
import { SurveySession } from './survey-session.js';
import { KnexSurveyStore } from './survey-store.js';
import { SurveyStream } from './survey-stream.js';

/** The survey's prompts in dialplans/sounds/tr/alo153 (manifest.json). */
export const SURVEY_PROMPTS: SurveyPrompts = {
  ticketNumber: 'ticket-number',
  question: 'survey-question',
  invalid: 'invalid',
  thanks: 'survey-thanks',
  goodbye: 'goodbye',
};

export interface SurveyDeps {
  db: Knex;
  control: CallControl;
  ivr: IvrDefinition;
  config: { digitTimeoutMs: number };
  logger: Logger;
  lookupTimeoutMs?: number;
  maxDurationMs?: number;
  /** How long reconcile waits for StasisStart events in flight before judging listed channels. */
  adoptGraceMs?: number;
}

export interface Survey {
  store: KnexSurveyStore;
  writer: ScoreWriter;
  /** The wallboard's `survey` stream (averages per agent and queue over the counting window), refreshed after each score. */
  publish(hub: StreamHub, shifts: readonly Shift[]): SurveyStream;
  /** The ARI events of channels back from the queue (StasisStart args `after-queue`, then theirs). */
  handle(event: TelephonyEvent): void;
  readonly size: number;
  /**
   * After ARI (re)connects: a survey whose channel is gone ends; a caller left in Stasis(after-queue) by an earlier
   * process (or whose StasisStart was lost) is hung up: they heard their number, and must not wait in silence.
   */
  reconcile(): Promise<{ hungUp: number; vanished: number }>;
  /** The survey's phase and questions asked for a channel back from the queue, while its session lives (tests). */
  progress(channelId: string): SurveySession['progress'] | undefined;
  stop(): Promise<void>;
}

export function createSurvey(deps: SurveyDeps): Survey {
  const logger = deps.logger.child({ component: 'survey' });
  const store = new KnexSurveyStore(deps.db);
  // Filled by publish(hub): the call path (and so this) exists before the hub.
  let stream: SurveyStream | undefined;
  const writer = new ScoreWriter({ write: (channelId, score, at) => store.recordScore(channelId, score, at), landed: () => void stream?.refresh(), logger });
  const sessions = new Map<string, SurveySession>();
  const pause = deps.ivr.prompts.pause;

  return {
    store,
    writer,
    publish(hub, shifts) {
      stream = new SurveyStream(hub, store, shifts, logger);
      stream.start();
      return stream;
    },
    get size() {
      return sessions.size;
    },
    progress: (channelId) => sessions.get(channelId)?.progress,
    handle(event) {
      if (event.type === 'stasisStart') {
        // One channel, one survey: a repeated StasisStart (a replayed frame) is ignored.
        if (sessions.has(event.channel.id)) return;
        const session = new SurveySession(event.channel, {
          control: deps.control,
          lookup: (channelId) => store.lookup(channelId),
          recordScore: (channelId, score) => writer.record(channelId, score),
          numberPrompts: (number) => ticketNumberPrompts(number, pause),
          prompts: SURVEY_PROMPTS,
          soundPrefix: deps.ivr.soundPrefix,
          language: deps.ivr.language,
          digitTimeoutMs: deps.config.digitTimeoutMs,
          lookupTimeoutMs: deps.lookupTimeoutMs ?? 1500,
          maxDurationMs: deps.maxDurationMs ?? 120_000,
          logger,
          onEnded: (ended) => {
            if (sessions.get(ended.channel.id) === ended) sessions.delete(ended.channel.id);
          },
        });
        sessions.set(event.channel.id, session);
        void session.start();
        return;
      }
      sessions.get(event.channelId)?.handle(event);
    },
    async reconcile() {
      const known = [...sessions.values()];
      const channels = (await deps.control.listChannels()).filter((channel) => stasisRouteOfAppData(channel.dialplan.appData).kind === 'after-queue');
      const present = new Set(channels.map((channel) => channel.id));
      let vanished = 0;
      for (const session of known) {
        if (present.has(session.channel.id)) continue;
        vanished += 1;
        session.handle({ type: 'channelDestroyed', channelId: session.channel.id, cause: 0, causeText: 'vanished', timestamp: new Date().toISOString() });
      }
      await new Promise((resolve) => setTimeout(resolve, deps.adoptGraceMs ?? 1000));
      let hungUp = 0;
      for (const channel of channels) {
        if (sessions.has(channel.id)) continue;
        hungUp += 1;
        await deps.control.hangup(channel.id).catch(() => undefined);
      }
      if (hungUp + vanished > 0) logger.warn('survey reconciled', { hungUp, vanished });
      return { hungUp, vanished };
    },
    async stop() {
      await Promise.all([...sessions.values()].map((session) => session.abort()));
      await writer.drain();
      await stream?.stop();
    },
  };
}
