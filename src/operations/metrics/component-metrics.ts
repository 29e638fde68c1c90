import type { Knex } from 'knex';
import { Gauge, type Registry } from 'prom-client';
import type { ConnectionState } from '../../telephony/ports.js';
import { mirroredCounter } from './mirrored-counter.js';

/** What the metrics read of the running components: their own counts, at scrape time (nothing changes in them). */
export interface MetricSources {
  calls: { readonly size: number };
  ari: { readonly state: ConnectionState; readonly counters: { droppedFrames: Readonly<Record<string, number>> }; onConnected(listener: () => void): void };
  ami: { readonly state: ConnectionState; onConnected(listener: () => void): void };
  amiFeed: { readonly counters: { malformed: number } };
  tickets: { pendingWrites(): number };
  outbox: { readonly stats: { unapplied: number; fileBytes: number; notDurable: number } };
  /** The SMS outbox table (sms_messages): its waiting rows are counted at scrape time. */
  db: Knex;
  sockets: { count(): number; readonly counters: { rejectedMessages: number; refused: number; refusedOrigin: number; outputOverflows: number } };
  logins: { readonly loginStats: { loginFailures: number; lockouts: number } };
}

const SMS_WAITING = ['queued', 'sending'] as const;
/** A scrape must not hang on a locked or away database: the SMS depth is then left out of that scrape. */
const SMS_COUNT_TIMEOUT_MS = 1000;

const up = (state: ConnectionState): number => (state === 'connected' ? 1 : 0);

export function registerComponentMetrics(registry: Registry, sources: MetricSources): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('alo153_calls_in_ivr', 'Calls in alo153 now (answered, in the IVR or being handed to a queue)', () => sources.calls.size);
  new Gauge({
    name: 'alo153_link_up',
    help: 'Whether the ARI or AMI connection is up (1) or not (0)',
    labelNames: ['link'] as const,
    registers: [registry],
    collect() {
      this.set({ link: 'ari' }, up(sources.ari.state));
      this.set({ link: 'ami' }, up(sources.ami.state));
    },
  });
  // Connects after the first: each is a reconnect (the counts of connects are the links' own listeners' business).
  const connects = { ari: 0, ami: 0 };
  sources.ari.onConnected(() => (connects.ari += 1));
  sources.ami.onConnected(() => (connects.ami += 1));
  mirroredCounter(registry, { name: 'alo153_link_reconnects_total', help: 'Reconnects of the ARI or AMI connection after the first connect', labelNames: ['link'] as const }, () => [
    [{ link: 'ari' }, Math.max(0, connects.ari - 1)],
    [{ link: 'ami' }, Math.max(0, connects.ami - 1)],
  ]);
  mirroredCounter(registry, { name: 'alo153_dropped_frames_total', help: 'ARI frames and AMI events dropped as malformed or unusable, by link and reason', labelNames: ['link', 'reason'] as const }, () => [
    ...Object.entries(sources.ari.counters.droppedFrames).map(([reason, value]) => [{ link: 'ari', reason }, value] as const),
    [{ link: 'ami', reason: 'malformed' }, sources.amiFeed.counters.malformed],
  ]);
  gauge('alo153_ticket_writes_pending', 'Call-path ticket writes queued or in flight to the database', () => sources.tickets.pendingWrites());
  gauge('alo153_ticket_outbox_depth', 'Ticket writes in the outbox file the database has not confirmed yet', () => sources.outbox.stats.unapplied);
  gauge('alo153_ticket_outbox_bytes', 'Size of the ticket outbox file', () => sources.outbox.stats.fileBytes);
  mirroredCounter(registry, { name: 'alo153_ticket_outbox_not_durable_total', help: 'Ticket writes kept in memory only (outbox file full or failing)' }, () => [[{}, sources.outbox.stats.notDurable]]);
  new Gauge({
    name: 'alo153_sms_outbox_depth',
    help: 'SMS waiting to be submitted to the SMSC (status queued or sending)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await smsWaiting(sources.db);
      if (!rows) return;
      for (const status of SMS_WAITING) this.set({ status }, rows.get(status) ?? 0);
    },
  });
  gauge('alo153_sockets_open', 'socket.io connections open now', () => sources.sockets.count());
  mirroredCounter(registry, { name: 'alo153_socket_messages_rejected_total', help: 'Socket messages refused (rate limit, unknown event, invalid or forbidden request)' }, () => [
    [{}, sources.sockets.counters.rejectedMessages],
  ]);
  mirroredCounter(registry, { name: 'alo153_socket_connections_refused_total', help: 'socket.io connections refused, by reason', labelNames: ['reason'] as const }, () => [
    [{ reason: 'unauthenticated' }, sources.sockets.counters.refused],
    [{ reason: 'foreign-origin' }, sources.sockets.counters.refusedOrigin],
    [{ reason: 'output-overflow' }, sources.sockets.counters.outputOverflows],
  ]);
  mirroredCounter(registry, { name: 'alo153_login_failures_total', help: 'Failed logins (wrong password or unknown username)' }, () => [[{}, sources.logins.loginStats.loginFailures]]);
  mirroredCounter(registry, { name: 'alo153_login_lockouts_total', help: 'Username + address pairs locked out after too many failures' }, () => [[{}, sources.logins.loginStats.lockouts]]);
}

async function smsWaiting(db: Knex): Promise<Map<string, number> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SMS_COUNT_TIMEOUT_MS)));
  const query = db('sms_messages')
    .whereIn('status', SMS_WAITING)
    .groupBy('status')
    .select('status')
    .count({ n: '*' })
    .then((rows) => new Map((rows as Array<{ status: unknown; n: unknown }>).map((row) => [String(row.status), Number(row.n)])));
  try {
    return await Promise.race([query, timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
