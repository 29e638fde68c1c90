import type { BoardDeltaMessage, BoardEntries, BoardEntry, BoardSnapshotMessage, StreamName } from './protocol.js';

/**
 * One stream's entries and sequence number. Entries are compared by their JSON, so a delta carries exactly
 * the entries whose content changed and an unchanged stream publishes nothing. `patch` looks only at the
 * entries it is given, so a publisher that knows what changed pays for those alone.
 */
export class StreamState {
  private seq: number;
  private readonly values = new Map<string, BoardEntry>();
  private readonly serialised = new Map<string, string>();
  /** The snapshot's entries, built once per change: a thousand screens reconnecting share one object. */
  private cached: BoardEntries | undefined;

  /** `startSeq`: a stream dropped and opened again goes on from its old number, so no follower takes it for stale. */
  constructor(
    readonly name: StreamName,
    startSeq = 0,
  ) {
    this.seq = startSeq;
  }

  get sequence(): number {
    return this.seq;
  }

  get size(): number {
    return this.values.size;
  }

  get(key: string): BoardEntry | undefined {
    return this.values.get(key);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  /** Sets the given entries and removes the named ones; the delta of what really changed, or null. */
  patch(set: Readonly<BoardEntries>, remove: readonly string[], at: number): BoardDeltaMessage | null {
    const changed: BoardEntries = {};
    let any = false;
    for (const [key, entry] of Object.entries(set)) {
      if (entry === undefined) continue;
      const json = JSON.stringify(entry);
      if (this.serialised.get(key) === json) continue;
      this.serialised.set(key, json);
      this.values.set(key, entry);
      changed[key] = entry;
      any = true;
    }
    const removed: string[] = [];
    for (const key of remove) {
      if (key in set || !this.values.delete(key)) continue;
      this.serialised.delete(key);
      removed.push(key);
    }
    if (!any && removed.length === 0) return null;
    this.cached = undefined;
    this.seq += 1;
    return { stream: this.name, seq: this.seq, at, set: changed, remove: removed };
  }

  /** The delta from the current entries to exactly `next` (entries missing from `next` are removed). */
  update(next: Readonly<BoardEntries>, at: number): BoardDeltaMessage | null {
    const remove = [...this.values.keys()].filter((key) => !(key in next));
    return this.patch(next, remove, at);
  }

  snapshot(at: number): BoardSnapshotMessage {
    this.cached ??= Object.fromEntries(this.values);
    return { stream: this.name, seq: this.seq, at, entries: this.cached };
  }
}
