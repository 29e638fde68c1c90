import type { Logger } from '../logging/logger.js';
import type { QueueEvents } from '../telephony/ports.js';
import { agentStates, type AgentStateView } from './agent-states.js';
import { countingWindow, istanbulDay, type CountingWindow, type Shift, type TimeWindow } from './istanbul-time.js';
import { accumulateQueue, computeKpis, type KpiReport, type QueueAccumulator, type QueueKpis } from './kpis.js';
import type { QueueEvent, QueueStatusSnapshot } from './queue-events.js';
import type { QueueEventStore } from './queue-event-store.js';
import { latestFact, takeFacts } from './state-updates.js';
import { isSettled, SettledFacts } from './settled-facts.js';
import { WindowFactSums } from './window-fact-sums.js';
import type { QueueOutcome, QueueOutcomeRecorder } from '../calls/queue-outcomes.js';
import { applySnapshot, emptyQueueState, pruneFacts, reduceQueueState, type QueueState, type QueueStateConfig } from './queue-state.js';

/** computeKpis' default; the folded tallies must count with the same threshold as the live facts. */
const DEFAULT_SERVICE_LEVEL_SECONDS = 20;
const SETTLE_AFTER_MS = 60_000;

/** What the monitor listens to: the QueueEvents port (AmiQueueFeed). */
export type QueueFeed = QueueEvents;

export interface QueueView {
  name: string;
  waiting: number;
  connected: number;
  members: number;
}

export interface QueueMonitorSnapshot {
  at: number;
  /** The counting window's shift name; null for the Istanbul day. */
  shift: string | null;
  queues: QueueView[];
  agents: AgentStateView[];
  kpis: KpiReport;
}

export type QueueChange = { kind: 'event'; event: QueueEvent } | { kind: 'snapshot'; snapshot: QueueStatusSnapshot };

export interface QueueMonitorOptions {
  store: QueueEventStore;
  logger: Logger;
  /** Where answers and abandons are written onto calls and tickets; absent: not recorded. */
  outcomes?: QueueOutcomeRecorder;
  config?: Partial<QueueStateConfig>;
  serviceLevelSeconds?: number;
  /** Count the live KPIs per shift instead of per Istanbul day. */
  shifts?: readonly Shift[];
  now?: () => number;
}

/**
 * Owns the live QueueState: feed events are reduced and persisted, QueueStatus snapshots resync it.
 * On start it replays today's stored events (Istanbul day) so a restart keeps the day's KPIs; the
 * first AMI snapshot then corrects the live part (callers and agents that changed while we were down).
 */
export class QueueMonitor {
  private stateValue: QueueState;
  private readonly listeners: Array<(change: QueueChange) => void> = [];
  private readonly now: () => number;
  private started = false;
  /** Feed input that arrived while today's events were still being read from the store. */
  private held: QueueChange[] | undefined;
  /** The window's facts whose calls ended a while ago, folded into tallies (the live state keeps the rest). */
  private readonly settled: SettledFacts;
  /** The live facts' sums per queue over the board's window, kept up to date by each event. */
  private readonly factSums: WindowFactSums;
  /** The last Istanbul-day window `window` computed (no shifts configured). */
  private lastDay: CountingWindow | undefined;

  constructor(private readonly options: QueueMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.stateValue = emptyQueueState(options.config);
    this.settled = new SettledFacts((options.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS) * 1000);
    this.factSums = new WindowFactSums((options.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS) * 1000);
  }

  get serviceLevelSeconds(): number {
    return this.options.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS;
  }

  get state(): QueueState {
    return this.stateValue;
  }

