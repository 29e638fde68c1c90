import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Knex } from 'knex';
import type { AppConfig } from './config/schema.js';
import type { Logger } from './logging/logger.js';
import { loadIvrDefinition } from './ivr/definition.js';
import { CallRegistry } from './calls/call-registry.js';
import { KnexTicketStatusLookup } from './calls/phone-lookups.js';
import { createCallNumberSms } from './calls/call-number-sms.js';
import type { CallPhoneServices } from './calls/call-phone-services.js';
import { AriSupervisor } from './telephony/ari/ari-supervisor.js';
import { AriCallControl } from './telephony/ari/ari-call-control.js';
import { AriRest } from './telephony/ari/ari-rest.js';
import { AmiConnection } from './telephony/ami/ami-connection.js';
import { AmiQueueFeed } from './telephony/ami/ami-queue-feed.js';
import { KnexQueueEventStore } from './queues/queue-event-store-knex.js';
import { QueueMonitor } from './queues/queue-monitor.js';
import { KnexQueueOutcomeRecorder } from './calls/queue-outcomes.js';
import { checkDatabase, createDatabase, migrateLatest } from './storage/database.js';
import { KnexTicketStore } from './calls/call-store.js';
import { TicketService } from './calls/call-writes/ticket-service.js';
import { TicketOutbox } from './calls/call-writes/ticket-outbox.js';
import { OutboxBarrierControl } from './calls/call-writes/ticket-outbox-barrier.js';
import { createHttpApp } from './http/app.js';
import type { HealthReport } from './http/routes/health.js';
import { createAuth, type AuthParts } from './auth/create-auth.js';
import type { UserStore } from './auth/user-store.js';
import type { PasswordHasher } from './auth/passwords.js';
import { BoardPublisher } from './realtime/board-publisher.js';
import { createStreamHub, type StreamHub } from './realtime/stream-hub.js';
import { LinkStatusTracker } from './realtime/link-status.js';
import { attachRealtime, type Realtime } from './realtime/socket-server.js';
import { createOriginPolicy } from './http/origin-policy.js';
import { createDesk } from './agents/create-desk.js';
import type { AgentPresence } from './agents/agent-presence.js';
import type { ScreenPops } from './agents/screen-pops.js';
import { loadSiteData } from './config/site.js';
import { TicketEditor } from './requests/ticket-editor.js';
import { createRequests, type Requests } from './requests/create-requests.js';
import { EscalationReader } from './requests/read/escalations.js';
import { EscalationPublisher, hubEscalationStream } from './requests/read/escalation-publisher.js';
import { readInbox } from './requests/read/inbox.js';
import { publishInboxChanges } from './requests/inbox-publisher.js';
import { DeadlineClock } from './requests/deadlines/deadline-clock.js';
import { hubDeadlineNotifier } from './requests/deadlines/deadline-hub-notifier.js';
import { ivrQueues } from './ivr/definition.js';
import { createMenuAdmin } from './admin/ivr/create-menu-admin.js';
import type { CatalogueSource } from './requests/catalogue/catalogue.js';
import { createCatalogueAdmin } from './admin/catalogue/create-catalogue-admin.js';
import { IvrMenuHolder } from './ivr/menu-holder.js';
import { KnexAccessLogStore } from './audit/access-log-store-knex.js';
import { AccessLogWriter } from './audit/access-log-writer.js';
import { createCallbacks, type Callbacks } from './relay/callback/create-callbacks.js';
import { dispatchTelephonyEvents } from './telephony/stasis-route.js';
import { createAnnouncements, type Announcements } from './announcements/create-announcements.js';
import { createSurvey, type Survey } from './survey/create-survey.js';
import { RelayTasks, wakeSenderOnCommit } from './relay/relay-tasks.js';
import { createSms, type Sms } from './relay/sms/create-sms.js';
import { RelayStream } from './relay/relay-stream.js';
import { createTicketHistoryPort } from './relay/ticket-history-port.js';
import { KnexAbandonedCallers } from './relay/callback/abandoned-callers.js';
import { ChannelIntake } from './channels/intake.js';
import { FieldDesk } from './channels/field/field-desk.js';
import { createOpen311 } from './channels/open311/create-open311.js';
import { createWebChannel } from './channels/web/create-web-channel.js';
import { createApplications } from './channels/cimer/create-applications.js';
import { createAdmin, type Admin } from './admin/create-admin.js';
import { PasswordChange } from './auth/password-change.js';
import { createMetrics, type Metrics } from './operations/metrics/create-metrics.js';
import { createReadDatabase } from './storage/read-database.js';
import { createReports } from './reports/create-reports.js';

