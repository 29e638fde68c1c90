import { Counter, type Registry } from 'prom-client';
import { STREAM_KINDS, type StreamKind } from '../../realtime/stream-names.js';
import type { BoardDeltaMessage } from '../../realtime/protocol.js';

export interface DeltaSources {
  onDelta(listener: (delta: BoardDeltaMessage) => void): () => void;
  /** Sockets in a stream's room now (the socket server emits a delta only to a room that has some). */
  roomSize(stream: string): number;
}

const PREFIXES = STREAM_KINDS.map((kind) => [kind, `${kind}:`] as const);

/** The stream's kind without slicing its name (a delta per change, for every screen). */
function kindOf(stream: string): StreamKind | undefined {
  for (const [kind, prefix] of PREFIXES) if (stream === kind || stream.startsWith(prefix)) return kind;
  return undefined;
}

/** socket.io deltas sent (to a room with sockets in it) and the socket messages that made, by stream kind. */
export function watchDeltas(registry: Registry, sources: DeltaSources): () => void {
  const sent = new Counter({ name: 'alo153_realtime_deltas_sent_total', help: 'Stream deltas emitted over socket.io, by stream kind', labelNames: ['kind'] as const, registers: [registry] });
  const deliveries = new Counter({ name: 'alo153_realtime_delta_deliveries_total', help: 'Delta messages to sockets (a delta × the sockets following its stream), by stream kind', labelNames: ['kind'] as const, registers: [registry] });
  const children = new Map(STREAM_KINDS.map((kind) => [kind, { sent: sent.labels({ kind }), deliveries: deliveries.labels({ kind }) }]));
  return sources.onDelta((delta) => {
    const sockets = sources.roomSize(delta.stream);
    if (sockets === 0) return;
    const kind = kindOf(delta.stream);
    const child = kind && children.get(kind);
    if (!child) return;
    child.sent.inc();
    child.deliveries.inc(sockets);
  });
}
