import type { Knex } from 'knex';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import type { SmsHistoryKind, TicketHistoryPort } from '../../src/relay/sms/history-port.js';
import type { SmsSenderSettings } from '../../src/relay/sms/sms-sender.js';

export const SMSC_LOGIN = { systemId: 'alo153', password: 'secret1' };

export function senderSettings(port: number, overrides: Partial<SmsSenderSettings> = {}): SmsSenderSettings {
  return {
    smsc: { host: '127.0.0.1', port, systemId: SMSC_LOGIN.systemId, password: SMSC_LOGIN.password, systemType: '' },
    sourceAddr: 'ALO153',
    requestDeliveryReceipt: true,
    perSecond: 500,
    retry: { initialDelayMs: 20, maxDelayMs: 200 },
    giveUpHours: 72,
    ...overrides,
  };
}

/** Fast timings for tests: every wait is a condition, these only bound how soon a retry happens. */
export const FAST = { pollMs: 20, leaseMs: 5000, responseTimeoutMs: 1000, enquireLinkMs: 200 };

/** A TicketHistoryPort that remembers every note. */
export function recordingHistory(): TicketHistoryPort & { notes: Array<{ ticket: string; kind: SmsHistoryKind; data: Record<string, unknown>; actor: RequestActor }> } {
  const notes: Array<{ ticket: string; kind: SmsHistoryKind; data: Record<string, unknown>; actor: RequestActor }> = [];
  return {
    notes,
    note(ticket, kind, data, actor) {
      notes.push({ ticket, kind, data, actor });
      return Promise.resolve();
    },
  };
}

let seq = 0;
/** A bare ticket row (tickets is the lifecycle's table; these tests only need its number and sms_opt_out). */
export async function insertTicket(db: Knex, options: { optOut?: boolean } = {}): Promise<string> {
  seq += 1;
  const number = `153-2026-${String(seq).padStart(6, '0')}`;
  const at = new Date().toISOString();
  await db('tickets').insert({ number, year: 2026, seq, source: 'phone', caller_number: '05321234567', status: 'open', priority: 'normal', created_at: at, updated_at: at, sms_opt_out: options.optOut ?? false });
  return number;
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function statuses(db: Knex): Promise<Record<string, number>> {
  const rows = (await db('sms_messages').select('status').count({ n: '*' }).groupBy('status')) as Array<{ status: string; n: number | string }>;
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
