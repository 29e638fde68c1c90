import type { Knex } from 'knex';
import type { ReportBuilder, ReportFilters, ReportTable, Row } from '../report-types.js';
import { callPredicate, engineOf, rawRows, type Bindings } from '../calls/call-filter.js';
import { meanSeconds, type WrapUp } from '../calls/call-sums.js';
import { wrapUpSql } from '../calls/calls-sql.js';
import { AGENT_COLUMNS, BREAK_COLUMNS } from './agents-columns.js';
import { agentCallsRow, agentCallsSql, callbacksRow, callbacksSql, sessionsRow, sessionsSql, usersRow, usersSql } from './agents-sql.js';

export interface AgentsReportOptions {
  /** config queues.wrapUpS: added to each handled call's talk time for AHT, as the wallboard does (default 0). */
  wrapUpS?: WrapUp;
  /** Epoch ms: a desk session still open counts until the period's end or now, whichever is first. */
  now?: () => number;
}

interface AgentFigures {
  agent: string;
  name: string;
  loggedInMs: number;
  breakMs: number;
  answered: number;
  handled: number;
  talkSum: number;
  wrapSum: number;
  callbacks: number;
  reached: number;
  surveyN: number;
  surveySum: number;
}

const blank = (agent: string, name: string): AgentFigures => ({ agent, name, loggedInMs: 0, breakMs: 0, answered: 0, handled: 0, talkSum: 0, wrapSum: 0, callbacks: 0, reached: 0, surveyN: 0, surveySum: 0 });
const seconds = (ms: number): number => Math.round(ms / 1000);

/**
 * The agents report: per agent (a user, or a member interface no user has), desk time, breaks by reason, calls
 * answered and handled, AHT, callbacks and survey scores. The call filters (queue, topic, department, district,
 * source) narrow the call figures, and the rows to the agents who answered such a call; desk time, breaks and
 * callbacks are not per queue or topic and stay whole. `agent` keeps that one user.
 */
export function createAgentsReport(db: Knex, options: AgentsReportOptions = {}): ReportBuilder {
  const wrapUp = options.wrapUpS ?? { default: 0, perQueue: {} };
  const now = options.now ?? Date.now;
  return {
    id: 'agents',
    async build(filters: ReportFilters): Promise<readonly ReportTable[]> {
      const users = (await rawRows(db, usersSql, {})).map((raw) => usersRow.parse(raw));
      const selected = filters.agent === undefined ? undefined : users.find((user) => user.username === filters.agent);
      const predicate = await callPredicate(db, filters);
      if (predicate.none && selected === undefined) return tables([], []);

      const bindings: Bindings = { ...predicate.bindings };
      const wrap = wrapUpSql(wrapUp, bindings, 'queue');
      const userFilter = selected ? ':uid' : '';
      if (selected) bindings.uid = selected.id;
      const end = Math.min(filters.to, now());
      bindings.end = new Date(end).toISOString();

      const calls = predicate.none ? [] : (await rawRows(db, agentCallsSql(predicate.filters, wrap), bindings)).map((raw) => agentCallsRow.parse(raw));
      const sessions = end > filters.from ? (await rawRows(db, sessionsSql(engineOf(db), userFilter), bindings)).map((raw) => sessionsRow.parse(raw)) : [];
      const callbacks = (await rawRows(db, callbacksSql(userFilter), bindings)).map((raw) => callbacksRow.parse(raw));

      const byUser = new Map<number, AgentFigures>();
      const byInterface = new Map<string, AgentFigures>();
      const userById = new Map(users.map((user) => [user.id, user]));
      const userByPhone = new Map(users.filter((user) => user.phone_interface !== null).map((user) => [user.phone_interface ?? '', user]));
      const ofUser = (id: number): AgentFigures | undefined => {
        const user = userById.get(id);
        if (!user) return undefined;
        let figures = byUser.get(id);
        if (!figures) byUser.set(id, (figures = blank(user.username, user.display_name)));
        return figures;
      };

      for (const row of calls) {
        if (row.answered === 0) continue;
        const user = userByPhone.get(row.agent);
        let figures = user ? ofUser(user.id) : byInterface.get(row.agent);
        if (!figures) byInterface.set(row.agent, (figures = blank(row.agent, row.agent_name ?? row.agent)));
        figures.answered += row.answered;
        figures.handled += row.handled;
        figures.talkSum += row.talk_sum;
        figures.wrapSum += row.wrap_sum;
        figures.surveyN += row.survey_n;
        figures.surveySum += row.survey_sum;
      }
      const breaks = new Map<string, { agent: string; name: string; reason: string; pauses: number; ms: number }>();
      for (const row of sessions) {
        const figures = ofUser(row.user_id);
        if (!figures || row.ms <= 0) continue;
        figures.loggedInMs += row.ms;
        if (row.kind !== 'pause') continue;
        figures.breakMs += row.ms;
        const reason = row.reason ?? '(sebep yok)';
        const key = `${figures.agent}\u0000${reason}`;
        const entry = breaks.get(key) ?? { agent: figures.agent, name: figures.name, reason, pauses: 0, ms: 0 };
        entry.pauses += row.n;
        entry.ms += row.ms;
        breaks.set(key, entry);
      }
      for (const row of callbacks) {
        const figures = ofUser(row.user_id);
        if (!figures) continue;
        figures.callbacks += row.made;
        figures.reached += row.reached;
      }

      // Narrowed to some calls: only the agents who answered one of them.
      const listed = (figures: AgentFigures): boolean => (predicate.narrowed && filters.agent === undefined ? figures.answered > 0 : true);
      const agents = [...byUser.values(), ...byInterface.values()].filter(listed).sort((a, b) => a.agent.localeCompare(b.agent));
      const names = new Set(agents.map((figures) => figures.agent));
      const breakRows = [...breaks.values()].filter((entry) => names.has(entry.agent)).sort((a, b) => a.agent.localeCompare(b.agent) || a.reason.localeCompare(b.reason));
      return tables(
        agents.map((f) => ({
          agent: f.agent,
          name: f.name,
          loggedIn: seconds(f.loggedInMs),
          breaks: seconds(f.breakMs),
          ready: seconds(f.loggedInMs) - seconds(f.breakMs),
          answered: f.answered,
          handled: f.handled,
          aht: meanSeconds(f.talkSum + f.wrapSum, f.handled),
          talk: meanSeconds(f.talkSum, f.handled),
          callbacks: f.callbacks,
          callbacksReached: f.reached,
          surveyScore: f.surveyN === 0 ? null : Math.round((f.surveySum / f.surveyN) * 100) / 100,
          surveyCount: f.surveyN,
        })),
        breakRows.map((entry) => ({ agent: entry.agent, name: entry.name, reason: entry.reason, pauses: entry.pauses, seconds: seconds(entry.ms) })),
      );
    },
  };
}

function tables(agents: Row[], breaks: Row[]): ReportTable[] {
  return [
    { id: 'agents', title: { tr: 'Temsilciler', en: 'Agents' }, columns: AGENT_COLUMNS, rows: agents, chart: { kind: 'bar', labelKey: 'agent', valueKeys: ['answered'] } },
    { id: 'breaks', title: { tr: 'Mola sebeplerine göre', en: 'Breaks by reason' }, columns: BREAK_COLUMNS, rows: breaks },
  ];
}
