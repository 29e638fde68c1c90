import type { Knex } from 'knex';

/** Rows for the calls and agents reports' tests, written directly: each test chooses every stored fact. */
export interface SeedCall {
  id: string;
  at: string;
  outcome?: string | null;
  queue?: string | null;
  agent?: string | null;
  agentName?: string | null;
  waitS?: number | null;
  talkS?: number | null;
  lastStep?: string | null;
  ticketId?: number | null;
  survey?: number | null;
}

export async function seedCall(db: Knex, call: SeedCall): Promise<void> {
  await db('calls').insert({
    id: call.id,
    channel_id: `ch-${call.id}`,
    started_at: call.at,
    ivr_path: '[]',
    outcome: call.outcome ?? null,
    queue: call.queue ?? null,
    agent: call.agent ?? null,
    agent_name: call.agentName ?? null,
    wait_s: call.waitS ?? null,
    talk_s: call.talkS ?? null,
    last_step: call.lastStep ?? null,
    ticket_id: call.ticketId ?? null,
    survey_score: call.survey ?? null,
    created_at: call.at,
    updated_at: call.at,
  });
}

let ticketSeq = 0;
export async function seedReportTicket(db: Knex, ticket: { category?: string; department?: string; district?: string; source?: string }): Promise<number> {
  ticketSeq += 1;
  const at = '2026-03-01T00:00:00.000Z';
  const [row] = (await db('tickets')
    .insert({
      number: `153-2026-${String(ticketSeq).padStart(6, '0')}`,
      year: 2026,
      seq: ticketSeq,
      source: ticket.source ?? 'phone',
      status: 'open',
      priority: 'normal',
      category_code: ticket.category ?? null,
      department_code: ticket.department ?? null,
      district: ticket.district ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .returning('id')) as Array<{ id: number } | number>;
  return typeof row === 'number' ? row : Number(row?.id);
}

export async function seedUser(db: Knex, username: string, phone: string | null, name = username): Promise<number> {
  const at = '2026-01-01T00:00:00.000Z';
  const [row] = (await db('users')
    .insert({ username, display_name: name, role: 'agent', password_hash: 'x', phone_interface: phone, created_at: at, updated_at: at })
    .returning('id')) as Array<{ id: number } | number>;
  return typeof row === 'number' ? row : Number(row?.id);
}

export async function seedSession(db: Knex, userId: number, kind: 'login' | 'pause' | 'unpause' | 'logout', at: string, reason: string | null = null): Promise<void> {
  await db('agent_sessions').insert({ user_id: userId, kind, reason, at, actor: 'test' });
}

export async function seedCallback(db: Knex, id: string, userId: number, at: string, outcome: string): Promise<void> {
  await db('callback_attempts').insert({ id, user_id: userId, agent_interface: 'PJSIP/x', citizen_number: '05320000000', status: 'ended', outcome, started_at: at, ended_at: at, created_at: at });
}
