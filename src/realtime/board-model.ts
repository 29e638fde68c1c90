import { agentStateOf, type AgentStateView } from '../queues/agent-states.js';
import type { CountingWindow } from '../queues/istanbul-time.js';
import { hourStarts, QueueAccumulator, type QueueKpis } from '../queues/kpis.js';
import type { QueueState } from '../queues/queue-state-types.js';
import { agentRow, hourly, tile, TOTAL } from './board-view.js';
import type { BoardEntries, BoardMeta, QueueTile } from './protocol.js';

/** What the model reads (QueueMonitor fits). */
export interface BoardModelSource {
  readonly state: QueueState;
  readonly serviceLevelSeconds: number;
  queueSums(queue: string, now: number, window: CountingWindow): QueueAccumulator;
  queueNames(): string[];
}

/** What an event touched: queues whose KPIs may have changed, tiles whose agent counts may have, agents whose row may have. */
export interface BoardTouch {
  queues: Set<string>;
  tiles: Set<string>;
  agents: Set<string>;
}

export interface BoardPatch {
  set: BoardEntries;
  remove: string[];
  /** Queues whose tile is in `set` or `remove` (their `queue:<name>` streams get it too). */
  tiles: Set<string>;
}

const NO_HOURS: readonly number[] = [];

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The supervisors' board kept up to date from what changed: per queue its KPI sums (QueueAccumulator) and
 * the oldest waiting caller, per agent its row. An event recomputes its queue's sums, the touched agents'
 * rows and the tiles whose agent counts they move; the total is the sum of the queues' sums. Entries come
 * out exactly as board-view's full recompute (test/unit/realtime-board-incremental.test.ts checks it).
 */
export class BoardModel {
  private windowValue: CountingWindow | undefined;
  private starts: number[] = [];
  /** The queues with a tile: live in the state, or with calls offered in the window. */
  private readonly sums = new Map<string, QueueAccumulator>();
  private readonly oldestWaiting = new Map<string, number>();
  private readonly views = new Map<string, AgentStateView>();
  private total = new QueueAccumulator();

  constructor(private readonly source: BoardModelSource) {}

  get window(): CountingWindow | undefined {
    return this.windowValue;
  }

  sameWindow(window: CountingWindow): boolean {
    const current = this.windowValue;
    return current !== undefined && current.from === window.from && current.to === window.to && current.shift === window.shift;
  }

  /** Recomputes every queue and agent; returns the whole board (without `status`, which the links own). */
  rebuild(now: number, window: CountingWindow): BoardEntries {
    this.windowValue = window;
    this.starts = hourStarts(window);
    this.sums.clear();
    this.oldestWaiting.clear();
    this.views.clear();
    const state = this.source.state;
    for (const agent of Object.values(state.agents)) this.views.set(agent.interface, agentStateOf(state, agent, now));
    for (const name of this.source.queueNames()) this.recomputeQueue(name, now);
    this.sumTotal();
    const entries: BoardEntries = { meta: this.meta(), total: this.totalTile(), hourly: hourly(this.total.result(this.starts)) };
    for (const name of [...this.sums.keys()].sort()) entries[`queue:${name}`] = this.queueTile(name)!;
    for (const view of this.views.values()) entries[`agent:${view.interface}`] = agentRow(view);
    return entries;
  }

  /** The entries of what `touch` names, and of the tiles and total those move. */
  update(now: number, touch: BoardTouch): BoardPatch {
    const state = this.source.state;
    const set: BoardEntries = {};
    const remove: string[] = [];
    const tiles = new Set([...touch.queues, ...touch.tiles]);
    let countsMoved = false;
    for (const iface of touch.agents) {
      const before = this.views.get(iface);
      const record = state.agents[iface];
      const after = record ? agentStateOf(state, record, now) : undefined;
      if (after) {
        this.views.set(iface, after);
        set[`agent:${iface}`] = agentRow(after);
      } else if (before) {
        this.views.delete(iface);
        remove.push(`agent:${iface}`);
      }
      // Tiles count agents by state: a move between states or queues changes the counts of both sides.
      if (before?.state === after?.state && sameList(before?.queues ?? [], after?.queues ?? [])) continue;
      countsMoved = true;
      for (const queue of [...(before?.queues ?? []), ...(after?.queues ?? [])]) tiles.add(queue);
    }
    for (const queue of touch.queues) this.recomputeQueue(queue, now);
    for (const queue of tiles) {
      if (!this.sums.has(queue) && queue in state.queues) this.recomputeQueue(queue, now);
      const queueTile = this.queueTile(queue);
      if (queueTile) set[`queue:${queue}`] = queueTile;
      else remove.push(`queue:${queue}`);
    }
    if (touch.queues.size > 0) {
      this.sumTotal();
      set.hourly = hourly(this.total.result(this.starts));
    }
    if (touch.queues.size > 0 || countsMoved || touch.tiles.size > 0) set.total = this.totalTile();
    return { set, remove, tiles };
  }

  /** Agents whose wrap-up has ended by the clock since their row was made: no event says so. */
  endedWrapUps(now: number): string[] {
    const ended: string[] = [];
    for (const view of this.views.values()) {
      if (view.state !== 'wrap-up') continue;
      const wrapUp = this.source.state.agents[view.interface]?.wrapUp;
      if (!wrapUp || now >= wrapUp.until) ended.push(view.interface);
    }
    return ended;
  }

  meta(): BoardMeta {
    const window = this.windowValue;
    if (!window) throw new Error('board model used before its first rebuild');
    return { windowFrom: window.from, windowTo: window.to, shift: window.shift, serviceLevelSeconds: this.source.serviceLevelSeconds };
  }

  /** A queue's tile; zeros for a queue without one (an agent's desk may follow a queue nobody called yet). */
  queueTile(queue: string): QueueTile | undefined {
    const sums = this.sums.get(queue);
    if (!sums) return undefined;
    // A tile shows no hourly series: its sums are read without one.
    return this.tileOf(queue, sums.result(NO_HOURS), this.oldestWaiting.get(queue) ?? null, [...this.views.values()].filter((view) => view.queues.includes(queue)));
  }

  emptyTile(queue: string): QueueTile {
    return this.tileOf(queue, undefined, null, [...this.views.values()].filter((view) => view.queues.includes(queue)));
  }

  private tileOf(name: string, kpis: QueueKpis | undefined, waitingSince: number | null, agents: AgentStateView[]): QueueTile {
    return tile(name, kpis, waitingSince, agents);
  }

  private totalTile(): QueueTile {
    const oldest = this.oldestWaiting.size === 0 ? null : Math.min(...this.oldestWaiting.values());
    return this.tileOf(TOTAL, this.total.result(NO_HOURS), oldest, [...this.views.values()]);
  }

  private recomputeQueue(queue: string, now: number): void {
    const window = this.windowValue;
    if (!window) throw new Error('board model used before its first rebuild');
    const live = this.source.state.queues[queue];
    const sums = this.source.queueSums(queue, now, window);
    if (live || sums.counted) this.sums.set(queue, sums);
    else this.sums.delete(queue);
    let oldest: number | undefined;
    for (const caller of Object.values(live?.waiting ?? {})) oldest = Math.min(oldest ?? Number.POSITIVE_INFINITY, caller.joinedAt);
    if (oldest === undefined) this.oldestWaiting.delete(queue);
    else this.oldestWaiting.set(queue, oldest);
  }

  private sumTotal(): void {
    const total = new QueueAccumulator();
    for (const sums of this.sums.values()) total.merge(sums);
    this.total = total;
  }
}
