import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger.js';
import { maskPhone } from '../../logging/redact.js';
import { stasisRoute } from '../../telephony/stasis-route.js';
import { ChannelGoneError, type TelephonyEvent } from '../../telephony/ports.js';
import { CallbackError } from './callback-errors.js';
import { startFlow, stepFlow, type FlowCommand, type FlowCommandName, type FlowInput, type Leg } from './callback-flow.js';
import { patchOf, sameRow, type LiveAttempt } from './callback-live.js';
import { callbackIds, type CallbackAttempt, type CallbackAttemptStore, type CallbackTelephony, type TicketHistoryPort } from './callback-ports.js';
import { citizenEndpoint } from './dialled-number.js';

export interface CallbackConfig {
  outboundEndpoint: string;
  callerId: string;
  context: string;
  agentRingS: number;
  citizenRingS: number;
}

export interface CallbackServiceOptions {
  telephony: CallbackTelephony;
  store: CallbackAttemptStore;
  config: CallbackConfig;
  /** Whether ARI is connected now: "Ara" while it is not is refused at once, nothing recorded. */
  connected: () => boolean;
  history?: TicketHistoryPort;
  logger: Logger;
  clock?: () => number;
  /** Our own ring limit runs this long after Asterisk's, in case its timeout never reports (ms). */
  ringGraceMs?: number;
}

export interface CallbackRequest {
  ticketNumber: string | null;
  callId: string | null;
  /** As dialled: 0xxxxxxxxxx. */
  citizenNumber: string;
  agent: { userId: number; phoneInterface: string };
}

/** Places callbacks over ARI and follows them to their outcome (see callback-flow.ts for the steps). */
export class CallbackService {
  private readonly live = new Map<string, LiveAttempt>();
  private readonly byChannel = new Map<string, { attemptId: string; leg: Leg }>();
  private readonly now: () => number;

  constructor(private readonly options: CallbackServiceOptions) {
    this.now = options.clock ?? Date.now;
  }

  get liveCount(): number {
    return this.live.size;
  }

  isLive(attemptId: string): boolean {
    return this.live.has(attemptId);
  }

  async start(request: CallbackRequest): Promise<{ attemptId: string }> {
    if (!this.options.connected()) throw new CallbackError('telephony-unavailable', 'the PBX (ARI) is not connected');
    for (const { attempt } of this.live.values()) {
      if (attempt.userId === request.agent.userId) throw new CallbackError('agent-busy', 'this agent already has a callback under way');
      if (request.ticketNumber !== null && attempt.ticketNumber === request.ticketNumber) throw new CallbackError('callback-in-progress', `a callback for ${request.ticketNumber} is under way`);
    }
    const id = randomUUID();
    const ids = callbackIds(id);
    const at = this.now();
    const attempt: CallbackAttempt = {
      id,
      ticketNumber: request.ticketNumber,
      callId: request.callId,
      userId: request.agent.userId,
      agentInterface: request.agent.phoneInterface,
      citizenNumber: request.citizenNumber,
      status: 'agent-ringing',
      outcome: null,
      hangupCause: null,
      startedAt: new Date(at).toISOString(),
      agentAnsweredAt: null,
      citizenAnsweredAt: null,
      endedAt: null,
      ringS: null,
      talkS: null,
      createdAt: new Date(at).toISOString(),
    };
    let settle: (inserted: boolean) => void = () => undefined;
    const inserted = new Promise<boolean>((resolve) => (settle = resolve));
    const live: LiveAttempt = { attempt, state: startFlow(at), inserted, writes: Promise.resolve(), timers: [], cleanup: [], originated: new Set() };
    // Known before the originate: Asterisk may report the agent's answer before its 200 reaches us.
    this.live.set(id, live);
    this.byChannel.set(ids.agent, { attemptId: id, leg: 'agent' });
    const log = this.log(attempt);
    try {
      await this.options.telephony.originate({ channelId: ids.agent, endpoint: attempt.agentInterface, appArgs: `callback,${id},agent`, callerId: this.options.config.callerId, timeoutS: this.options.config.agentRingS });
    } catch (error) {
      settle(false);
      this.forget(live);
      // A timed-out originate may still have made the channel.
      void this.options.telephony.hangup(ids.agent).catch(() => undefined);
      log.warn('callback not placed: agent leg refused', { error: (error as Error).message });
      throw new CallbackError('telephony-unavailable', `the PBX refused the call: ${(error as Error).message}`);
    }
    live.originated.add('agent');
    live.writes = this.options.store.insert(attempt).then(
      () => settle(true),
      (error: unknown) => {
        settle(false);
        log.error('callback attempt not stored', { error: (error as Error).message });
      },
    );
    this.armTimer(live, 'agent');
    log.info('callback started: ringing the agent');
    return { attemptId: id };
  }

