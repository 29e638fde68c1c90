import type { SimBridges } from '../pbx/bridges.js';
import type { Devices } from '../pbx/devices.js';
import type { DialplanRunner } from '../pbx/dialplan-runner.js';
import type { OutboundBehaviour } from '../pbx/outbound.js';
import type { Pbx } from '../pbx/pbx.js';
import type { PlaybackManager } from '../pbx/playbacks.js';
import type { EventHub } from './event-hub.js';

/** What the ARI routes act on. */
export interface AriCore {
  pbx: Pbx;
  playbacks: PlaybackManager;
  runner: DialplanRunner;
  hub: EventHub;
  globals: Map<string, string>;
  startedAt: string;
  bridges: SimBridges;
  devices: Devices;
  outbound: OutboundBehaviour;
}
