import net from 'node:net';
import { createLogger, type Logger } from '../../logging/logger.js';
import { fullyBooted, invalidPassword, requestBadFormat, shutdown, successfulAuth } from './ami-events.js';
import { encodeAmiMessage, getHeader, type AmiMessage } from './ami-message.js';
import { queueActions } from './ami-queue-actions.js';
import type { AmiQueueBackend } from './ami-queue-backend.js';
import { response } from './ami-replies.js';
import { AmiSession, type WriteFragmenter } from './ami-session.js';
import { formatAmiTimestamp } from './ami-system-events.js';

export interface AmiServerOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  logger?: Logger;
  backend?: AmiQueueBackend;
  /** Asterisk sleeps 1 s before answering a bad Login. */
  authFailureDelayMs?: number;
  /** After a restart, FullyBooted follows the first Login by about 350 ms. */
  bootDelayMs?: number;
  /** Epoch milliseconds (fractions give the microseconds of `Timestamp:`). */
  now?: () => number;
  fragmentWrites?: WriteFragmenter;
  /** The user's `write =` classes (dialplans/manager.conf); only the Filter action checks them so far. */
  writeClasses?: readonly string[];
}

const DEFAULT_WRITE_CLASSES = ['system', 'call', 'agent', 'originate', 'reporting'];

/** Extra actions the PBX side may add (Hangup, Originate…): returns the messages to write, in order. */
export type AmiActionHandler = (action: AmiMessage, actionId: string | undefined) => AmiMessage[];

const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
const PRE_LOGIN_ACTIONS = new Set(['login', 'logoff', 'challenge']);

export class AmiServer {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sessions = new Set<AmiSession>();
  private readonly extraActions = new Map<string, AmiActionHandler>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger: Logger;
  private readonly now: () => number;
  private backend: AmiQueueBackend | undefined;
  private accepting = true;
  private booted = true;
  private bootTimer: NodeJS.Timeout | undefined;
  private bootedAtMs: number;

  constructor(private readonly opts: AmiServerOptions) {
    this.logger = (opts.logger ?? createLogger({ level: 'warn' })).child({ component: 'sim-ami' });
    this.now = opts.now ?? (() => performance.timeOrigin + performance.now());
    this.backend = opts.backend;
    this.bootedAtMs = this.now();
  }

