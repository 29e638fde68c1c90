import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../storage/time.js';

export interface SurveyCall {
  callId: string;
  ticketNumber: string | null;
  /** The caller pressed the consent key in the IVR (an IVR path event `survey-consent`). */
  consent: boolean;
}

const callSchema = z.object({ id: z.string(), ivr_path: z.string().nullable(), number: z.string().nullable() });

/** Read loosely: the path's full schema belongs to the IVR (src/requests/ticket-rows.ts); only the event matters here. */
function hasConsent(path: string | null): boolean {
  if (!path) return false;
  try {
    const steps: unknown = JSON.parse(path);
    return Array.isArray(steps) && steps.some((step) => typeof step === 'object' && step !== null && (step as { event?: unknown }).event === 'survey-consent');
  } catch {
    return false;
  }
}

export interface ScoreFigure {
  count: number;
  /** Mean score, two decimals; null without scores. */
  average: number | null;
}

export interface SurveyFigures {
  total: ScoreFigure;
  byAgent: Array<ScoreFigure & { agent: string; agentName: string | null }>;
  byQueue: Array<ScoreFigure & { queue: string }>;
}

const groupSchema = z.object({ count: z.coerce.number().int(), total: z.coerce.number() });

function figure(row: { count: number; total: number }): ScoreFigure {
  return { count: row.count, average: row.count === 0 ? null : Math.round((row.total / row.count) * 100) / 100 };
}

/** The survey's storage: who may be asked, the score on the call and its ticket, and the averages. */
export class KnexSurveyStore {
  constructor(private readonly db: Knex) {}

  /** One indexed SELECT by channel id (the caller is waiting in silence meanwhile). */
  async lookup(channelId: string): Promise<SurveyCall | undefined> {
    const row: unknown = await this.db('calls')
      .leftJoin('tickets', 'tickets.id', 'calls.ticket_id')
      .where('calls.channel_id', channelId)
      .first('calls.id', 'calls.ivr_path', 'tickets.number');
    if (row === undefined) return undefined;
    const call = callSchema.parse(row);
    return { callId: call.id, ticketNumber: call.number, consent: hasConsent(call.ivr_path) };
  }

  /**
   * The score on the call and on its ticket, keyed by the channel id: the first score of a call stays (a retried
   * write, or a second survey on the same channel, changes nothing). Returns whether this write set it.
   */
  async recordScore(channelId: string, score: number, at: Date): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const updated = await trx('calls').where({ channel_id: channelId }).whereNull('survey_score').update({ survey_score: score, survey_at: toDbTime(at), updated_at: toDbTime(at) });
      if (updated === 0) return false;
      await trx('tickets')
        .whereIn('id', trx('calls').select('ticket_id').where({ channel_id: channelId }).whereNotNull('ticket_id'))
        .update({ survey_score: score });
      return true;
    });
  }

  /** Average score and count per agent, per queue and in all, of the calls scored in [from, to). */
  async figures(from: Date, to: Date): Promise<SurveyFigures> {
    const scored = () => this.db('calls').whereNotNull('survey_score').where('survey_at', '>=', toDbTime(from)).where('survey_at', '<', toDbTime(to));
    const aggregates = (query: Knex.QueryBuilder) => query.count({ count: '*' }).sum({ total: 'survey_score' });
    const [totalRows, agentRows, queueRows] = await Promise.all([
      aggregates(scored()),
      aggregates(scored().whereNotNull('agent').select('agent').max({ agent_name: 'agent_name' }).groupBy('agent')),
      aggregates(scored().whereNotNull('queue').select('queue').groupBy('queue')),
    ]);
    const total = groupSchema.parse({ count: 0, total: 0, ...(totalRows as unknown[])[0] as object });
    return {
      total: figure({ count: total.count, total: total.total || 0 }),
      byAgent: (agentRows as unknown[])
        .map((raw) => {
          const row = groupSchema.extend({ agent: z.string(), agent_name: z.string().nullable() }).parse(raw);
          return { agent: row.agent, agentName: row.agent_name, ...figure(row) };
        })
        .sort((a, b) => (a.agentName ?? a.agent).localeCompare(b.agentName ?? b.agent, 'tr')),
      byQueue: (queueRows as unknown[])
        .map((raw) => {
          const row = groupSchema.extend({ queue: z.string() }).parse(raw);
          return { queue: row.queue, ...figure(row) };
        })
        .sort((a, b) => a.queue.localeCompare(b.queue, 'tr')),
    };
  }
}
