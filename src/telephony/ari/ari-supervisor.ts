import ari, { type AriClient } from 'ari-client';
import type { Logger } from '../../logging/logger.js';
import type { ConnectionState, TelephonyConnection, TelephonyEvent } from '../ports.js';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import { applyAriEventFilter } from './ari-event-filter.js';
import { CONSUMED_ARI_EVENTS, normaliseAriEvent } from './ari-events.js';
import { AriRest } from './ari-rest.js';
import { AriWsTransport } from './ari-ws-transport.js';
import { guardAriSocket, type DroppedFrameReason } from './guarded-socket.js';
import { asteriskVersion, supportsRestOverWebSocket, type RestOverWebSocketMode } from './rest-over-ws-support.js';
import { routeSwaggerLog } from './swagger-log.js';

const CONSUMED: ReadonlySet<string> = new Set(CONSUMED_ARI_EVENTS);

export interface AriSupervisorOptions {
  url: string;
  username: string;
  password: string;
  app: string;
  reconnect: BackoffOptions;
  logger: Logger;
  /** For the event filter request after each connect (default 5000). */
  commandTimeoutMs?: number;
  /** REST commands over the events WebSocket: auto (default) when Asterisk's version has it. */
  restOverWebSocket?: RestOverWebSocketMode;
  /** Injected for tests. */
  connect?: (url: string, user: string, pass: string) => Promise<AriClient>;
}

export interface AriCounters {
  connects: number;
  rebuilds: number;
  droppedFrames: Record<DroppedFrameReason | 'invalid-event', number>;
}

/**
 * Keeps one ari-client connected forever.
 * - `connect()` loads the API declarations over HTTP, so it fails while Asterisk is down or booting
 *   (refused, then a 404 page, then 503 "Asterisk not booted"): we retry it with jittered backoff.
 * - ari-client's own WebSocket reconnect gives up after 10 tries (`WebSocketMaxRetries`): we then
 *   throw the client away and build a new one.
 * - Asterisk allows one WebSocket per Stasis app, so an old client is always stopped before a new starts.
 */
export class AriSupervisor implements TelephonyConnection {
  private current: AriClient | undefined;
  private stateValue: ConnectionState = 'disconnected';
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly eventListeners: Array<(event: TelephonyEvent) => void> = [];
  private readonly connectedListeners: Array<() => void> = [];
  private readonly disconnectedListeners: Array<(reason: string) => void> = [];
  readonly counters: AriCounters = {
    connects: 0,
    rebuilds: 0,
    droppedFrames: { 'malformed-json': 0, 'not-an-event': 0, 'unknown-event-type': 0, 'handler-threw': 0, 'invalid-event': 0 },
  };

  /** HTTP only: the version probe and the event filter, which decide what may go over the socket. */
  private readonly rest: AriRest;
  /** For the call path's AriRest (its `webSocket` option): open only while this connection allows it. */
  readonly webSocketRest: AriWsTransport;

