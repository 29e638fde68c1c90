import type { AriClient } from 'ari-client';

export type DroppedFrameReason = 'malformed-json' | 'not-an-event' | 'unknown-event-type' | 'handler-threw';

/**
 * ari-client 2.2.0 (lib/client.js, processMessage) calls JSON.parse on every frame and reads
 * `eventModel.properties` of the frame's type without checks, inside the WebSocket 'message'
 * handler: one malformed frame or one event type missing from the API declarations throws out
 * of the socket handler. We cannot reach that closure, but we can reach the socket: on every
 * (re)connect we wrap its 'message' listeners in a guard: a frame that makes ari-client (or one of
 * our handlers) throw is dropped, classified and counted, and the socket carries on.
 */
export function guardAriSocket(client: AriClient, onDropped: (reason: DroppedFrameReason, detail: string) => void): void {
  const socket = client._ws;
  if (!socket) return;
  const originals = socket.listeners('message') as Array<(data: unknown, flags?: unknown) => void>;
  if (originals.length === 0 || originals.some((l) => (l as { alo153Guard?: boolean }).alo153Guard)) return;
  socket.removeAllListeners('message');
  const guard = Object.assign(
    (data: unknown, flags?: unknown) => {
      const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      for (const listener of originals) {
        try {
          listener(text, flags);
        } catch (error) {
          // processMessage throws before it emits anything for a bad frame, so nothing half-happened.
          // Frames are classified only on this rare path: parsing every frame twice would cost CPU on each event.
          const reason = classifyFrame(text, client);
          onDropped(reason ?? 'handler-threw', reason ? text.slice(0, 200) : (error as Error).message);
        }
      }
    },
    { alo153Guard: true },
  );
  socket.on('message', guard);
}

function classifyFrame(text: string, client: AriClient): DroppedFrameReason | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return 'malformed-json';
  }
  if (typeof frame !== 'object' || frame === null || typeof (frame as { type?: unknown }).type !== 'string') return 'not-an-event';
  const models = client._swagger?.apis?.events?.models ?? {};
  const type = (frame as { type: string }).type;
  if (!Object.prototype.hasOwnProperty.call(models, type)) return 'unknown-event-type';
  return undefined;
}
