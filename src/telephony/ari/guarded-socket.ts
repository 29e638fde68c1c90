import type { AriClient } from 'ari-client';

export type DroppedFrameReason = 'malformed-json' | 'not-an-event' | 'unknown-event-type' | 'handler-threw';

/**
 * ari-client 2.2.0 (lib/client.js, processMessage) calls JSON.parse on every frame and reads
 * `eventModel.properties` of the frame's type without checks, inside the WebSocket 'message'
 * handler: one malformed frame or one event type missing from the API declarations throws out of
 * the socket handler. It also builds, for every event, resource objects with all their operations
 * bound (lodash + swagger), which alo153 never uses and which cost more CPU than the rest of the
 * call path's event handling.
 *
 * We cannot reach that closure, but we can reach the socket: on every (re)connect the socket's
 * 'message' listeners are replaced by one that parses the frame once, drops and counts what is not
 * a declared event, and hands the event's JSON to alo153. ari-client keeps the connection, the
 * declarations and its reconnect.
 */
export function guardAriSocket(
  client: AriClient,
  dispatch: (event: { type: string } & Record<string, unknown>) => void,
  onDropped: (reason: DroppedFrameReason, detail: string) => void,
  onRestResponse?: (frame: Record<string, unknown>) => void,
): void {
  const socket = client._ws;
  if (!socket) return;
  const listeners = socket.listeners('message') as Array<{ alo153Guard?: boolean }>;
  if (listeners.length === 0 || listeners.some((l) => l.alo153Guard)) return;
  socket.removeAllListeners('message');
  const models = client._swagger?.apis?.events?.models ?? {};
  const guard = Object.assign(
    (data: unknown) => {
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        onDropped('malformed-json', text.slice(0, 200));
        return;
      }
      if (typeof frame !== 'object' || frame === null || typeof (frame as { type?: unknown }).type !== 'string') {
        onDropped('not-an-event', text.slice(0, 200));
        return;
      }
      const event = frame as { type: string } & Record<string, unknown>;
      // An answer to our own RESTRequest, whether or not the server's declarations name the type.
      if (event.type === 'RESTResponse' && onRestResponse) return void onRestResponse(event);
      if (!Object.prototype.hasOwnProperty.call(models, event.type)) {
        onDropped('unknown-event-type', event.type);
        return;
      }
      try {
        dispatch(event);
      } catch (error) {
        onDropped('handler-threw', (error as Error).message);
      }
    },
    { alo153Guard: true },
  );
  socket.on('message', guard);
}
