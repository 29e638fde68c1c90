import type { WebSocket } from 'ws';
import type { SimChannel } from '../pbx/channel.js';
import type { AriEventDraft, AriEventRouter } from '../pbx/event-ports.js';
import { ariTimestamp } from '../pbx/ids.js';
import { AppEventFilter } from './app-event-filter.js';
import { EVENT_TYPES } from './declarations.js';
import type { RestResponseFrame } from './rest-over-ws.js';

const DECLARED = new Set(EVENT_TYPES);

export const ASTERISK_ID = '02:fc:00:00:00:01';

interface AppSocket {
  app: string;
  socket: WebSocket;
  subscribeAll: boolean;
}

/** ari.conf `pretty=yes`: frames and bodies are indented JSON. */
export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * The events WebSocket side of ARI: one socket per application. A newer socket for the same app
 * replaces the old one, which gets ApplicationReplaced, stays open and hears nothing more (fact 13).
 */
export class EventHub implements AriEventRouter {
  private readonly apps = new Map<string, AppSocket>();
  /** Replaced sockets stay open, so they are tracked apart from the per-app registry. */
  private readonly sockets = new Set<WebSocket>();
  /** Per application, not per socket: Asterisk keeps the stasis_app (and its filter) while it still has channels. */
  private readonly filters = new Map<string, AppEventFilter>();

  /** `inUse`: channels are still subscribed to the app, so Asterisk reuses its stasis_app; otherwise it is a new one. */
  register(app: string, socket: WebSocket, subscribeAll: boolean, inUse = false): void {
    const previous = this.apps.get(app);
    if (!previous && !inUse) this.filters.delete(app);
    this.apps.set(app, { app, socket, subscribeAll });
    if (previous && previous.socket.readyState === previous.socket.OPEN && this.filters.get(app)?.allows('ApplicationReplaced') !== false) {
      previous.socket.send(pretty({ type: 'ApplicationReplaced', timestamp: ariTimestamp(), application: app, asterisk_id: ASTERISK_ID }));
    }
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.apps.get(app)?.socket === socket) this.apps.delete(app);
    });
  }

  appNames(): string[] {
    return [...this.apps.keys()];
  }

  subscribeAll(app: string): boolean {
    return this.apps.get(app)?.subscribeAll ?? false;
  }

  isAppConnected(app: string): boolean {
    return this.apps.has(app);
  }

  eventFilter(app: string): AppEventFilter {
    let filter = this.filters.get(app);
    if (!filter) {
      filter = new AppEventFilter();
      this.filters.set(app, filter);
    }
    return filter;
  }

  deliver(draft: AriEventDraft, channel: SimChannel): void {
    this.deliverToApp(draft, channel.subscribedApp);
  }

  deliverToApp(draft: AriEventDraft, app: string | null): void {
    // ari-client throws on an event type its declarations lack, so the simulator must never send one.
    if (!DECLARED.has(draft.type)) throw new Error(`simulator bug: ARI event type ${draft.type} is not declared in declarations.ts`);
    for (const target of this.apps.values()) {
      if (!target.subscribeAll && target.app !== app) continue;
      // stasis_app_message_handler drops what the app's filter does not allow, before the frame is built.
      if (this.filters.get(target.app)?.allows(draft.type) === false) continue;
      this.send(target, { ...draft.head, type: draft.type, timestamp: draft.timestamp, ...draft.body, asterisk_id: ASTERISK_ID, application: target.app });
    }
  }

  /**
   * ari_websocket_send_event: the answer goes to the socket that asked, stamped with the socket's first app, and
   * through that app's event filter (stasis_app_event_allowed) like any event: a filter that does not allow
   * RESTResponse silences the answers. application, then timestamp and asterisk_id are appended in that order.
   */
  sendRestResponse(socket: WebSocket, app: string, frame: RestResponseFrame): void {
    if (this.filters.get(app)?.allows(frame.type) === false) return;
    if (socket.readyState === socket.OPEN) socket.send(pretty({ ...frame, application: app, timestamp: ariTimestamp(), asterisk_id: ASTERISK_ID }));
  }

  private send(target: AppSocket, event: Record<string, unknown>): void {
    if (target.socket.readyState === target.socket.OPEN) target.socket.send(pretty(event));
  }

  /** Test hook: any text, to every connected application socket. */
  sendRaw(text: string): void {
    for (const target of this.apps.values()) if (target.socket.readyState === target.socket.OPEN) target.socket.send(text);
  }

  /** Asterisk dying or a network cut: TCP goes away without a close frame, so clients see 1006. */
  terminateAll(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    this.apps.clear();
  }
}