export interface Alo153 {
  readonly url: string;
  /** The Express app the server serves (tests list its routes: src/http/openapi/route-list.ts). */
  readonly httpApp: Express;
  readonly db: Knex;
  readonly store: KnexTicketStore;
  readonly tickets: TicketService;
  readonly outbox: TicketOutbox;
  readonly registry: CallRegistry;
  readonly ari: AriSupervisor;
  readonly ami: AmiConnection;
  readonly queueFeed: AmiQueueFeed;
  readonly monitor: QueueMonitor;
  readonly auth: AuthParts;
  readonly board: BoardPublisher;
  /** Every pushed screen's streams: features publish with `hub.patch(stream, set, remove)`. */
  readonly hub: StreamHub;
  readonly realtime: Realtime;
  readonly presence: AgentPresence;
  readonly pops: ScreenPops;
  readonly editor: TicketEditor;
  /** The request lifecycle: its only writer (service), deadlines and the writer the call path shares. */
  readonly requests: Requests;
  /** The escalations stream's publisher (tests run its tick). */
  readonly escalations: EscalationPublisher;
  /** Callbacks to citizens over ARI ("Ara" on the desk). */
  readonly callbacks: Callbacks;
  /** The SMS relay (outbox + SMPP sender) and the agents' relay list stream. */
  readonly sms: Sms;
  readonly relay: RelayStream;
  /** The KVKK access log's batching writer (tests flush it). */
  readonly audit: AccessLogWriter;
  /** Live announcements (store, book the IVR reads, counts) and the post-call survey. */
  readonly announcements: Announcements;
  readonly survey: Survey;
  /** Users and queues administration (src/admin): the queues table, membership pushes to app_queue, history. */
  readonly admin: Admin;
  /** Prometheus metrics (/metrics with metrics.token, or metrics.port's listener: `metrics.url`). */
  readonly metrics: Metrics;
  health(): Promise<HealthReport>;
  stop(): Promise<void>;
}

/** The composition root: config → adapters → services → start. */
export interface StartOptions {
  rootDir?: string;
  /** An already created database (tests isolate themselves in a schema); alo153 then owns and destroys it. */
  db?: Knex;
  /** Creates logins before the server opens (the demo's; never used by `npm start`). */
  seedUsers?: (users: UserStore) => Promise<void>;
  /** Tests only: cheaper scrypt parameters (test/support/test-hasher.ts). `npm start` never passes one. */
  passwordHasher?: PasswordHasher;
  /** Tests only: phone-line ports (a fake announcement source …) over the ones built here. */
  phone?: CallPhoneServices;
}

