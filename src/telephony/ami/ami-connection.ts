import Manager, { type AmiRawMessage, type AsteriskManager } from 'asterisk-manager';
import type { Logger } from '../../logging/logger.js';
import type { ConnectionState } from '../ports.js';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import type { ActionIdSink } from './ami-list-action.js';

export interface AmiConnectionOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  actionTimeoutMs: number;
  /** AMI event classes to receive (`Events` action after login); `on` for all. */
  eventMask: string;
  reconnect: BackoffOptions;
  logger: Logger;
  /** Actions awaiting their Response at once; beyond it `action` rejects at once (default 100). */
  maxPendingActions?: number;
}

export const DEFAULT_MAX_PENDING_ACTIONS = 100;

interface PendingAction {
  fail(message: string): void;
}

/** `asterisk`: Asterisk answered `Response: Error`; `unavailable`: no answer (down, timeout, too many pending); `invalid`: refused before sending. */
export type AmiFailure = 'asterisk' | 'unavailable' | 'invalid';

export class AmiActionError extends Error {
  constructor(
    message: string,
    readonly action: string,
    readonly failure: AmiFailure = 'unavailable',
  ) {
    super(message);
    this.name = 'AmiActionError';
  }
}

/** Lower-cased keys, as asterisk-manager delivers them. */
export type AmiEvent = AmiRawMessage & { event: string };

/**
 * One supervised AMI login over asterisk-manager.
 * We never use its keepConnected(): it waits 10 s, then up to 60 s, and logs with console.log.
 * Instead every drop builds a fresh manager after a jittered backoff (first retry within 1 s).
 */
export class AmiConnection {
  private manager: AsteriskManager | undefined;
  private stateValue: ConnectionState = 'disconnected';
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly eventListeners: Array<(event: AmiEvent) => void> = [];
  /** The event names the listeners declared; null once one listener wants every event. */
  private wantedEvents: Set<string> | null = new Set();
  private readonly connectedListeners: Array<() => void> = [];
  private readonly disconnectedListeners: Array<(reason: string) => void> = [];
  private readonly pending = new Set<PendingAction>();
  private readonly claims = new Map<string, ActionIdSink>();

  constructor(private readonly options: AmiConnectionOptions) {}

  get state(): ConnectionState {
    return this.stateValue;
  }

  /**
   * `names`: the only events this listener uses. When every listener names its events, each login asks
   * Asterisk (`Action: Filter`) to send just those, so the rest is neither framed there nor parsed here.
   */
  onEvent(listener: (event: AmiEvent) => void, names?: readonly string[]): void {
    this.eventListeners.push(listener);
    if (!names) this.wantedEvents = null;
    else for (const name of names) this.wantedEvents?.add(name);
  }

  onConnected(listener: () => void): void {
    this.connectedListeners.push(listener);
  }

  /** After a logged-in connection is lost (not after a refused attempt). */
  onDisconnected(listener: (reason: string) => void): void {
    this.disconnectedListeners.push(listener);
  }

  get pendingActions(): number {
    return this.pending.size;
  }

  /**
   * List actions answer with one Response and then events carrying the ActionID (QueueMember…):
   * those go to `sink` only, until the returned release is called. A lost connection calls `sink.lost`.
   */
  claimActionId(actionId: string, sink: ActionIdSink): () => void {
    this.claims.set(actionId, sink);
    return () => {
      if (this.claims.get(actionId) === sink) this.claims.delete(actionId);
    };
  }

  start(): void {
    this.stopped = false;
    this.establish();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.discard();
    this.stateValue = 'stopped';
  }

