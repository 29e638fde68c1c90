import type { AgentStateView } from '../queues/agent-states.js';
import type { QueueKpis } from '../queues/kpis.js';
import type { QueueMonitorSnapshot } from '../queues/queue-monitor.js';
import type { AgentCounts, AgentRow, BoardEntries, BoardMeta, HourPoint, LinkStatus, QueueTile } from './protocol.js';

/** Everything a board is drawn from at one instant. */
export interface BoardInput {
  snapshot: QueueMonitorSnapshot;
  /** Per queue, when its longest-waiting caller joined (absent: nobody waits). */
  waitingSince: Readonly<Record<string, number>>;
  status: LinkStatus;
}

export const TOTAL = '*';

export function countAgents(agents: readonly AgentStateView[]): AgentCounts {
  const counts: AgentCounts = { loggedIn: 0, ready: 0, ringing: 0, onCall: 0, wrapUp: 0, paused: 0, unavailable: 0 };
  for (const agent of agents) {
    if (agent.state === 'logged-out') continue;
    counts.loggedIn += 1;
    if (agent.state === 'ready') counts.ready += 1;
    else if (agent.state === 'ringing') counts.ringing += 1;
    else if (agent.state === 'on-call') counts.onCall += 1;
    else if (agent.state === 'wrap-up') counts.wrapUp += 1;
    else if (agent.state === 'paused') counts.paused += 1;
    else counts.unavailable += 1;
  }
  return counts;
}

export function tile(name: string, kpis: QueueKpis | undefined, waitingSince: number | null, agents: readonly AgentStateView[]): QueueTile {
  return {
    name,
    waiting: kpis?.waiting ?? 0,
    longestWaitSince: (kpis?.waiting ?? 0) > 0 ? waitingSince : null,
    offered: kpis?.offered ?? 0,
    answered: kpis?.answered ?? 0,
    abandoned: kpis?.abandoned ?? 0,
    lost: kpis?.lost ?? 0,
    serviceLevel: kpis?.serviceLevel ?? null,
    asaMs: roundOrNull(kpis?.asaMs),
    ahtMs: roundOrNull(kpis?.ahtMs),
    abandonmentRate: kpis?.abandonmentRate ?? null,
    agents: countAgents(agents),
  };
}

const roundOrNull = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : Math.round(value));

function meta(input: BoardInput): BoardMeta {
  const { kpis, shift } = input.snapshot;
  return { windowFrom: kpis.window.from, windowTo: kpis.window.to, shift, serviceLevelSeconds: kpis.serviceLevelSeconds };
}

/** Queues live now or with calls in the window, so a queue that emptied keeps its tile for the day. */
function queueNames(snapshot: QueueMonitorSnapshot): string[] {
  return [...new Set([...snapshot.queues.map((queue) => queue.name), ...Object.keys(snapshot.kpis.queues)])].sort();
}

export function agentRow(agent: AgentStateView): AgentRow {
  const row: AgentRow = { interface: agent.interface, name: agent.name, state: agent.state, since: agent.since, queues: agent.queues };
  if (agent.reason !== undefined) row.reason = agent.reason;
  if (agent.queue !== undefined) row.queue = agent.queue;
  return row;
}

export function hourly(kpis: QueueKpis): HourPoint[] {
  return kpis.hourly.map(({ from, hour, offered, answered, abandoned, serviceLevel }) => ({ from, hour, offered, answered, abandoned, serviceLevel }));
}

export function oldest(values: Array<number | undefined>): number | null {
  const present = values.filter((value): value is number => value !== undefined);
  return present.length === 0 ? null : Math.min(...present);
}

/** Pure: the `supervisors` stream — meta, status, the total, every queue, every agent, the hourly chart. */
export function supervisorEntries(input: BoardInput): BoardEntries {
  const { snapshot } = input;
  const names = queueNames(snapshot);
  const entries: BoardEntries = {
    meta: meta(input),
    status: input.status,
    total: tile(TOTAL, snapshot.kpis.total, oldest(names.map((name) => input.waitingSince[name])), snapshot.agents),
    hourly: hourly(snapshot.kpis.total),
  };
  for (const name of names) entries[`queue:${name}`] = queueTile(input, name);
  for (const agent of snapshot.agents) entries[`agent:${agent.interface}`] = agentRow(agent);
  return entries;
}

function queueTile(input: BoardInput, name: string): QueueTile {
  const members = input.snapshot.agents.filter((agent) => agent.queues.includes(name));
  return tile(name, input.snapshot.kpis.queues[name], input.waitingSince[name] ?? null, members);
}

/** Pure: a `queue:<name>` stream — meta, status and that queue's tile (an agent's desk). */
export function queueEntries(input: BoardInput, name: string): BoardEntries {
  return { meta: meta(input), status: input.status, [`queue:${name}`]: queueTile(input, name) };
}
