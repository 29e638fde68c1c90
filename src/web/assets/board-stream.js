/**
 * One board stream as the screen knows it: the entries of the last snapshot with every in-order
 * delta applied since. Free of the DOM and of socket.io so that Node tests can drive it.
 */

/** @typedef {import('../../realtime/protocol.js').StreamName} StreamName */
/** @typedef {import('../../realtime/protocol.js').BoardEntries} BoardEntries */
/** @typedef {import('../../realtime/protocol.js').BoardSnapshotMessage} BoardSnapshotMessage */
/** @typedef {import('../../realtime/protocol.js').BoardDeltaMessage} BoardDeltaMessage */
/** @typedef {'applied' | 'stale' | 'gap' | 'waiting-for-snapshot'} DeltaOutcome */

export class BoardStream {
  /** @type {StreamName} */
  #stream;
  /** @type {BoardEntries} */
  #entries = {};
  #seq = 0;
  /** Until a snapshot has arrived (first one, or the answer to a resync) no delta can be trusted. */
  #awaitingSnapshot = true;
  #clockOffsetMs = 0;
  /** @type {() => number} */
  #localNow;

  /**
   * @param {StreamName} stream
   * @param {{ now?: () => number }} [options] `now` replaces Date.now, for tests.
   */
  constructor(stream, options = {}) {
    this.#stream = stream;
    this.#localNow = options.now ?? (() => Date.now());
  }

  get stream() {
    return this.#stream;
  }

  /** @returns {Readonly<BoardEntries>} */
  get entries() {
    return this.#entries;
  }

  get seq() {
    return this.#seq;
  }

  get awaitingSnapshot() {
    return this.#awaitingSnapshot;
  }

  /** Milliseconds to add to the local clock to get the server's. */
  get clockOffsetMs() {
    return this.#clockOffsetMs;
  }

  /** The server's clock now: every ticking duration counts from this, so a wrong PC clock cannot skew it. */
  serverNow() {
    return this.#localNow() + this.#clockOffsetMs;
  }

  /** The connection dropped: deltas on the next one are not trusted until its snapshot has arrived. */
  expectSnapshot() {
    this.#awaitingSnapshot = true;
  }

  /** @param {BoardSnapshotMessage} message */
  applySnapshot(message) {
    this.#assertOwnStream(message.stream);
    this.#takeClock(message.at);
    this.#entries = { ...message.entries };
    this.#seq = message.seq;
    this.#awaitingSnapshot = false;
  }

  /**
   * @param {BoardDeltaMessage} message
   * @returns {DeltaOutcome}
   */
  applyDelta(message) {
    this.#assertOwnStream(message.stream);
    this.#takeClock(message.at);
    if (this.#awaitingSnapshot) return 'waiting-for-snapshot';
    if (message.seq <= this.#seq) return 'stale';
    if (message.seq !== this.#seq + 1) {
      this.#awaitingSnapshot = true;
      return 'gap';
    }
    const entries = { ...this.#entries };
    for (const key of message.remove) delete entries[key];
    Object.assign(entries, message.set);
    this.#entries = entries;
    this.#seq = message.seq;
    return 'applied';
  }

  /** @param {number} serverAt */
  #takeClock(serverAt) {
    this.#clockOffsetMs = serverAt - this.#localNow();
  }

  /** @param {StreamName} stream */
  #assertOwnStream(stream) {
    if (stream !== this.#stream) throw new Error(`message for stream ${stream} given to stream ${this.#stream}`);
  }
}
