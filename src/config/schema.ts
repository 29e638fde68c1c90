import { z } from 'zod';
import { shiftsSchema } from '../queues/istanbul-time.js';
import { fieldChannelConfig } from '../channels/field/field-config.js';
import { statusChannelConfig, webChannelConfig } from '../channels/web/web-config.js';
import { open311ConfigSchema } from '../channels/open311/config.js';
import { cimerChannelConfig } from '../channels/cimer/cimer-config.js';

const port = z.number().int().min(0).max(65535);
const positiveMs = z.number().int().positive();
const reconnect = z.strictObject({
  initialDelayMs: positiveMs.max(1000, 'the first retry must come within 1000 ms'),
  maxDelayMs: positiveMs.max(30000, 'the backoff cap must be at most 30000 ms'),
});
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** A deadline: calendar hours, calendar days, or working days (Turkish calendar, see lifecycle.calendarFile). */
export const deadlineSpec = z.union([
  z.strictObject({ hours: z.number().positive().max(24 * 365) }),
  z.strictObject({ days: z.number().positive().max(365) }),
  z.strictObject({ workingDays: z.number().int().positive().max(250) }),
]);
export type DeadlineSpec = z.infer<typeof deadlineSpec>;

export const configSchema = z.strictObject({
  http: z.strictObject({
    host: z.string().min(1),
    port,
    /** Express `trust proxy`: false, or the proxy's address(es) / hop count, so login limits and logs see the client's address. */
    trustProxy: z.union([z.boolean(), z.number().int().min(0).max(10), z.string().min(1)]),
    /**
     * Origins (scheme://host[:port]) whose pages may change state (POST/PATCH/DELETE, socket.io handshakes).
     * Empty: only the server's own origin, i.e. an Origin whose host:port is the request's Host.
     */
    publicOrigins: z.array(z.url({ protocol: /^https?$/ }).refine((o) => new URL(o).origin === o, 'an origin only: scheme://host[:port], no path')),
    /** NODE_ENV=production refuses auth.cookieSecure=false unless this says plain HTTP is meant (a closed LAN). */
    allowInsecureCookies: z.boolean(),
  }),
  ari: z.strictObject({
    url: httpUrl,
    username: z.string().min(1),
    password: z.string().min(1),
    app: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
    commandTimeoutMs: positiveMs,
    /** REST commands over the events WebSocket (Asterisk 20.14/21.9/22.4+); auto asks Asterisk's version. */
    restOverWebSocket: z.enum(['auto', 'on', 'off']),
    reconnect,
  }),
  ami: z.strictObject({
    host: z.string().min(1),
    port,
    username: z.string().min(1),
    password: z.string().min(1),
    actionTimeoutMs: positiveMs,
    eventMask: z.string().regex(/^(on|off|[a-z]+(,[a-z]+)*)$/, 'on, off, or AMI event classes such as system,agent'),
    reconnect,
  }),
  database: z.strictObject({
    url: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'must be empty (SQLite) or a postgres:// URL')]),
    sqliteFile: z.string().min(1),
  }),
  ivr: z.strictObject({ file: z.string().min(1) }),
  /** Queue labels and order, break reasons, districts (config/site.json, validated at start by src/config/site.ts). */
  site: z.strictObject({ file: z.string().min(1) }),
  dialplan: z.strictObject({
    queueContext: z.string().min(1),
    fallbackQueue: z.string().min(1).refine((q) => q !== 'general', 'app_queue reserves "general"'),
    fallbackCategory: z.string().min(1),
  }),
  calls: z.strictObject({
    shutdownDrainMs: z.number().int().min(0),
    ticketRetryMaxDelayMs: positiveMs,
    /** Ticket writes are made durable here (append-only, fsync'd JSON lines) before the call goes on; replayed at start. */
    outbox: z.strictObject({ file: z.string().min(1), maxBytes: z.number().int().min(1024 * 1024).max(4 * 1024 * 1024 * 1024) }),
  }),
  auth: z.strictObject({
    /** HMAC key for session tokens; empty outside production means a random key per start (sessions end on restart). */
    secret: z.union([z.literal(''), z.string().min(32, 'at least 32 characters')]),
    tokenTtlMinutes: z.number().int().min(5).max(7 * 24 * 60),
    /** Set when alo153 is served over HTTPS (through a reverse proxy): the session cookie then gets `Secure`. */
    cookieSecure: z.boolean(),
    login: z.strictObject({
      /** Failures per username + address before that pair is locked out for the window. */
      maxFailures: z.number().int().min(1).max(100),
      windowMinutes: z.number().int().min(1).max(24 * 60),
      /**
       * Per address alone: a slowdown, never a lock-out (a call centre sits behind one NAT address).
       * After `freeFailures` failures in the window each further login from the address waits
       * `delayMs` more, up to `maxDelayMs`.
       */
      perAddress: z.strictObject({
        freeFailures: z.number().int().min(1).max(10_000),
        delayMs: z.number().int().min(0).max(10_000),
        maxDelayMs: z.number().int().min(0).max(60_000),
      }),
      /** Password hashes (scrypt) computed at once; the rest wait, so logins never fill libuv's pool that SQLite uses. */
      maxConcurrentHashes: z.number().int().min(1).max(16),
    }),
  }),
  realtime: z.strictObject({
    /** Token bucket per socket: messages per second and the burst allowed. */
    messagesPerSecond: z.number().positive().max(1000),
    burst: z.number().int().min(1).max(10_000),
    /** A socket whose unsent output exceeds this is disconnected (it stopped reading). */
    maxBufferedBytes: z.number().int().min(64 * 1024).max(256 * 1024 * 1024),
    /** How often live sockets are checked against deactivations and password changes made elsewhere (the user CLI). */
    revocationCheckMs: z.number().int().min(50).max(60_000),
  }),
  audit: z.strictObject({
    /** The KVKK access log is written in batches: at most this long after a read, or at this many rows. */
    flushMs: z.number().int().min(10).max(60_000),
    batchSize: z.number().int().min(1).max(10_000),
  }),
  queues: z.strictObject({
    serviceLevelSeconds: z.number().int().min(1).max(600),
    /** Asterisk's wrapuptime (queues.conf); per-queue values override the default. */
    wrapUpS: z.strictObject({ default: z.number().int().min(0).max(3600), perQueue: z.record(z.string(), z.number().int().min(0).max(3600)) }),
    /** Counting windows for a 24/7 centre; empty: the Istanbul calendar day. */
    shifts: shiftsSchema,
  }),
  lifecycle: z.strictObject({
    /** Longest text of an answer, a question, a note or a resolution (characters). */
    textMaxLength: z.number().int().min(100).max(20_000),
    /** An item is "due soon" once this share of its deadline has passed (supervisors and the department are told). */
    dueSoonRatio: z.number().gt(0).lt(1),
    /** The citizen is closed as unreachable after `attempts` failed tries spread over at least `days` days. */
    unreachable: z.strictObject({ attempts: z.number().int().min(1).max(20), days: z.number().min(0).max(30) }),
    /** Working days and Turkish public holidays (JSON, editable). */
    calendarFile: z.string().min(1),
    deadlines: z.strictObject({
      default: deadlineSpec,
      bySource: z.record(z.string(), deadlineSpec),
      byCategory: z.record(z.string(), deadlineSpec),
      /** A department must accept (işleme almak) a forwarded item within this. */
      departmentAck: deadlineSpec,
    }),
    /** How often the deadline clock looks for items passing the due-soon share and their deadline. */
    escalationCheckMs: z.number().int().min(100).max(3_600_000),
  }),
  relay: z.strictObject({
    callback: z.strictObject({
      /** Dial string of the citizen's leg; `{number}` is the citizen's number as dialled (0xxxxxxxxxx). */
      outboundEndpoint: z.string().regex(/\{number\}/, 'must contain {number}'),
      /** Caller id the citizen sees. */
      callerId: z.string().min(1).max(40),
      /** Dialplan context of the outbound legs (see dialplans/extensions.conf `[alo153-outbound]`). */
      context: z.string().regex(/^[A-Za-z0-9_-]+$/),
      agentRingS: z.number().int().min(5).max(120),
      citizenRingS: z.number().int().min(5).max(120),
      /** An abandoned caller is listed once per number per Istanbul day. */
      abandonedLookbackDays: z.number().int().min(1).max(30),
    }),
    sms: z.strictObject({
      enabled: z.boolean(),
      smsc: z.strictObject({ host: z.string().min(1), port, systemId: z.string().min(1).max(16), password: z.string().max(9), systemType: z.string().max(13) }),
      /** Alphanumeric sender (operator-approved başlık) or a number. */
      sourceAddr: z.string().min(1).max(20),
      /** ucs2: every Turkish letter, 70 characters a part; gsm7-turkish: 7-bit with the Turkish single-shift table, 155 a part. */
      encoding: z.enum(['ucs2', 'gsm7-turkish']),
      maxParts: z.number().int().min(1).max(10),
      requestDeliveryReceipt: z.boolean(),
      /** Submissions per second the SMSC allows (throttling errors back off beyond this). */
      perSecond: z.number().positive().max(1000),
      retry: z.strictObject({ initialDelayMs: positiveMs.max(60_000), maxDelayMs: positiveMs.max(3_600_000) }),
      /** A message not accepted by the SMSC within this many hours is given up and marked failed on the ticket. */
      giveUpHours: z.number().positive().max(24 * 14),
    }),
  }),
  /** The channels into the one ticket store (issue 10). */
  channels: z.strictObject({
    /** The public request form /basvuru (src/channels/web/web-config.ts). */
    web: webChannelConfig,
    /** The public status page /durum. */
    status: statusChannelConfig,
    /** The offline field desk /saha: its events, batch size and per-user limit (src/channels/field/field-config.ts). */
    field: fieldChannelConfig,
    /** Open311 GeoReport v2 at /open311/v2; reading requests needs an api_key unless publicReads (src/channels/open311/config.ts). */
    open311: open311ConfigSchema,
    /** CİMER / Açık Kapı applications: entry, list import, reply text (src/channels/cimer/cimer-config.ts). */
    cimer: cimerChannelConfig,
  }),
  /** Live announcements (src/announcements): where their WAVs go (Asterisk's sounds/tr/alo153/duyuru), limits. */
  announcements: z.strictObject({
    soundsDir: z.string().min(1),
    textMaxLength: z.number().int().min(20).max(1000),
    uploadMaxBytes: z.number().int().min(1024).max(20 * 1024 * 1024),
    /** How often the counts are written (batched, off the call path). */
    flushMs: z.number().int().min(10).max(60_000),
  }),
  /** The post-call survey (src/survey): a caller who agreed rates the call 1–5 after the agent hangs up. */
  survey: z.strictObject({
    digitTimeoutMs: z.number().int().min(500).max(60_000),
  }),
  /** GET /metrics (Prometheus): a Bearer token on the main port and/or a listener of its own; neither: no metrics (404). */
  metrics: z.strictObject({
    /** Empty: /metrics is not served on the main port (and the metrics port asks for no token). */
    token: z.union([z.literal(''), z.string().min(16, 'at least 16 characters')]),
    /** A listener for /metrics only; 0: none. */
    port,
    /** Where that listener binds: loopback unless a scraper on another host must reach it. */
    host: z.string().min(1),
  }),
  log: z.strictObject({ level: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']) }),
  demo: z.strictObject({
    speed: z.number().positive().max(10),
    callsPerMinute: z.number().min(0).max(6000),
    agents: z.number().int().min(0).max(200),
    seed: z.number().int(),
    /** Synthetic department staff accept and answer forwarded tickets; a simulated trunk's citizens answer callbacks. */
    departments: z.strictObject({ enabled: z.boolean(), acceptAfterS: z.number().min(0).max(86_400), answerAfterS: z.number().min(0).max(86_400), answerShare: z.number().min(0).max(1) }),
    /** The simulated trunk's citizens: shares of answered, busy and unanswered callbacks (the rest fail). */
    trunk: z.strictObject({ answer: z.number().min(0).max(1), busy: z.number().min(0).max(1), noAnswer: z.number().min(0).max(1) }),
  }),
});

export type AppConfig = z.infer<typeof configSchema>;
