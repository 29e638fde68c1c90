import type { BoardDeltaMessage } from './protocol.js';

/**
 * Where a stream's deltas go once the hub has numbered them: the socket server sends each to the room
 * of the same name. One place on purpose: a second alo153 node later puts a shared bus (Redis pub/sub,
 * PostgreSQL LISTEN/NOTIFY) behind this interface, and its hub mirrors the streams from the deltas it
 * hears, so its snapshots match this node's sequence numbers.
 */
export interface StreamBus {
  publish(delta: BoardDeltaMessage): void;
  /** Returns the unsubscribe. */
  subscribe(listener: (delta: BoardDeltaMessage) => void): () => void;
}

/** One process: listeners are called synchronously, in subscription order; one that throws does not stop the others. */
export class InProcessStreamBus implements StreamBus {
  private readonly listeners: Array<(delta: BoardDeltaMessage) => void> = [];

  constructor(private readonly onListenerError: (error: Error, delta: BoardDeltaMessage) => void = () => undefined) {}

  publish(delta: BoardDeltaMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(delta);
      } catch (error) {
        this.onListenerError(error as Error, delta);
      }
    }
  }

  subscribe(listener: (delta: BoardDeltaMessage) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }
}
