import type { Knex } from 'knex';
import { z } from 'zod';
import { CALLBACK_OUTCOMES, CALLBACK_STATUSES, type CallbackAttempt, type CallbackAttemptPatch, type CallbackAttemptStore } from './callback-ports.js';

const rowSchema = z.object({
  id: z.string(),
  ticket_number: z.string().nullable(),
  call_id: z.string().nullable(),
  user_id: z.coerce.number().int(),
  agent_interface: z.string(),
  citizen_number: z.string(),
  status: z.enum(CALLBACK_STATUSES),
  outcome: z.enum(CALLBACK_OUTCOMES).nullable(),
  hangup_cause: z.string().nullable(),
  started_at: z.string(),
  agent_answered_at: z.string().nullable(),
  citizen_answered_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  ring_s: z.coerce.number().int().nullable(),
  talk_s: z.coerce.number().int().nullable(),
  created_at: z.string(),
});

function fromRow(raw: unknown): CallbackAttempt {
  const row = rowSchema.parse(raw);
  return {
    id: row.id,
    ticketNumber: row.ticket_number,
    callId: row.call_id,
    userId: row.user_id,
    agentInterface: row.agent_interface,
    citizenNumber: row.citizen_number,
    status: row.status,
    outcome: row.outcome,
    hangupCause: row.hangup_cause,
    startedAt: row.started_at,
    agentAnsweredAt: row.agent_answered_at,
    citizenAnsweredAt: row.citizen_answered_at,
    endedAt: row.ended_at,
    ringS: row.ring_s,
    talkS: row.talk_s,
    createdAt: row.created_at,
  };
}

const COLUMNS: Record<keyof CallbackAttemptPatch, string> = {
  status: 'status',
  outcome: 'outcome',
  hangupCause: 'hangup_cause',
  agentAnsweredAt: 'agent_answered_at',
  citizenAnsweredAt: 'citizen_answered_at',
  endedAt: 'ended_at',
  ringS: 'ring_s',
  talkS: 'talk_s',
};

/** callback_attempts on SQLite and PostgreSQL. */
export class KnexCallbackAttemptStore implements CallbackAttemptStore {
  constructor(private readonly db: Knex) {}

  async insert(attempt: CallbackAttempt): Promise<void> {
    await this.db('callback_attempts').insert({
      id: attempt.id,
      ticket_number: attempt.ticketNumber,
      call_id: attempt.callId,
      user_id: attempt.userId,
      agent_interface: attempt.agentInterface,
      citizen_number: attempt.citizenNumber,
      status: attempt.status,
      outcome: attempt.outcome,
      hangup_cause: attempt.hangupCause,
      started_at: attempt.startedAt,
      agent_answered_at: attempt.agentAnsweredAt,
      citizen_answered_at: attempt.citizenAnsweredAt,
      ended_at: attempt.endedAt,
      ring_s: attempt.ringS,
      talk_s: attempt.talkS,
      created_at: attempt.createdAt,
    });
  }

  async update(id: string, patch: CallbackAttemptPatch): Promise<void> {
    const row: Record<string, string | number | null> = {};
    for (const [key, column] of Object.entries(COLUMNS) as [keyof CallbackAttemptPatch, string][]) {
      if (patch[key] !== undefined) row[column] = patch[key];
    }
    if (Object.keys(row).length === 0) return;
    // An ended attempt stays as it ended (a late write of a slower step must not reopen it).
    await this.db('callback_attempts').where({ id }).whereNull('ended_at').update(row);
  }

  async get(id: string): Promise<CallbackAttempt | undefined> {
    const row: unknown = await this.db('callback_attempts').where({ id }).first();
    return row === undefined ? undefined : fromRow(row);
  }

  async listByTicket(ticketNumber: string): Promise<CallbackAttempt[]> {
    const rows: unknown[] = await this.db('callback_attempts').where({ ticket_number: ticketNumber }).orderBy('started_at', 'desc').limit(200);
    return rows.map(fromRow);
  }

  async listOpen(): Promise<CallbackAttempt[]> {
    const rows: unknown[] = await this.db('callback_attempts').whereNull('ended_at').orderBy('started_at');
    return rows.map(fromRow);
  }
}
