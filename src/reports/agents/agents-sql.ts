import { z } from 'zod';
import { sum, type Engine } from '../calls/call-filter.js';

/**
 * The agents report's SQL (agents-report.ts runs it). Calls: the answered calls of the period per member interface
 * (calls.agent); handled = talk time known, AHT as the wallboard's: (talk + the queue's configured wrap-up) ÷
 * handled; the survey: the calls' 1–5 scores.
 * A GROUP BY agent over a year's ~1 M answered calls makes SQLite sort them all (or, through an agent-led index,
 * read every year stored). Instead the agents are walked one by one in calls_report_agent_idx (a loose index scan:
 * the next agent is one index seek), and each agent's period is one range of that covering index. SQL's scalar
 * subquery returns one value, so the agent's sums come packed as text: `answered,handled,talk,wrap,surveys,
 * score sum,name` (parsed by agentCallsRow). Unqualified columns in `filters` are the inner `calls` row's.
 */
export const agentCallsSql = (filters: string, wrap: string): string => {
  const packed = [
    'count(*)',
    'count(talk_s)',
    'coalesce(sum(talk_s), 0)',
    `coalesce(sum(case when talk_s is not null then ${wrap} else 0 end), 0)`,
    'count(survey_score)',
    'coalesce(sum(survey_score), 0)',
    "coalesce(max(agent_name), '')",
  ].join(" || ',' || ");
  return (
    'with recursive a(agent) as (select min(agent) from calls where agent is not null ' +
    'union all select (select min(c.agent) from calls c where c.agent > a.agent) from a where a.agent is not null) ' +
    `select a.agent, (select ${packed} from calls where calls.agent = a.agent and started_at >= :from and started_at < :to and outcome = 'answered' and ${filters}) as figures ` +
    'from a where a.agent is not null'
  );
};
const count = z.coerce.number().int().nonnegative();
export const agentCallsRow = z
  .object({ agent: z.string(), figures: z.string() })
  .transform(({ agent, figures }) => {
    const parts = figures.split(',');
    const [answered, handled, talkSum, wrapSum, surveyN, surveySum] = parts.slice(0, 6).map((part) => count.parse(part));
    const name = parts.slice(6).join(',');
    return { agent, agent_name: name === '' ? null : name, answered: answered ?? 0, handled: handled ?? 0, talk_sum: talkSum ?? 0, wrap_sum: wrapSum ?? 0, survey_n: surveyN ?? 0, survey_sum: surveySum ?? 0 };
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
