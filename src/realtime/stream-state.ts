import type { BoardDeltaMessage, BoardEntries, BoardSnapshotMessage, StreamName } from './protocol.js';

/**
 * One stream's last published entries and sequence number. Entries are compared by their JSON, so a
 * delta carries exactly the entries whose content changed; an unchanged board publishes nothing.
 */
export class StreamState {
  private seq = 0;
  private entries: BoardEntries = {};
  private serialised = new Map<string, string>();

  constructor(readonly name: StreamName) {}

  get sequence(): number {
    return this.seq;
  }

  /** The delta from the last published entries to `next`, or null when nothing changed. */
  update(next: BoardEntries, at: number): BoardDeltaMessage | null {
    const set: BoardEntries = {};
    const serialised = new Map<string, string>();
    let changed = false;
    for (const [key, entry] of Object.entries(next)) {
      const json = JSON.stringify(entry);
      serialised.set(key, json);
      if (this.serialised.get(key) !== json) {
        set[key] = entry;
        changed = true;
      }
    }
    const remove = [...this.serialised.keys()].filter((key) => !serialised.has(key));
    this.entries = next;
    this.serialised = serialised;
    if (!changed && remove.length === 0) return null;
    this.seq += 1;
    return { stream: this.name, seq: this.seq, at, set, remove };
  }

  snapshot(at: number): BoardSnapshotMessage {
    return { stream: this.name, seq: this.seq, at, entries: this.entries };
  }
}
