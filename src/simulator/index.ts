import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../logging/logger.js';
import { getHeader } from './ami/ami-message.js';
import { response } from './ami/ami-replies.js';
import { AmiServer } from './ami/ami-server.js';
import { AriServer } from './ari/ari-server.js';
import { EventHub } from './ari/event-hub.js';
import { createAmiEventSink } from './pbx/ami-adapter.js';
import { AppQueue } from './pbx/app-queue.js';
import { SimBridges } from './pbx/bridges.js';
import { placeCall, type CallHandle, type PlaceCallOptions } from './pbx/callers.js';
import { OutboundBehaviour, type PhoneRule, type TrunkRule, type TrunkShares } from './pbx/outbound.js';
import { parseDialplan } from './pbx/dialplan-parser.js';
import { DialplanRunner } from './pbx/dialplan-runner.js';
import { Devices } from './pbx/devices.js';
import { ariTimestamp } from './pbx/ids.js';
import { Pbx } from './pbx/pbx.js';
import { PlaybackManager } from './pbx/playbacks.js';
import { QueueBackend } from './pbx/queue-backend.js';
import { loadQueuesConf } from './pbx/queues-conf.js';
import { startTraffic, type TrafficOptions } from './traffic.js';

export type { CallHandle, PlaceCallOptions, CallEnd, CallScriptStep } from './pbx/callers.js';
export type { TrafficOptions } from './traffic.js';
export type { PhoneRule, TrunkRule, TrunkShares } from './pbx/outbound.js';

/** What tests may assert on: a bridge as the PBX sees it. */
export interface BridgeView {
  id: string;
  type: string;
  channels: string[];
}

export interface SimulatorOptions {
  host?: string;
  ariPort?: number;
  amiPort?: number;
  username: string;
  password: string;
  /** 1 = real time; tests use 0.01 (every simulated delay takes 1 % of its real length). */
  speed?: number;
  dialplanDir?: string;
  logger?: Logger;
}

export interface AgentOptions {
  interface: string;
  name: string;
  /** Simulated ms from ringing to answering. */
  answerAfterMs: number;
  /** Simulated ms the agent talks before hanging up. */
  talkMs: number;
  noAnswer?: boolean;
}

/** What tests may assert on: a channel as the PBX sees it. */
export interface ChannelView {
  id: string;
  name: string;
  state: string;
  callerNumber: string;
  language: string;
  variables: Record<string, string>;
  dialplan: { context: string; exten: string; priority: number; app: string };
  inStasis: boolean;
  queue: string | null;
}

/** Phase lengths of restartAsterisk, in real ms. */
export interface RestartPhases {
  refuseMs?: number;
  http404Ms?: number;
  notBootedMs?: number;
}

export interface Simulator {
  ariUrl: string;
  ariPort: number;
  amiPort: number;
  placeCall(options: PlaceCallOptions): CallHandle;
  addAgent(options: AgentOptions): void;
  removeAgent(iface: string): void;
  startTraffic(options: TrafficOptions): { stop(): void };
  dropAriWebSocket(): void;
  dropAmiConnections(): void;
  /** Cuts AMI (drops every session and refuses new ones, as a firewall or a stopped manager would) or restores it. */
  setAmiAvailable(available: boolean): void;
  /** Resolves once ARI answers normally again. */
  restartAsterisk(phases?: RestartPhases): Promise<void>;
  sendRawAriFrame(text: string): void;
  channels(): ChannelView[];
  bridges(): BridgeView[];
  /** Callbacks: what the simulated trunk does with a citizen number (default: answer after 3 s of ringing). */
  setTrunk(number: string, rule: TrunkRule): void;
  /** The demo: numbers without a rule draw answer/busy/no-answer/fail from these shares (seeded). */
  setTrunkShares(shares: TrunkShares, seed: number): void;
  /** Callbacks: how an agent's phone answers an originated leg (default: as its agent, or after 1 s). */
  setPhone(iface: string, rule: PhoneRule): void;
  /** A channel disappears without any event, as if Asterisk lost it. */
  vanishChannel(channelId: string): void;
  stop(): Promise<void>;
}