export async function startAlo153(config: AppConfig, logger: Logger, options: StartOptions = {}): Promise<Alo153> {
  const rootDir = options.rootDir ?? process.cwd();
  const ivr = await loadIvrDefinition(path.resolve(rootDir, config.ivr.file));
  const site = loadSiteData(path.resolve(rootDir, config.site.file));
  const db =
    options.db ??
    createDatabase({
      url: config.database.url || undefined,
      sqliteFile: path.resolve(rootDir, config.database.sqliteFile),
      logger,
    });
  await migrateLatest(db);
  // Reports and exports read on a connection of their own (SQLite's one connection is the call path's).
  const reportReads = createReadDatabase(db);
  const metrics = createMetrics(config.metrics, logger);
  // The IVR menu new calls take: config/ivr.json until an admin applies one at /yonetim/menu (then the newest version).
  const ivrHolder = new IvrMenuHolder(ivr);
  // Categories, departments, districts and break reasons as admins edit them (/yonetim/katalog), over config/site.json.
  const catalogueAdmin = await createCatalogueAdmin({ db, seed: site, ivr: ivrHolder, sms: { encoding: config.relay.sms.encoding, maxParts: config.relay.sms.maxParts }, logger });
  const catalogue = catalogueAdmin.catalogue;
  // A menu's queue targets are checked against the queues table, whose store is made below (it needs AMI): until
  // then (only admin.start's reads) the catalogue's own list answers.
  const storedQueues: { catalogue?: CatalogueSource } = {};
  const menuCatalogue: CatalogueSource = { catalogue: () => (storedQueues.catalogue ?? catalogue).catalogue(), index: () => catalogue.index() };
  const ivrMenu = await createMenuAdmin({ db, seed: ivr, catalogue: menuCatalogue, rootDir, logger, holder: ivrHolder });
  // Callback and SMS facts reach a ticket's history as `note` actions, deduplicated by their attempt / message id.
  // (`requests` is read when a note is written, after it exists: the SMS module is needed to create it.)
  const ticketHistory = createTicketHistoryPort({ act: (number, action, actor, options) => requests.service.act(number, action, actor, options) }, logger);
  const sms = createSms({ db, config: config.relay.sms, logger, history: ticketHistory, texts: () => catalogueAdmin.smsTexts.current() });
  // The lifecycle's SMS tasks (answer-ready, question, opened at the first forward) commit with the action.
  const relayTasks = new RelayTasks({ enabled: config.relay.sms.enabled, sms, logger: logger.child({ component: 'relay-tasks' }) });
  const requests = createRequests({ db, config: config.lifecycle, logger, catalogue, baseDir: rootDir, tasks: relayTasks });
  wakeSenderOnCommit(requests.service, () => sms.wake());
  const store = new KnexTicketStore(db, { writer: requests.writer });
  const { outbox, pending: outboxWrites } = await TicketOutbox.open({
    file: path.resolve(rootDir, config.calls.outbox.file),
    maxBytes: config.calls.outbox.maxBytes,
    logger,
  });
  const tickets = new TicketService({ store, logger, retry: { maxDelayMs: config.calls.ticketRetryMaxDelayMs }, outbox });
  // Queued before ARI connects: a channel's replayed writes stay ahead of anything new for it.
  tickets.replay(outboxWrites);

  const ari = new AriSupervisor({ ...config.ari, logger });
  const rest = new AriRest({ url: config.ari.url, username: config.ari.username, password: config.ari.password, timeoutMs: config.ari.commandTimeoutMs, webSocket: ari.webSocketRest });
  // Beneath the barrier: the event → command latency includes a held hand-off.
  const control = new OutboxBarrierControl(metrics.commands.control(new AriCallControl(rest, config.ari.app)), outbox, logger);
  // Live announcements: the IVR reads the book synchronously; their WAVs go to announcements.soundsDir.
  const announcements = createAnnouncements({ db, ivr: ivrHolder, config: config.announcements, baseDir: rootDir, logger });
  await announcements.start();
  // Callers back from the queue (app_queue `c` → Stasis(alo153,after-queue)): the number once more and the survey.
  const survey = createSurvey({ db, control, ivr, config: config.survey, logger });
  const registry = new CallRegistry({
    control,
    tickets: metrics.calls.tickets(tickets),
    ivr: ivrMenu.holder,
    queueContext: config.dialplan.queueContext,
    fallback: { queue: config.dialplan.fallbackQueue, category: config.dialplan.fallbackCategory },
    logger,
    // Status by phone and returning callers read tickets; the number's SMS goes out after the hand-off.
    phone: {
      lookups: new KnexTicketStatusLookup(db),
      numberSms: createCallNumberSms({ db, sms, enabled: config.relay.sms.enabled, logger }),
      announcements: announcements.source,
      announcementOutcomes: announcements.outcomes,
      ...options.phone,
    },
  });
  const callbacks = createCallbacks({
    db,
    rest,
    app: config.ari.app,
    config: config.relay.callback,
    connected: () => ari.state === 'connected',
    history: ticketHistory,
    logger,
  });
  await callbacks.recover();
  // StasisStart of a callback leg goes to the callback service, never to the IVR.
  ari.onEvent(metrics.commands.stamp(dispatchTelephonyEvents({ ivr: registry, callback: callbacks.service, afterQueue: survey })));
  ari.onConnected(() => {
    callbacks.sweep();
    registry.reconcile().catch((error: unknown) => logger.warn('ari reconcile failed', { error: (error as Error).message }));
    survey.reconcile().catch((error: unknown) => logger.warn('survey reconcile failed', { error: (error as Error).message }));
  });

  const ami = new AmiConnection({ ...config.ami, logger });
  const queueFeed = new AmiQueueFeed({ connection: ami, logger });
  const queueEvents = new KnexQueueEventStore({ db, logger });
  const monitor = new QueueMonitor({
    store: queueEvents,
    logger,
    // Through the store's group commit: queue outcomes share the call path's transactions.
    outcomes: metrics.calls.queueOutcomes(new KnexQueueOutcomeRecorder(db, requests.writer, store.writes)),
    config: { defaultWrapUpS: config.queues.wrapUpS.default, wrapUpS: config.queues.wrapUpS.perQueue },
    serviceLevelSeconds: config.queues.serviceLevelSeconds,
    shifts: config.queues.shifts,
  });
  await monitor.start(queueFeed);
  const pruning = setInterval(() => monitor.pruneOldFacts(), 60_000);
  pruning.unref();

  const auth = await createAuth(config.auth, db, logger, options.seedUsers, { passwordHasher: options.passwordHasher });
  const editor = new TicketEditor(db, { catalogue, service: requests.service });
  // The channels without an agent (web form, field desks, Open311) open tickets through one intake.
  const intake = new ChannelIntake({ db, service: requests.service, catalogue });
  const fieldDesk = new FieldDesk({ db, intake, logger: logger.child({ component: 'field-desk' }) });
  const auditStore = new KnexAccessLogStore(db);
  const audit = new AccessLogWriter({ store: auditStore, logger, flushMs: config.audit.flushMs, batchSize: config.audit.batchSize });
  const hub = createStreamHub({
    logger,
    access: { knowsQueue: (name) => monitor.knows(name), isMember: (phone, queue) => phone in (monitor.state.queues[queue]?.members ?? {}) },
  });
  // Users and queues (/yonetim): the queues table (seeded from config/site.json), membership pushed over AMI.
  const admin = await createAdmin({ db, users: auth.users, ami, monitor, hub, site, logger });
  const catalogueWithQueues = admin.catalogue(catalogue);
  storedQueues.catalogue = catalogueWithQueues;
  const desk = createDesk({
    hub,
    penaltiesOf: (userId) => admin.queues.penaltiesOf(userId),
    db,
    ami,
    monitor,
    store,
    editor,
    users: auth.users,
    ivr: () => ivrHolder.current().definition,
    configuredQueues: [...ivrQueues(ivr), config.dialplan.fallbackQueue, ...admin.queues.listed().map((queue) => queue.name)],
    accessLog: audit,
    // A database slower than this shows the pop without the IVR path rather than hold it.
    callWritesSettled: (channelId) => tickets.settled(channelId, 1000),
    logger,
  });

  const health = async (): Promise<HealthReport> => {
    const database = await checkDatabase(db, 2000);
    const components = {
      ari: { ok: ari.state === 'connected', state: ari.state, ...ari.counters },
      ami: { ok: ami.state === 'connected', state: ami.state, ...queueFeed.counters },
      queueEvents: { ok: true, ...queueEvents.counters },
      database: { ...database },
      calls: { ok: true, ...registry.stats },
      tickets: { ok: outbox.stats.state === 'ok', pendingWrites: tickets.pendingWrites(), outbox: outbox.stats },
      desk: { ok: true, ...desk.pops.stats },
      accessLog: { ok: !audit.stats.failing, ...audit.stats },
      login: { ok: true, ...auth.service.loginStats },
      realtime: { ok: true, sockets: realtime.io.engine.clientsCount, ...realtime.counters, ...board.stats },
      // Counts and scores are written off the call path: failures are retried, so they show here without degrading.
      announcements: { ok: true, active: announcements.source.active(new Date()).length, ...announcements.outcomes.stats },
      survey: { ok: true, callers: survey.size, ...survey.writer.stats },
    };
    const ok = Object.values(components).every((c) => c.ok);
    return { status: ok ? 'ok' : 'degraded', components };
  };

  const abandonedCallers = new KnexAbandonedCallers(db);
  const abandoned = { list: (now: Date) => abandonedCallers.list({ now, lookbackDays: config.relay.callback.abandonedLookbackDays }) };
  // The agents' relay list ("Geri dönüşler") follows every change into, within or out of RELAY_STATUSES.
  const relayStream = new RelayStream({ hub, db, abandoned, logger });
  requests.service.onChange(relayStream.onChange);
  monitor.onChange(relayStream.onQueueChange);
  const escalationReader = new EscalationReader(db);
  const cimer = config.channels.cimer;
  const applications = createApplications({ db, service: requests.service, catalogue, config: cimer, logger });
  const app = createHttpApp({
    tickets: store,
    metrics: metrics.http,
    health,
    logger,
    queues: monitor,
    auth: auth.service,
    users: auth.users,
    cookieSecure: config.auth.cookieSecure,
    trustProxy: config.http.trustProxy,
    publicOrigins: config.http.publicOrigins,
    editor,
    requests: { service: requests.service, inbox: (query) => readInbox(db, query) },
    catalogue: catalogueWithQueues,
    passwords: new PasswordChange({ users: auth.users, signer: auth.signer, ...(options.passwordHasher ? { hasher: options.passwordHasher } : {}) }),
    admin: admin.routes(),
    desk: { presence: desk.presence, sessions: desk.sessions, pops: desk.pops, users: auth.users, toDeskUser: desk.toDeskUser, pauseReasons: () => catalogueAdmin.site.current().pauseReasons.map((reason) => reason.code) },
    webDir: path.resolve(rootDir, 'src/web'),
    field: { desk: fieldDesk, config: config.channels.field },
    publicChannels: createWebChannel({ config: config.channels, secret: config.auth.secret, db, intake, catalogue, smsEnabled: config.relay.sms.enabled, rootDir, webDir: path.resolve(rootDir, 'src/web'), logger }),
    open311: config.channels.open311.enabled ? createOpen311({ db, intake, catalogue, config: config.channels.open311, logger }).http : undefined,
    audit: { log: audit, store: auditStore },
    figures: { db, catalogue },
    reports: { service: createReports({ db: reportReads.db, serviceLevelSeconds: config.queues.serviceLevelSeconds, wrapUpS: config.queues.wrapUpS, ivr: () => ivrHolder.current().definition }) },
    announcements,
    survey: { store: survey.store, shifts: config.queues.shifts },
    adminMenu: { ivr: ivrMenu, catalogue: { db, admin: catalogueAdmin.admin, history: catalogueAdmin.history, site: catalogueAdmin.site, smsTexts: catalogueAdmin.smsTexts, deadlines: config.lifecycle.deadlines } },
    escalations: { reader: escalationReader },
    callbacks: callbacks.routes(audit),
    relay: { list: { db, abandoned, accessLog: audit }, sms: { db, requests: requests.service, enabled: config.relay.sms.enabled, sms, logger } },
    applications: { db, intake: applications.intake, importer: applications.importer, catalogue, maxAgeDays: cimer.maxAgeDays, signature: cimer.replySignature, importMaxBytes: cimer.importMaxBytes },
  });
  const server: Server = createServer(app);
  relayStream.start();
  const links = new LinkStatusTracker(ami, ari);
  const board = new BoardPublisher({ source: monitor, links, logger, hub });
  const realtime = attachRealtime(server, {
    auth: auth.service,
    hub,
    logger,
    limits: config.realtime,
    origins: createOriginPolicy(config.http.publicOrigins),
    sessions: auth.users,
    revocations: auth.revoked,
    onConnection: (socket, user) => desk.onConnection(socket, user),
  });
  desk.attach(realtime.io);
  metrics.watch({
    calls: registry,
    ari,
    ami,
    amiFeed: queueFeed,
    tickets,
    outbox,
    db,
    sockets: { count: () => realtime.io.engine.clientsCount, counters: realtime.counters },
    logins: auth.service,
    deltas: { onDelta: (listener) => hub.onDelta(listener), roomSize: (stream) => realtime.io.of('/').adapter.rooms.get(stream)?.size ?? 0 },
  });
  board.start();
  announcements.publish(hub);
  survey.publish(hub, config.queues.shifts);
  // Department pages follow inbox:<department>: each lifecycle change sets or removes its item there.
  publishInboxChanges(requests.service, hub);
  // Due soon, overdue, acknowledgement missed: told once per deadline, on one node (requests/deadlines/deadline-clock.ts).
  const deadlineClock = new DeadlineClock({ db, service: requests.service, notifier: hubDeadlineNotifier(hub), logger, intervalMs: config.lifecycle.escalationCheckMs });
  deadlineClock.start();
  // The escalation view's counts and items, live on `escalations` (changes, and the crossings of each tick).
  const escalationStream = new EscalationPublisher({ reader: escalationReader, hub: hubEscalationStream(hub), changes: requests.service, logger, tickMs: config.lifecycle.escalationCheckMs });
  escalationStream.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${config.http.host}:${address.port}`;
  logger.info('http listening', { url });
  await metrics.start();

  if (outboxWrites.length > 0) {
    // The last process's writes land (and get their ticket numbers) before new calls', unless the database is still away.
    if (await tickets.drain(config.calls.shutdownDrainMs)) await outbox.compact();
    else logger.warn('ticket outbox replay still pending; calls are taken meanwhile', { pendingWrites: tickets.pendingWrites() });
  }
  ari.start();
  ami.start();
  if (config.relay.sms.enabled) sms.start();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down: handing IVR calls to the dialplan fallback');
      const drained = await registry.drain(config.calls.shutdownDrainMs);
      if (!drained) logger.warn('calls still in stasis at shutdown', { live: registry.size });
      const written = await tickets.drain(config.calls.shutdownDrainMs);
      if (!written) logger.error('ticket writes still pending at shutdown', { pending: tickets.pendingWrites() });
      tickets.stop();
      await callbacks.service.stop();
      await survey.stop();
      await ari.stop();
      rest.close();
      queueFeed.stop();
      await ami.stop();
      await queueEvents.close(config.calls.shutdownDrainMs);
      board.stop();
      escalationStream.stop();
      await deadlineClock.stop();
      await relayStream.stop();
      await sms.stop();
      desk.stop();
      admin.stop();
      clearInterval(pruning);
      // io.close() also closes the HTTP server.
      const closed = realtime.close();
      server.closeAllConnections();
      await closed;
      await metrics.stop();
      // After the HTTP server and the sockets: the last reads and pops are in the batch.
      await audit.close(config.calls.shutdownDrainMs);
      await announcements.stop();
      await reportReads.close();
      await db.destroy();
      await outbox.close();
      logger.info('stopped');
    })();
    return stopping;
  };

  return { url, httpApp: app, db, store, tickets, outbox, registry, ari, ami, queueFeed, monitor, auth, board, hub, realtime, presence: desk.presence, pops: desk.pops, editor, requests, escalations: escalationStream, callbacks, sms, relay: relayStream, audit, announcements, survey, admin, metrics, health, stop };
}
