import { z } from 'zod';
import { shiftsSchema } from '../queues/istanbul-time.js';

const port = z.number().int().min(0).max(65535);
const positiveMs = z.number().int().positive();
const reconnect = z.strictObject({
  initialDelayMs: positiveMs.max(1000, 'the first retry must come within 1000 ms'),
  maxDelayMs: positiveMs.max(30000, 'the backoff cap must be at most 30000 ms'),
});
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

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
  log: z.strictObject({ level: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']) }),
  demo: z.strictObject({
    speed: z.number().positive().max(10),
    callsPerMinute: z.number().min(0).max(6000),
    agents: z.number().int().min(0).max(200),
    seed: z.number().int(),
  }),
});

export type AppConfig = z.infer<typeof configSchema>;