const DEFAULT_DIALPLAN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dialplans');
const wait = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const speed = options.speed ?? 1;
  const dialplanDir = options.dialplanDir ?? DEFAULT_DIALPLAN_DIR;
  const logger = (options.logger ?? createLogger({ level: 'warn' })).child({ component: 'simulator' });
  const dialplan = parseDialplan(await readFile(join(dialplanDir, 'extensions.conf'), 'utf8'));
  const queueConfigs = await loadQueuesConf(join(dialplanDir, 'queues.conf'));

  const ami = new AmiServer({ host, port: options.amiPort ?? 0, username: options.username, secret: options.password, logger });
  const hub = new EventHub();
  const pbx = new Pbx(dialplan, hub, createAmiEventSink((message) => ami.publish(message)), logger, speed);
  const devices = new Devices();
  const appQueue = new AppQueue(pbx, devices, queueConfigs);
  ami.setBackend(new QueueBackend(appQueue, speed));
  const playbacks = new PlaybackManager(pbx, join(dialplanDir, 'sounds'));
  const runner = new DialplanRunner(pbx, appQueue, playbacks);
  const bridges = new SimBridges(pbx);
  const outbound = new OutboundBehaviour(devices);
  const core = { pbx, playbacks, runner, hub, globals: new Map<string, string>(), startedAt: ariTimestamp(), bridges, devices, outbound };
  const ari = new AriServer({ host, port: options.ariPort ?? 0, username: options.username, password: options.password, logger }, core);

  // AMI `Hangup` on a waiting caller (05): the queue sees an abandon, like a caller hanging up.
  ami.registerAction('Hangup', (action, actionId) => {
    const name = getHeader(action, 'Channel');
    const channel = [...pbx.channels.values()].find((c) => c.name === name || c.id === name);
    if (!channel) return [response('Error', actionId, 'No such channel')];
    pbx.hangup(channel, 'caller');
    return [response('Success', actionId, 'Channel Hungup')];
  });

  const amiPort = await ami.start();
  const ariPort = await ari.listen();
  const trafficStops = new Set<() => void>();

  const simulator: Simulator = {
    ariUrl: `http://${host}:${ariPort}`,
    ariPort,
    amiPort,
    placeCall: (callOptions) => placeCall(pbx, runner, callOptions),
    addAgent: (agent) =>
      devices.register(agent.interface, { name: agent.name, answerAfterMs: agent.answerAfterMs, talkMs: agent.talkMs, noAnswer: agent.noAnswer ?? false }),
    removeAgent: (iface) => devices.unregister(iface),
    startTraffic: (trafficOptions) => {
      const traffic = startTraffic((call) => simulator.placeCall(call), speed, trafficOptions);
      trafficStops.add(traffic.stop);
      return traffic;
    },
    dropAriWebSocket: () => hub.terminateAll(),
    dropAmiConnections: () => ami.dropConnections(),
    setAmiAvailable: (available) => {
      ami.setAccepting(available);
      if (!available) ami.dropConnections();
    },
    restartAsterisk: async (phases = {}) => {
      ami.shutdown(true);
      ami.setAccepting(false);
      await ari.setPhase('refusing');
      pbx.dropAllChannels();
      appQueue.endWrapUps();
      bridges.dropAll();
      pbx.ids.reset();
      devices.resetSilently();
      await wait(phases.refuseMs ?? 200);
      ami.setAccepting(true);
      await ari.setPhase('http-404');
      await wait(phases.http404Ms ?? 200);
      await ari.setPhase('not-booted');
      await wait(phases.notBootedMs ?? 200);
      await ari.setPhase('up');
    },
    sendRawAriFrame: (text) => hub.sendRaw(text),
    channels: () =>
      [...pbx.channels.values()].map((c) => ({
        id: c.id,
        name: c.name,
        state: c.state,
        callerNumber: c.caller.number,
        language: c.language,
        variables: Object.fromEntries(c.variables),
        dialplan: { ...c.position, app: c.appName },
        inStasis: c.stasisApp !== null,
        queue: c.queueName,
      })),
    bridges: () => bridges.list().map((b) => ({ id: b.id, type: b.type, channels: b.channels.map((c) => c.id) })),
    setTrunk: (number, rule) => outbound.setTrunk(number, rule),
    setTrunkShares: (shares, seed) => outbound.setShares(shares, seed),
    setPhone: (iface, rule) => outbound.setPhone(iface, rule),
    vanishChannel: (channelId) => {
      const channel = pbx.channels.get(channelId);
      if (channel) pbx.vanish(channel);
    },
    stop: async () => {
      for (const stopTraffic of trafficStops) stopTraffic();
      pbx.dropAllChannels();
      await ari.close();
      await ami.stop();
    },
  };
  return simulator;
}
