import type { Socket } from 'socket.io';

/**
 * What a socket has been given to send but the peer has not taken: engine.io's write buffer (packets
 * waiting for the transport, which is all of them while a websocket's previous write is still
 * pending or a polling client is not polling) plus the `ws` socket's bufferedAmount (bytes the kernel
 * has not accepted). A screen that stops reading grows both without limit.
 */

interface WsLike {
  bufferedAmount: number;
  terminate(): void;
}

function isWsLike(value: unknown): value is WsLike {
  return typeof value === 'object' && value !== null && typeof (value as WsLike).bufferedAmount === 'number' && typeof (value as WsLike).terminate === 'function';
}

/** engine.io keeps the websocket transport's `ws` socket private; it is the only place its backlog is known. */
function wsOf(socket: Socket): WsLike | undefined {
  const transport = socket.conn.transport;
  if (transport.name !== 'websocket') return undefined;
  const ws: unknown = Reflect.get(transport, 'socket');
  return isWsLike(ws) ? ws : undefined;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/**
 * Calls `onOverflow` once, after the packet that takes the socket's unsent output over `maxBytes`.
 * The write buffer is counted as packets enter it and reset when it is handed to the transport, so
 * each packet costs O(1) however long the backlog.
 */
export function watchUnsentOutput(socket: Socket, maxBytes: number, onOverflow: (unsentBytes: number) => void): void {
  let queued = 0;
  let tripped = false;
  socket.conn.on('packetCreate', (packet: { data?: unknown }) => {
    queued += sizeOf(packet.data);
    if (tripped) return;
    const unsent = queued + (wsOf(socket)?.bufferedAmount ?? 0);
    if (unsent <= maxBytes) return;
    tripped = true;
    // Not from inside engine.io's sendPacket, which still pushes and flushes this packet after the event.
    setImmediate(() => onOverflow(unsent));
  });
  socket.conn.on('flush', () => {
    queued = 0;
  });
}

/**
 * Closes the connection and frees what it holds. A polite close would queue a close frame behind the
 * backlog and wait up to 30 s (ws's close timeout) for a peer that does not read; this destroys the
 * TCP socket at once.
 */
export function dropConnection(socket: Socket): void {
  const ws = wsOf(socket);
  if (ws) ws.terminate();
  else socket.conn.close(true);
}