  handle(event: TelephonyEvent): void {
    if (event.type === 'stasisStart') {
      const route = stasisRoute(event.args);
      if (route.kind !== 'callback') return;
      const live = this.live.get(route.attemptId);
      const known = this.byChannel.get(event.channel.id);
      if (!live || !known || known.attemptId !== route.attemptId || known.leg !== route.leg) {
        // A leg of an attempt this process does not run (it ended, or the last process made it): no one is on the other end.
        this.options.logger.warn('callback leg without a live attempt hung up', { channelId: event.channel.id });
        void this.options.telephony.hangup(event.channel.id).catch(() => undefined);
        return;
      }
      this.feed(live, route.leg === 'agent' ? { type: 'agentAnswered', at: this.now() } : { type: 'citizenAnswered', at: this.now() });
      return;
    }
    if (event.type !== 'channelDestroyed' && event.type !== 'channelStateChange') return;
    const known = this.byChannel.get(event.channelId);
    const live = known ? this.live.get(known.attemptId) : undefined;
    if (!known || !live) return;
    if (event.type === 'channelStateChange') {
      if (event.state === 'Ringing') this.feed(live, { type: 'ringing', leg: known.leg });
      return;
    }
    this.feed(live, { type: 'gone', leg: known.leg, cause: event.cause, causeText: event.causeText, at: this.now() });
  }

  /** A leg Asterisk no longer has (seen after a reconnect): its ChannelDestroyed was lost with the socket. */
  legVanished(attemptId: string, leg: Leg): void {
    const live = this.live.get(attemptId);
    if (live) this.feed(live, { type: 'gone', leg, cause: 0, causeText: 'vanished while ARI was away', at: this.now() });
  }

  /** Channel ids of live legs, by attempt (reconcile compares them with what Asterisk has). */
  liveLegs(): Array<{ attemptId: string; leg: Leg; channelId: string }> {
    const legs: Array<{ attemptId: string; leg: Leg; channelId: string }> = [];
    for (const [id, live] of this.live) {
      for (const leg of live.originated) if (live.state.alive[leg]) legs.push({ attemptId: id, leg, channelId: callbackIds(id)[leg] });
    }
    return legs;
  }

  /** Shutdown: every live attempt ends as interrupted, its legs hung up. */
  async stop(): Promise<void> {
    for (const live of [...this.live.values()]) this.feed(live, { type: 'interrupt', reason: 'shutdown', at: this.now() });
    await Promise.allSettled([...this.live.values()].flatMap((live) => [live.writes, ...live.cleanup]));
  }

  private feed(live: LiveAttempt, input: FlowInput): void {
    const before = live.state;
    const step = stepFlow(before, input);
    live.state = step.state;
    if (!sameRow(before, step.state)) this.persist(live);
    for (const command of step.commands) this.run(live, command);
  }

  private persist(live: LiveAttempt): void {
    const patch = patchOf(live.state);
    live.writes = live.writes
      .then(async () => {
        if (await live.inserted) await this.options.store.update(live.attempt.id, patch);
      })
      .catch((error: unknown) => {
        this.log(live.attempt).error('callback attempt update failed', { error: (error as Error).message });
      });
  }

