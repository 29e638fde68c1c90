import { io, type Socket } from 'socket.io-client';
import type { BoardDeltaMessage, BoardEntries, BoardSnapshotMessage, QueueTile } from '../src/realtime/protocol.js';

export interface WallboardFigures {
  snapshots: number;
  deltas: number;
  /** A delta whose seq skipped one: the screen would have missed a change. */
  seqGaps: number;
  disconnects: number;
  connected: boolean;
  /** The board's all-queues tile as the screen holds it now. */
  total: QueueTile | undefined;
  error: string | null;
}

/** One supervisor screen on the `supervisors` stream for the whole soak, as a wallboard left open all day. */
export class SoakWallboard {
  private readonly socket: Socket;
  private entries: BoardEntries = {};
  private lastSeq = -1;
  private readonly figures = { snapshots: 0, deltas: 0, seqGaps: 0, disconnects: 0 };
  private error: string | null = null;

  constructor(url: string, token: string) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
    this.socket.on('connect_error', (error: Error) => (this.error = error.message));
    this.socket.on('disconnect', () => (this.figures.disconnects += 1));
    this.socket.on('board:snapshot', (snapshot: BoardSnapshotMessage) => {
      if (snapshot.stream !== 'supervisors') return;
      this.figures.snapshots += 1;
      this.entries = { ...snapshot.entries };
      this.lastSeq = snapshot.seq;
    });
    this.socket.on('board:delta', (delta: BoardDeltaMessage) => {
      if (delta.stream !== 'supervisors') return;
      this.figures.deltas += 1;
      if (delta.seq > this.lastSeq + 1) this.figures.seqGaps += 1;
      this.lastSeq = Math.max(this.lastSeq, delta.seq);
      Object.assign(this.entries, delta.set);
      for (const key of delta.remove) delete this.entries[key];
    });
  }

  read(): WallboardFigures {
    return { ...this.figures, connected: this.socket.connected, total: this.entries.total as QueueTile | undefined, error: this.error };
  }

  close(): void {
    this.socket.close();
  }
}