  /**
   * Sends one action; rejects on AMI `Response: Error`, on timeout, when not logged in (so
   * asterisk-manager's unbounded pre-login `held` queue never fills), when the connection drops
   * before the Response, or at once when maxPendingActions are already awaiting theirs.
   */
  action(fields: Record<string, string>): Promise<AmiRawMessage> {
    const name = fields.action ?? fields.Action ?? '?';
    for (const [key, value] of Object.entries(fields)) {
      // asterisk-manager writes values unchecked: a CR or LF would inject headers or a whole action.
      if (/[\r\n]/.test(key) || /[\r\n]/.test(value)) return Promise.reject(new AmiActionError(`field ${key} holds a line break`, name, 'invalid'));
    }
    const manager = this.manager;
    if (!manager || this.stateValue !== 'connected') return Promise.reject(new AmiActionError('AMI is not connected', name));
    const cap = this.options.maxPendingActions ?? DEFAULT_MAX_PENDING_ACTIONS;
    if (this.pending.size >= cap) return Promise.reject(new AmiActionError(`${name} refused: ${cap} AMI actions already pending`, name));
    return new Promise((resolve, reject) => {
      let actionId = '';
      const entry: PendingAction = {
        fail: (message) => {
          clearTimeout(timer);
          this.pending.delete(entry);
          // asterisk-manager keeps a once-listener per ActionID forever when no Response comes.
          if (actionId) manager.removeAllListeners(actionId);
          reject(new AmiActionError(message, name));
        },
      };
      const timer = setTimeout(() => entry.fail(`${name} timed out after ${this.options.actionTimeoutMs} ms`), this.options.actionTimeoutMs);
      this.pending.add(entry);
      actionId = manager.action(fields, (error, response) => {
        if (!this.pending.delete(entry)) return;
        clearTimeout(timer);
        if (error) reject(new AmiActionError(String(error.message ?? 'AMI error'), name, 'asterisk'));
        else resolve(response);
      });
    });
  }

  private establish(): void {
    if (this.stopped) return;
    this.stateValue = 'connecting';
    const { host, port, username, password, logger } = this.options;
    const manager = Manager(undefined, host, username, password, true);
    this.manager = manager;
    manager.on('error', (error: Error) => {
      if (this.manager === manager) logger.debug('ami socket error', { error: error.message });
    });
    manager.on('close', () => {
      if (this.manager !== manager) return;
      this.discard();
      this.scheduleRetry('connection closed');
    });
    manager.on('managerevent', (event: AmiEvent) => {
      if (this.manager !== manager) return;
      const claim = typeof event.actionid === 'string' ? this.claims.get(event.actionid) : undefined;
      if (claim) return claim.event(event);
      for (const listener of this.eventListeners) listener(event);
    });
    manager.connect(port, host, () => {
      manager.login((error) => {
        if (this.manager !== manager) return;
        if (error) {
          logger.error('ami login refused', { message: String(error.message ?? '') });
          this.discard();
          this.scheduleRetry('login refused');
          return;
        }
        this.attempt = 0;
        this.stateValue = 'connected';
        // The AMI firehose (VarSet, Newexten, RTCP...) costs parsing on every call; queue and agent
        // events are class `agent`, FullyBooted/Shutdown `system`.
        this.action({ action: 'Events', eventmask: this.options.eventMask }).catch((error: Error) =>
          logger.warn('ami event mask not applied', { error: error.message }),
        );
        this.sendFilters();
        logger.info('ami connected', { host, port, eventMask: this.options.eventMask });
        for (const listener of this.connectedListeners) listener();
      });
    });
  }

  /**
   * Filters belong to the session (Asterisk drops them with the connection), so every login sends them again.
   * Name filters are hashed by Asterisk, cheaper than a regex over every event; list-action items (QueueMember…)
   * are responses, which filters never touch. Without `write = system` Asterisk refuses them: all events still
   * arrive, only costlier, so a warning and carry on.
   */
  private sendFilters(): void {
    const wanted = this.wantedEvents;
    if (!wanted || wanted.size === 0) return;
    const manager = this.manager;
    let warned = false;
    for (const name of wanted) {
      this.action({ action: 'Filter', operation: 'Add', matchcriteria: `action(include),name(${name})` }).catch((error: Error) => {
        if (warned || this.manager !== manager) return;
        warned = true;
        this.options.logger.warn('ami event filter not applied; receiving every event of the mask', { error: error.message });
      });
    }
  }

  private discard(): void {
    const manager = this.manager;
    this.manager = undefined;
    if (!manager) return;
    manager.disconnect();
    // asterisk-manager never answers the callbacks of a dead socket: fail them now, not at their timeout.
    for (const entry of [...this.pending]) entry.fail('AMI connection lost');
    const claims = [...this.claims.values()];
    this.claims.clear();
    for (const claim of claims) claim.lost('AMI connection lost');
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    if (this.stateValue === 'connected') {
      this.options.logger.warn('ami disconnected', { reason });
      for (const listener of this.disconnectedListeners) listener(reason);
    }
    this.stateValue = 'disconnected';
    const delay = backoffDelay(this.attempt, this.options.reconnect);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.establish(), delay);
  }
}
