import type { Knex } from 'knex';
import type { Server, Socket } from 'socket.io';
import type { AccessLog } from '../audit/access-log.js';
import type { UserStore, UserView } from '../auth/user-store.js';
import type { IvrDefinition } from '../ivr/types.js';
import type { Logger } from '../logging/logger.js';
import type { QueueMonitor } from '../queues/queue-monitor.js';
import { AmiQueueActions, type ActionPort } from '../telephony/ami/ami-queue-actions.js';
import type { TicketEditor } from '../requests/ticket-editor.js';
import type { KnexTicketStore } from '../calls/call-store.js';
import { AgentPresence, type DeskUser } from './agent-presence.js';
import { KnexAgentSessionStore, type AgentSessionStore } from './agent-session-store.js';
import { DESK_EVENTS } from './desk-protocol.js';
import { DeskNotifier } from './desk-notifier.js';
import type { SocketData } from '../realtime/socket-server.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import { deskStream } from '../realtime/stream-names.js';
import { ScreenPops, type PopViewer } from './screen-pops.js';

export interface DeskParts {
  presence: AgentPresence;
  sessions: AgentSessionStore;
  pops: ScreenPops;
  toDeskUser: (user: UserView) => DeskUser;
  /** Starts sending to the screens through `io`. */
  attach(io: Server): void;
  /** For each authenticated socket: a desk user gets its state and the current call at once. */
  onConnection(socket: Socket, user: UserView): void;
  stop(): void;
}

export interface DeskOptions {
  db: Knex;
  ami: ActionPort;
  monitor: QueueMonitor;
  store: KnexTicketStore;
  editor: TicketEditor;
  users: UserStore;
  /** The menu in use (the pops' IVR choice labels). */
  ivr: () => IvrDefinition;
  /** The hotline's queues when AMI has not told us yet (IVR targets and the fallback). */
  configuredQueues: readonly string[];
  /** The KVKK access log: every pop shown to a screen is recorded. */
  accessLog?: AccessLog;
  /**
   * Resolves once the call path's writes already queued for a channel landed (or a bound passed): the pop reads
   * the call after its hand-off, which the continue does not wait for, so a quick answer still shows the IVR path.
   */
  callWritesSettled?: (channelId: string) => Promise<unknown>;
  /** The penalties an admin set per queue (src/admin/queues); a desk login joins with them. */
  penaltiesOf?: (userId: number) => Promise<Readonly<Record<string, number>>>;
  /** The desk's pushed state goes to the stream `desk:<user id>` (entry `state`); absent: only the legacy event. */
  hub?: Pick<StreamHub, 'patch'>;
  logger: Logger;
}

/** The screens in a room right now, with the address each socket connected from. */
function viewersIn(io: Server | undefined, room: string, userId: number): PopViewer[] {
  const viewers: PopViewer[] = [];
  for (const id of io?.sockets.adapter.rooms.get(room) ?? []) {
    const socket = io?.sockets.sockets.get(id);
    if (socket) viewers.push({ userId, username: (socket.data as SocketData).user.username, address: socket.handshake.address });
  }
  return viewers;
}

/** The agent desk: presence (queue login, breaks), screen pops and desk:state, fed by the queue monitor. */
export function createDesk(options: DeskOptions): DeskParts {
  const { monitor, logger } = options;
  let io: Server | undefined;
  const room = (userId: number): string => `agent:${userId}`;
  const toDeskUser = (user: UserView): DeskUser => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    phoneInterface: user.phoneInterface,
    queues: user.queues,
  });
  const allQueues = (): string[] => [...new Set([...options.configuredQueues, ...Object.keys(monitor.state.queues)])].sort();

  const sessions = new KnexAgentSessionStore(options.db);
  const presence = new AgentPresence({
    actions: new AmiQueueActions(options.ami),
    sessions,
    queueState: () => monitor.state,
    allQueues,
    logger,
    // `notifier` is created next; presence only calls this after a desk action, never while constructing.
    onChange: (userId) => notifier.changed(userId),
    ...(options.penaltiesOf ? { penaltiesOf: options.penaltiesOf } : {}),
  });
  const notifier = new DeskNotifier({
    presence,
    logger,
    send: (userId, state) => {
      options.hub?.patch(deskStream(userId), { state: { ...state } });
      // `desk:state` stays for screens and tools that do not follow streams yet (the bench, older tests).
      io?.to(room(userId)).emit(DESK_EVENTS.state, state);
    },
  });
  const pops = new ScreenPops({
    ivr: options.ivr,
    logger,
    deliver: (userId, pop) => io?.to(room(userId)).emit(DESK_EVENTS.pop, pop),
    ...(options.accessLog ? { accessLog: options.accessLog } : {}),
    viewersOf: (userId) => viewersIn(io, room(userId), userId),
    sources: {
      userIdByInterface: async (agentInterface) => (await options.users.findByInterface(agentInterface))?.id,
      callByChannel: async (uniqueid) => {
        await options.callWritesSettled?.(uniqueid);
        return options.store.getCallByChannel(uniqueid);
      },
      ticket: (number) => options.store.findTicket(number),
      history: (phone, excludeNumber) => options.store.history(phone, excludeNumber),
      assignOwner: (number, userId) => options.editor.assignOwner(number, userId),
    },
  });

  const unsubscribe = monitor.onChange((change) => {
    if (change.kind === 'event') pops.handle(change.event);
    // The queue state was rebuilt after AMI came back: do what desks asked for meanwhile.
    else void presence.retryPending();
    notifier.changed();
  });
  notifier.start();

  return {
    presence,
    sessions,
    pops,
    toDeskUser,
    attach: (server) => {
      io = server;
    },
    onConnection: (socket, user) => {
      if (!user.phoneInterface) return;
      const state = notifier.attach(toDeskUser(user));
      // Before the desk's board:subscribe arrives, so its snapshot is already today's state.
      options.hub?.patch(deskStream(user.id), { state: { ...state } });
      socket.emit(DESK_EVENTS.state, state);
      const pop = pops.currentFor(user.id);
      if (pop) {
        socket.emit(DESK_EVENTS.pop, pop);
        pops.recordShown(pop, { userId: user.id, username: user.username, address: socket.handshake.address });
      }
      socket.on('disconnect', () => notifier.detach(user.id));
    },
    stop: () => {
      unsubscribe();
      notifier.stop();
    },
  };
}
