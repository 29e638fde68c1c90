import { z } from 'zod';
import { sum, type Engine } from '../calls/call-filter.js';

/**
 * The agents report's SQL (agents-report.ts runs it). Calls: the answered calls of the period per member interface
 * (calls.agent), read in index order from calls_report_agent_idx; handled = talk time known, AHT as the
 * wallboard's: (talk + the queue's configured wrap-up) ÷ handled; the survey: the calls' 1–5 scores.
 */
export const agentCallsSql = (filters: string, wrap: string): string =>
  `select agent, max(agent_name) as agent_name, cast(count(*) as integer) as answered, cast(count(talk_s) as integer) as handled,
    coalesce(sum(talk_s), 0) as talk_sum, coalesce(sum(case when talk_s is not null then ${wrap} else 0 end), 0) as wrap_sum,
    cast(count(survey_score) as integer) as survey_n, coalesce(sum(survey_score), 0) as survey_sum
  from calls where agent is not null and started_at >= :from and started_at < :to and outcome = 'answered' and ${filters}
  group by agent`;
export const agentCallsRow = z.object({
  agent: z.string(),
  agent_name: z.string().nullable(),
  answered: sum,
  handled: sum,
  talk_sum: sum,
  wrap_sum: sum,
  survey_n: sum,
  survey_sum: sum,
});

/**
 * Desk time from agent_sessions, each event starting a segment that lasts until the user's next event: after
 * `login` or `unpause` the agent is logged in and ready, after `pause` logged in on a break (its reason), after
 * `logout` out. The events of [from, end) plus each user's last event before `from` (the state the period opens
 * in), each segment clipped to [from, end): end is the period's end, or now while the period lasts, so a session
 * still open counts until then. Durations in whole ms from the stored text, per engine; the sums agree exactly.
 */
export function sessionsSql(engine: Engine, userFilter: string): string {
  const later = engine === 'pg' ? 'greatest' : 'max';
  const ms =
    engine === 'pg'
      ? 'cast(round(extract(epoch from (cast(b as timestamptz) - cast(a as timestamptz))) * 1000) as bigint)'
      : 'cast(round((julianday(b) - julianday(a)) * 86400000) as integer)';
  const events =
    `select s.user_id, s.id, s.kind, s.reason, s.at from agent_sessions s where s.at >= :from and s.at < :end${userFilter ? ` and s.user_id = ${userFilter}` : ''} ` +
    'union all select s.user_id, s.id, s.kind, s.reason, s.at from users u join agent_sessions s on s.id = ' +
    `(select p.id from agent_sessions p where p.user_id = u.id and p.at < :from order by p.at desc, p.id desc limit 1)${userFilter ? ` where u.id = ${userFilter}` : ''}`;
  const segments = `select user_id, kind, reason, ${later}(at, :from) as a, coalesce(lead(at) over (partition by user_id order by at, id), :end) as b from ev`;
  return `with ev as (${events}), seg as (${segments}) select user_id, kind, reason, cast(count(*) as integer) as n, sum(${ms}) as ms from seg where kind <> 'logout' group by user_id, kind, reason`;
}
export const sessionsRow = z.object({ user_id: z.coerce.number().int(), kind: z.enum(['login', 'pause', 'unpause']), reason: z.string().nullable(), n: sum, ms: sum });

/** Callbacks (callback_attempts) started in the period, per user: made, and reached (the citizen answered). */
export const callbacksSql = (userFilter: string): string =>
  `select user_id, cast(count(*) as integer) as made, cast(count(case when outcome = 'answered' then 1 end) as integer) as reached
  from callback_attempts where started_at >= :from and started_at < :to${userFilter ? ` and user_id = ${userFilter}` : ''} group by user_id`;
export const callbacksRow = z.object({ user_id: z.coerce.number().int(), made: sum, reached: sum });

export const usersSql = 'select id, username, display_name, phone_interface from users';
export const usersRow = z.object({ id: z.coerce.number().int(), username: z.string(), display_name: z.string(), phone_interface: z.string().nullable() });