  /** Logged-in sessions (connections that have not logged in yet are not counted). */
  get sessionCount(): number {
    return [...this.sessions].filter((s) => s.authenticated && !s.closing).length;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  get isBooted(): boolean {
    return this.booted;
  }

  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : this.opts.port);
      });
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.bootTimer) clearTimeout(this.bootTimer);
    for (const session of this.sessions) session.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  setBackend(backend: AmiQueueBackend): void {
    this.backend = backend;
  }

  registerAction(name: string, handler: AmiActionHandler): void {
    this.extraActions.set(name.toLowerCase(), handler);
  }

  /** Writes an unsolicited event to every logged-in session that wants events, adding `Timestamp:` after `Privilege:`. */
  publish(event: AmiMessage): void {
    // Most events (VarSet, Newexten…) reach no session (event mask, filters): stamp and encode only for one that takes it.
    let stamped: AmiMessage | undefined;
    let text: string | undefined;
    const stampedEvent = (): AmiMessage => (stamped ??= this.withTimestamp(event));
    const encoded = (): string => (text ??= encodeAmiMessage(stampedEvent()));
    const classes = (getHeader(event, 'Privilege') ?? '').split(',').filter((c) => c !== 'all');
    for (const session of this.sessions) {
      if (!session.authenticated || !session.eventsOn || session.closing) continue;
      // Like manager.c's send_events bitmask: a session that asked for some classes gets only events of those.
      if (session.eventClasses && !classes.some((c) => session.eventClasses?.has(c))) continue;
      // manager.c's process_events applies the session's filters to queued events only: action responses,
      // list items (QueueMember…) and the FullyBooted written at Login never meet them.
      if (!session.filters.allows(stampedEvent(), encoded)) continue;
      session.writeRaw(encoded());
    }
  }

  dropConnections(): void {
    for (const session of this.sessions) session.destroy();
  }

  setAccepting(accepting: boolean): void {
    this.accepting = accepting;
  }

  /** `core stop/restart now`: Shutdown event, then FIN on every connection; the next boot starts on the next Login. */
  shutdown(restart: boolean): void {
    this.publish(shutdown(restart));
    for (const session of this.sessions) session.end();
    this.booted = false;
    if (this.bootTimer) clearTimeout(this.bootTimer);
    this.bootTimer = undefined;
  }

  /** Finishes a pending boot now: broadcasts FullyBooted (with Timestamp) to the logged-in sessions. */
  completeBoot(): void {
    if (this.bootTimer) clearTimeout(this.bootTimer);
    this.bootTimer = undefined;
    if (this.booted) return;
    this.booted = true;
    this.bootedAtMs = this.now();
    this.publish(fullyBooted(0, 0, 'boot'));
  }

  private withTimestamp(event: AmiMessage): AmiMessage {
    const privilegeAt = event.findIndex(([key]) => key === 'Privilege');
    if (privilegeAt < 0 || event.some(([key]) => key === 'Timestamp')) return event;
    const stamped = [...event];
    stamped.splice(privilegeAt + 1, 0, ['Timestamp', formatAmiTimestamp(this.now())]);
    return stamped;
  }

  private accept(socket: net.Socket): void {
    // A restarting Asterisk refuses connections; a reset right after accept looks the same to a client.
    if (!this.accepting) {
      socket.on('error', () => undefined);
      socket.resetAndDestroy();
      return;
    }
    socket.setNoDelay(true);
    const session = new AmiSession(socket, this.opts.fragmentWrites);
    this.sessions.add(session);
    socket.on('data', (chunk: Buffer) => this.receive(session, chunk));
    socket.on('error', (err) => this.logger.debug('AMI socket error', { err: err.message }));
    socket.on('close', () => this.sessions.delete(session));
    session.writeRaw(BANNER);
  }

  private receive(session: AmiSession, chunk: Buffer): void {
    let actions: AmiMessage[];
    try {
      actions = session.parser.push(chunk);
    } catch (err) {
      this.logger.warn('AMI client sent an oversized line; closing', { err: (err as Error).message });
      session.destroy();
      return;
    }
    for (const action of actions) {
      if (session.closing) return;
      this.handle(session, action);
    }
  }

  private handle(session: AmiSession, action: AmiMessage): void {
    const actionId = getHeader(action, 'ActionID');
    const name = getHeader(action, 'Action');
    if (name === undefined) {
      this.publish(requestBadFormat(session.security, 'NONE', this.now()));
      session.send(response('Error', actionId, 'Missing action in request'));
      return;
    }
    const key = name.toLowerCase();
    this.logger.debug('AMI action', { action: name });
    if (!session.authenticated && !PRE_LOGIN_ACTIONS.has(key)) {
      session.send(response('Error', actionId, 'Permission denied'));
      return;
    }
    switch (key) {
      case 'login':
        return this.login(session, action, actionId);
      case 'logoff':
        session.send(response('Goodbye', actionId, 'Thanks for all the fish.'));
        return session.end();
      case 'ping':
        return session.send([...response('Success', actionId), ['Ping', 'Pong'], ['Timestamp', formatAmiTimestamp(this.now())]]);
      case 'events':
        return this.events(session, action, actionId);
      case 'filter':
        return this.filter(session, action, actionId);
    }
    const handler = queueActions.get(key);
    const extra = this.extraActions.get(key);
    const replies = handler ? handler(action, this.backend, actionId) : extra?.(action, actionId);
    if (replies) {
      for (const reply of replies) session.send(reply);
      return;
    }
    session.send(response('Error', actionId, `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.`));
    this.publish(requestBadFormat(session.security, name, this.now()));
  }

  private login(session: AmiSession, action: AmiMessage, actionId: string | undefined): void {
    if (session.authenticated) return session.send(response('Success', actionId, 'Already authenticated'));
    const username = getHeader(action, 'Username') ?? '';
    const knownUser = username.toLowerCase() === this.opts.username.toLowerCase();
    if (!knownUser || getHeader(action, 'Secret') !== this.opts.secret) return this.rejectLogin(session, username, knownUser, actionId);

    session.authenticated = true;
    session.security.accountId = this.opts.username;
    session.security.sessionStartMs = this.now();
    // Only the `Events` header counts; asterisk-manager sends `Event: off`, which Asterisk ignores.
    const events = getHeader(action, 'Events');
    applyEventMask(session, events ?? 'on');
    session.send(response('Success', actionId, 'Authentication accepted'));
    if (this.booted) {
      const uptimeS = Math.floor((this.now() - this.bootedAtMs) / 1000);
      if (session.eventsOn) session.send(fullyBooted(uptimeS, uptimeS, 'login'));
    } else if (!this.bootTimer) {
      this.bootTimer = this.schedule(() => this.completeBoot(), this.opts.bootDelayMs ?? 350);
    }
    this.publish(successfulAuth(session.security, session.security.sessionStartMs));
    this.logger.info('AMI login accepted', { remote: session.security.remoteAddress });
  }

  private rejectLogin(session: AmiSession, username: string, knownUser: boolean, actionId: string | undefined): void {
    session.closing = true;
    if (knownUser) this.publish(invalidPassword({ ...session.security, accountId: username }, this.now()));
    this.logger.info('AMI login rejected', { remote: session.security.remoteAddress });
    this.schedule(() => {
      session.send(response('Error', actionId, 'Authentication failed'));
      session.end();
    }, this.opts.authFailureDelayMs ?? 1000);
  }

  private events(session: AmiSession, action: AmiMessage, actionId: string | undefined): void {
    const mask = getHeader(action, 'EventMask');
    if (mask === undefined) return session.send(response('Error', actionId, 'Invalid event mask'));
    applyEventMask(session, mask);
    session.send(response('Success', actionId, undefined, [['Events', session.eventsOn ? 'On' : 'Off']]));
  }

  /** manager.c action_filter: registered with EVENT_FLAG_SYSTEM, so a user without `write = system` is refused. */
  private filter(session: AmiSession, action: AmiMessage, actionId: string | undefined): void {
    if (!(this.opts.writeClasses ?? DEFAULT_WRITE_CLASSES).includes('system')) return session.send(response('Error', actionId, 'Permission denied'));
    if (getHeader(action, 'Operation')?.toLowerCase() !== 'add') return session.send(response('Error', actionId, 'Unknown operation'));
    const result = session.filters.add(getHeader(action, 'MatchCriteria'), getHeader(action, 'Filter') ?? '');
    if (result === 'format-error') return session.send(response('Error', actionId, 'Filter was formatted incorrectly.  Check the syntax of the filter given.'));
    if (result === 'compile-error') return session.send(response('Error', actionId, 'Filter did not compile.  Check the syntax of the filter given.'));
    session.send(response('Success', actionId, 'Success'));
  }

  private schedule(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}

/** Asterisk's ast_false. */
function isAstFalse(value: string): boolean {
  return ['no', 'false', 'n', 'f', '0', 'off'].includes(value.trim().toLowerCase());
}

/** `on`/`yes`/`true` → every class, `off`/`no`/`false` → none, else a list of classes (`system,agent`). */
function applyEventMask(session: AmiSession, mask: string): void {
  const words = mask
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 1 && isAstFalse(words[0] as string)) {
    session.eventsOn = false;
    session.eventClasses = null;
  } else if (words.length === 1 && ['on', 'yes', 'true', 'y', 't', '1'].includes(words[0] as string)) {
    session.eventsOn = true;
    session.eventClasses = null;
  } else {
    session.eventsOn = true;
    session.eventClasses = new Set(words);
  }
}
