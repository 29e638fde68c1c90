import type { ConnectionState } from '../telephony/ports.js';
import type { LinkState, LinkStatus } from './protocol.js';

/** What LinkStatusTracker listens to (AmiConnection and AriSupervisor fit). */
export interface WatchedConnection {
  readonly state: ConnectionState;
  onConnected(listener: () => void): void;
  onDisconnected(listener: (reason: string) => void): void;
}

const linkStateOf = (state: ConnectionState): LinkState => (state === 'connected' ? 'connected' : state === 'connecting' ? 'connecting' : 'disconnected');

/**
 * The links behind the board's figures. AMI counts as connected only once the QueueStatus resync that
 * follows a (re)connect has been applied: before it, the board still shows what was true at the drop.
 */
export class LinkStatusTracker {
  private value: LinkStatus;
  private readonly listeners: Array<() => void> = [];

  constructor(
    ami: WatchedConnection,
    ari: WatchedConnection,
    private readonly now: () => number = Date.now,
  ) {
    const at = now();
    this.value = { ami: ami.state === 'connected' ? 'connecting' : linkStateOf(ami.state), amiSince: at, ari: linkStateOf(ari.state), ariSince: at };
    ami.onConnected(() => this.set({ ami: 'connecting' }));
    ami.onDisconnected(() => this.set({ ami: 'disconnected' }));
    ari.onConnected(() => this.set({ ari: 'connected' }));
    ari.onDisconnected(() => this.set({ ari: 'disconnected' }));
  }

  get status(): LinkStatus {
    return this.value;
  }

  /** The queue state was rebuilt from a QueueStatus snapshot: the figures are exact again. */
  resynced(): void {
    this.set({ ami: 'connected' });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private set(change: { ami?: LinkState; ari?: LinkState }): void {
    const at = this.now();
    const next = { ...this.value };
    if (change.ami !== undefined && change.ami !== next.ami) Object.assign(next, { ami: change.ami, amiSince: at });
    if (change.ari !== undefined && change.ari !== next.ari) Object.assign(next, { ari: change.ari, ariSince: at });
    if (next.ami === this.value.ami && next.ari === this.value.ari) return;
    this.value = next;
    for (const listener of this.listeners) listener();
  }
}
