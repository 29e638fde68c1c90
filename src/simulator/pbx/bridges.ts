import type { SimChannel } from './channel.js';
import { ariTimestamp } from './ids.js';
import type { Pbx } from './pbx.js';

export interface AriBridgeJson {
  id: string;
  technology: string;
  bridge_type: string;
  bridge_class: string;
  creator: string;
  name: string;
  channels: string[];
  creationtime: string;
  video_mode: string;
}

interface SimBridge {
  id: string;
  name: string;
  type: 'mixing' | 'holding';
  channels: SimChannel[];
  creationtime: string;
  /** The Stasis app whose channel entered it: the app that hears its events (without subscribeAll). */
  app: string | null;
  leaveListeners: Map<string, () => void>;
}

/**
 * ARI bridges (bridges.json of Asterisk 22): a Stasis-class bridge made by POST /bridges, channels in and out,
 * destroyed by DELETE. A bridged channel that hangs up leaves it first (ChannelLeftBridge before its StasisEnd);
 * destroying a bridge lets its channels leave and keeps them in Stasis.
 */
export class SimBridges {
  private readonly bridges = new Map<string, SimBridge>();

  constructor(private readonly pbx: Pbx) {}

  get(id: string): SimBridge | undefined {
    return this.bridges.get(id);
  }

  list(): SimBridge[] {
    return [...this.bridges.values()];
  }

  toAri(bridge: SimBridge): AriBridgeJson {
    return {
      id: bridge.id,
      technology: 'simple_bridge',
      bridge_type: bridge.type,
      bridge_class: 'stasis',
      creator: 'Stasis',
      name: bridge.name,
      channels: bridge.channels.map((c) => c.id),
      creationtime: bridge.creationtime,
      video_mode: 'none',
    };
  }

  create(id: string, type: 'mixing' | 'holding', name: string): SimBridge | 'exists' {
    if (this.bridges.has(id)) return 'exists';
    const bridge: SimBridge = { id, name, type, channels: [], creationtime: ariTimestamp(), app: null, leaveListeners: new Map() };
    this.bridges.set(id, bridge);
    // Nobody is subscribed to a new bridge yet: only subscribeAll sockets hear of it.
    this.event(bridge, 'BridgeCreated');
    return bridge;
  }

  /** The bridge a channel is in, if any. */
  bridgeOf(channel: SimChannel): SimBridge | undefined {
    return this.list().find((bridge) => bridge.channels.includes(channel));
  }

  add(bridge: SimBridge, channel: SimChannel): void {
    if (bridge.channels.includes(channel)) return;
    const previous = this.bridgeOf(channel);
    if (previous) this.remove(previous, channel);
    bridge.channels.push(channel);
    bridge.app ??= channel.stasisApp;
    bridge.leaveListeners.set(
      channel.id,
      channel.onHangup((kind) => {
        if (kind === 'restart') this.detach(bridge, channel);
        else this.remove(bridge, channel);
      }),
    );
    this.event(bridge, 'ChannelEnteredBridge', channel);
  }

  remove(bridge: SimBridge, channel: SimChannel): boolean {
    if (!this.detach(bridge, channel)) return false;
    this.event(bridge, 'ChannelLeftBridge', channel);
    return true;
  }

  destroy(bridge: SimBridge): void {
    for (const channel of [...bridge.channels]) this.remove(bridge, channel);
    this.bridges.delete(bridge.id);
    this.event(bridge, 'BridgeDestroyed');
  }

  /** A restart: bridges vanish without events, like channels. */
  dropAll(): void {
    this.bridges.clear();
  }

  private detach(bridge: SimBridge, channel: SimChannel): boolean {
    const index = bridge.channels.indexOf(channel);
    if (index < 0) return false;
    bridge.channels.splice(index, 1);
    bridge.leaveListeners.get(channel.id)?.();
    bridge.leaveListeners.delete(channel.id);
    return true;
  }

  private event(bridge: SimBridge, type: string, channel?: SimChannel): void {
    const body: Record<string, unknown> = { bridge: this.toAri(bridge), ...(channel ? { channel: channel.toAri() } : {}) };
    this.pbx.router.deliverToApp({ type, timestamp: ariTimestamp(), body }, bridge.app);
  }
}