  constructor(private readonly options: AriSupervisorOptions) {
    routeSwaggerLog(options.logger);
    const timeoutMs = options.commandTimeoutMs ?? 5000;
    this.rest = new AriRest({ url: options.url, username: options.username, password: options.password, timeoutMs });
    this.webSocketRest = new AriWsTransport(timeoutMs);
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  onEvent(listener: (event: TelephonyEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onConnected(listener: () => void): void {
    this.connectedListeners.push(listener);
  }

  onDisconnected(listener: (reason: string) => void): void {
    this.disconnectedListeners.push(listener);
  }

  start(): void {
    this.stopped = false;
    void this.establish();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.discard();
    this.rest.close();
    this.webSocketRest.close();
    this.stateValue = 'stopped';
  }

  private async establish(): Promise<void> {
    if (this.stopped) return;
    this.stateValue = 'connecting';
    const { url, username, password, app, logger } = this.options;
    let client: AriClient | undefined;
    try {
      client = await (this.options.connect ?? ari.connect)(url, username, password);
      if (this.stopped) return;
      this.wire(client);
      this.current = client;
      await client.start(app);
    } catch (error) {
      if (client && this.current === client) this.discard();
      const reason = error instanceof Error ? error.message : String(error);
      this.scheduleRetry(`connect failed: ${reason.slice(0, 200)}`);
      return;
    }
    logger.info('ari connected', { app, attempt: this.attempt });
  }

  private wire(client: AriClient): void {
    const { logger } = this.options;
    client.on('WebSocketConnected', () => {
      guardAriSocket(
        client,
        (event) => {
          if (this.current === client && CONSUMED.has(event.type)) this.deliver(event);
        },
        (reason, detail) => {
          this.counters.droppedFrames[reason] += 1;
          logger.warn('ari frame dropped', { reason, detail });
        },
        (frame) => {
          if (!this.webSocketRest.handle(frame)) logger.warn('ari RESTResponse matches no request', { requestId: String(frame.request_id) });
        },
      );
      if (this.current !== client) return;
      this.attempt = 0;
      this.counters.connects += 1;
      this.stateValue = 'connected';
      void this.afterConnect(client);
      for (const listener of this.connectedListeners) listener();
    });
    client.on('WebSocketReconnecting', (error?: Error) => {
      if (this.current !== client) return;
      if (this.stateValue === 'connected') this.notifyDisconnected(error?.message ?? 'websocket closed');
      this.stateValue = 'connecting';
    });
    client.on('WebSocketMaxRetries', () => {
      if (this.current !== client) return;
      this.counters.rebuilds += 1;
      logger.warn('ari-client gave up reconnecting; rebuilding the client');
      this.discard();
      this.scheduleRetry('websocket max retries');
    });
  }

  /**
   * The filter first, over HTTP: a stasis_app kept from before may still have a filter without RESTResponse,
   * and Asterisk runs its answers through the filter like events, so they would be dropped (res/stasis/app.c).
   */
  private async afterConnect(client: AriClient): Promise<void> {
    const { app, logger } = this.options;
    const overWebSocket = await this.restOverWebSocket();
    if (this.current !== client) return;
    await applyAriEventFilter(this.rest, app, overWebSocket ? [...CONSUMED_ARI_EVENTS, 'RESTResponse'] : CONSUMED_ARI_EVENTS, logger);
    const socket = client._ws;
    if (this.current !== client || !overWebSocket || !socket) return;
    this.webSocketRest.attach(socket);
  }

  private async restOverWebSocket(): Promise<boolean> {
    const mode = this.options.restOverWebSocket ?? 'auto';
    if (mode !== 'auto') return mode === 'on';
    const version = await asteriskVersion(this.rest);
    const supported = version !== undefined && supportsRestOverWebSocket(version);
    this.options.logger.info('ari rest commands', { over: supported ? 'websocket' : 'http', version: version ?? 'unknown' });
    return supported;
  }

  private deliver(raw: unknown): void {
    const result = normaliseAriEvent(raw);
    if ('error' in result) {
      this.counters.droppedFrames['invalid-event'] += 1;
      this.options.logger.warn('ari event ignored', { error: result.error });
      return;
    }
    for (const listener of this.eventListeners) listener(result.event);
  }

  private discard(): void {
    const client = this.current;
    this.current = undefined;
    this.webSocketRest.detach();
    if (!client) return;
    client.removeAllListeners();
    // Swallow errors of the closing socket: the client is gone for us.
    client.on('error', () => undefined);
    try {
      client.stop();
    } catch {
      // stop() throws when the socket never opened
    }
  }

  private notifyDisconnected(reason: string): void {
    this.options.logger.warn('ari disconnected', { reason });
    for (const listener of this.disconnectedListeners) listener(reason);
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    const wasConnected = this.stateValue === 'connected';
    this.stateValue = 'disconnected';
    if (wasConnected) this.notifyDisconnected(reason);
    const delay = backoffDelay(this.attempt, this.options.reconnect);
    this.attempt += 1;
    this.options.logger.warn('ari reconnect scheduled', { reason, delayMs: delay, attempt: this.attempt });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.establish(), delay);
  }
}