  private run(live: LiveAttempt, command: FlowCommand): void {
    const { telephony, config } = this.options;
    const id = live.attempt.id;
    const ids = callbackIds(id);
    switch (command.type) {
      case 'createBridge':
        return this.perform(live, command.type, () => telephony.createBridge(ids.bridge));
      case 'addAgent':
        return this.perform(live, command.type, () => telephony.addToBridge(ids.bridge, ids.agent));
      case 'originateCitizen': {
        this.byChannel.set(ids.citizen, { attemptId: id, leg: 'citizen' });
        const endpoint = citizenEndpoint(config.outboundEndpoint, live.attempt.citizenNumber, config.context);
        return this.perform(live, command.type, () => telephony.originate({ channelId: ids.citizen, endpoint, appArgs: `callback,${id},citizen`, callerId: config.callerId, timeoutS: config.citizenRingS }));
      }
      case 'addCitizen':
        return this.perform(live, command.type, () => telephony.addToBridge(ids.bridge, ids.citizen));
      case 'armRingTimer':
        return this.armTimer(live, command.leg);
      case 'hangup':
        live.cleanup.push(telephony.hangup(ids[command.leg]).catch((error: unknown) => this.log(live.attempt).warn('callback hangup failed; swept at the next ARI connect', { leg: command.leg, error: (error as Error).message })));
        return;
      case 'destroyBridge':
        live.cleanup.push(telephony.destroyBridge(ids.bridge).catch((error: unknown) => this.log(live.attempt).warn('callback bridge not destroyed; swept at the next ARI connect', { error: (error as Error).message })));
        return;
      case 'finished':
        return this.finish(live);
    }
  }

  private perform(live: LiveAttempt, command: FlowCommandName, action: () => Promise<void>): void {
    action().then(
      () => {
        if (command === 'originateCitizen') live.originated.add('citizen');
        this.feed(live, { type: 'done', command, at: this.now() });
      },
      (error: unknown) => this.feed(live, { type: 'failed', command, gone: error instanceof ChannelGoneError, detail: (error as Error).message, at: this.now() }),
    );
  }

  private armTimer(live: LiveAttempt, leg: Leg): void {
    const ringS = leg === 'agent' ? this.options.config.agentRingS : this.options.config.citizenRingS;
    const timer = setTimeout(() => this.feed(live, { type: 'ringTimeout', leg, at: this.now() }), ringS * 1000 + (this.options.ringGraceMs ?? 5000));
    timer.unref();
    live.timers.push(timer);
  }

  private finish(live: LiveAttempt): void {
    for (const timer of live.timers) clearTimeout(timer);
    const { attempt, state } = live;
    const { ringS, talkS } = patchOf(state);
    this.log(attempt).info('callback ended', { outcome: state.outcome, hangupCause: state.hangupCause, ringS, talkS });
    const history = this.options.history;
    if (history && attempt.ticketNumber) {
      const ticket = attempt.ticketNumber;
      live.writes = live.writes
        .then(async () => {
          if (await live.inserted) await history.note(ticket, 'callback-attempt', { attemptId: attempt.id, outcome: state.outcome, ringS, talkS, agent: attempt.agentInterface, agentUserId: attempt.userId }, { kind: 'system', name: 'callback' });
        })
        .catch((error: unknown) => {
          this.log(attempt).error('callback history note failed', { error: (error as Error).message });
        });
    }
    void Promise.allSettled(live.cleanup).then(() => this.forget(live));
  }

  private forget(live: LiveAttempt): void {
    if (this.live.get(live.attempt.id) === live) this.live.delete(live.attempt.id);
    const ids = callbackIds(live.attempt.id);
    this.byChannel.delete(ids.agent);
    this.byChannel.delete(ids.citizen);
  }

  private log(attempt: CallbackAttempt): Logger {
    return this.options.logger.child({ attemptId: attempt.id, agent: attempt.agentInterface, citizen: maskPhone(attempt.citizenNumber) });
  }
}