  /** Subscribes to the feed and replays today's stored events; feed input during the replay is held and applied after it. */
  async start(feed?: QueueFeed): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.held = [];
    feed?.onEvent((event) => this.receive({ kind: 'event', event }));
    feed?.onSnapshot((snapshot) => this.receive({ kind: 'snapshot', snapshot }));
    try {
      const now = this.now();
      const today = istanbulDay(now);
      // A night shift (22:00–06:00) began yesterday: replay from whichever starts first.
      const from = Math.min(today.from, this.window(now).from);
      const events = await this.options.store.between(from, Math.max(today.to, now + 1));
      let state = this.stateValue;
      for (const event of events) state = reduceQueueState(state, event);
      this.stateValue = state;
      this.options.logger.info('queue events replayed', { events: events.length });
    } catch (error) {
      this.options.logger.error('queue events replay failed; KPIs start from zero', { error: (error as Error).message });
    } finally {
      const held = this.held;
      this.held = undefined;
      for (const change of held) this.apply(change);
    }
  }

  /** Feed events are persisted at once (even while held) so nothing is lost if the replay fails. */
  receive(change: QueueChange): void {
    if (change.kind === 'event') this.options.store.append([change.event]);
    if (this.held) this.held.push(change);
    else this.apply(change);
  }

  /**
   * Forgets facts offered before the current window (and before today): the live state would otherwise
   * grow by every call of every day. Stored events still answer `stats` for any past period. Facts of calls
   * that ended over a minute ago are folded into per-hour tallies, so a busy day's memory stays flat.
   */
  pruneOldFacts(now = this.now()): void {
    const keepFrom = Math.min(istanbulDay(now).from, this.window(now).from);
    this.stateValue = pruneFacts(this.stateValue, keepFrom);
    this.settled.prune(keepFrom);
    // Late events of a call arrive within seconds; a minute after it ended its fact is final.
    const { state, taken } = takeFacts(this.stateValue, (fact) => isSettled(fact, now - SETTLE_AFTER_MS));
    this.stateValue = state;
    for (const fact of taken) this.settled.add(fact, this.window(fact.offeredAt).from);
  }

  /** Writes the queued events now (tests, shutdown); false when the database refused them. */
  flushEvents(): Promise<boolean> {
    return this.options.store.flush();
  }

  onChange(listener: (change: QueueChange) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** The current counting window: the shift `now` falls in, or the Istanbul day. */
  window(now = this.now()): CountingWindow {
    const shifts = this.options.shifts ?? [];
    // The board asks on every publish, and the Istanbul day costs four wall-clock conversions. Without shifts
    // the window is the day, the same for every instant inside it; shifts may overlap or leave gaps that fall
    // back to the day, so they are asked every time.
    const day = this.lastDay;
    if (shifts.length === 0 && day && now >= day.from && now < day.to) return { ...day };
    const window = countingWindow(now, shifts);
    if (shifts.length === 0) this.lastDay = { ...window };
    return window;
  }

  snapshot(now = this.now(), window: TimeWindow & { shift?: string | null } = this.window(now)): QueueMonitorSnapshot {
    const state = this.stateValue;
    const queues = Object.values(state.queues)
      .map((queue) => ({
        name: queue.name,
        waiting: Object.keys(queue.waiting).length,
        connected: Object.keys(queue.calls).length,
        members: Object.keys(queue.members).length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { at: now, shift: window.shift ?? null, queues, agents: agentStates(state, now), kpis: computeKpis(state, window, now, this.serviceLevelSeconds, this.settled.values()) };
  }

  /** One queue's KPI sums over the window, as `snapshot` counts them: the board recomputes only the queues an event touched. */
  queueSums(queue: string, now: number, window: TimeWindow): QueueAccumulator {
    const state = this.stateValue;
    const factSums = this.factSums.of(state.facts, window, queue);
    return accumulateQueue(state, queue, window, now, this.serviceLevelSeconds * 1000, this.settled.valuesOf(queue), factSums);
  }

  /** Every queue the live state, the facts or the settled tallies name; the board gives a tile to those live or with calls in the window. */
  queueNames(): string[] {
    const state = this.stateValue;
    return [...new Set([...Object.keys(state.queues), ...state.facts.map((fact) => fact.queue), ...this.settled.queues()])];
  }

  /** Whether the queue is live now or has stored events (a name the stats route can answer for). */
  knows(queue: string): boolean {
    return queue in this.stateValue.queues || this.stateValue.facts.some((fact) => fact.queue === queue) || this.settled.has(queue);
  }

  /** KPIs of one queue over a period, from stored events replayed into a fresh state (zeros when it had no calls then). */
  async stats(queue: string, from: number, to: number): Promise<QueueKpis> {
    // Events of the last ~200 ms are still queued in memory: write them so the period is complete.
    await this.options.store.flush();
    const events = await this.options.store.between(from, to);
    let state = emptyQueueState(this.options.config);
    for (const event of events) state = reduceQueueState(state, event);
    const source = { facts: state.facts, queues: { ...state.queues, [queue]: state.queues[queue] ?? { name: queue, waiting: {} } } };
    const figures = computeKpis(source, { from, to }, to, this.serviceLevelSeconds).queues[queue]!;
    // Callers still waiting at the end of a past period are not live: only their offer counts.
    return { ...figures, waiting: 0, longestWaitMs: 0 };
  }

  private apply(change: QueueChange): void {
    const before = this.stateValue;
    this.stateValue = change.kind === 'event' ? reduceQueueState(before, change.event) : applySnapshot(before, change.snapshot);
    this.factSums.advance(before.facts, this.stateValue.facts);
    if (change.kind === 'event') this.recordOutcome(change.event);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.logger.error('queue monitor listener threw', { error: (error as Error).message });
      }
    }
  }

  /** Live events only (never the start-up replay); the recorder is idempotent, so a duplicate event is harmless. */
  private recordOutcome(event: QueueEvent): void {
    const recorder = this.options.outcomes;
    if (!recorder) return;
    const outcome = this.outcomeOf(event);
    if (!outcome || !('uniqueid' in event)) return;
    recorder.recordQueueOutcome(event.uniqueid, outcome).catch((error: unknown) => {
      this.options.logger.warn('queue outcome not recorded', { channelId: event.uniqueid, kind: outcome.kind, error: (error as Error).message });
    });
  }

  private outcomeOf(event: QueueEvent): QueueOutcome | undefined {
    // Our own join→connect/abandon times when we saw the join; Asterisk's HoldTime otherwise.
    const waitS = (holdTimeS: number, uniqueid: string, queue: string): number => {
      const waitMs = latestFact(this.stateValue, queue, uniqueid)?.waitMs ?? null;
      return waitMs === null ? holdTimeS : Math.round(waitMs / 1000);
    };
    const at = new Date(event.at);
    switch (event.kind) {
      case 'agentConnect':
        return { kind: 'agent-answered', at, queue: event.queue, agent: event.member.interface, agentName: event.member.name, waitS: waitS(event.holdTimeS, event.uniqueid, event.queue) };
      case 'agentComplete':
        return { kind: 'agent-completed', at, queue: event.queue, agent: event.member.interface, talkS: event.talkTimeS, reason: event.reason };
      case 'callerAbandon':
        return { kind: 'abandoned-in-queue', at, queue: event.queue, waitS: waitS(event.holdTimeS, event.uniqueid, event.queue) };
      case 'callerHangup':
        return { kind: 'hung-up', at };
      default:
        return undefined;
    }
  }
}
