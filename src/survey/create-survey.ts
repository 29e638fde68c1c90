import type { Knex } from 'knex';
import type { IvrDefinition } from '../ivr/types.js';
import { ticketNumberPrompts } from '../ivr/turkish-numerals.js';
import type { Logger } from '../logging/logger.js';
import type { Shift } from '../queues/istanbul-time.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import type { CallControl, TelephonyEvent } from '../telephony/ports.js';
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
}

export interface Survey {
  store: KnexSurveyStore;
  writer: ScoreWriter;
  /** The wallboard's `survey` stream (averages per agent and queue over the counting window), refreshed after each score. */
  publish(hub: StreamHub, shifts: readonly Shift[]): SurveyStream;
  /** The ARI events of channels back from the queue (StasisStart args `after-queue`, then theirs). */
  handle(event: TelephonyEvent): void;
  readonly size: number;
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
    async stop() {
      await Promise.all([...sessions.values()].map((session) => session.abort()));
      await writer.drain();
      await stream?.stop();
    },
  };
}
