import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../storage/time.js';

export type AgentSessionKind = 'login' | 'pause' | 'unpause' | 'logout';

export interface AgentSessionRecord {
  userId: number;
  kind: AgentSessionKind;
  reason?: string | null;
  queues?: readonly string[] | null;
  /** `user:<username>` of whoever made the change (the agent, or a supervisor forcing it). */
  actor: string;
  at: Date;
}

export interface AgentSessionView extends Omit<AgentSessionRecord, 'at' | 'queues'> {
  id: number;
  queues: string[] | null;
  at: string;
}

/** Append-only log of desk logins, breaks and logouts, for shift reports. */
export interface AgentSessionStore {
  record(entry: AgentSessionRecord): Promise<void>;
  list(userId: number, from: Date, to: Date): Promise<AgentSessionView[]>;
}

const rowSchema = z.object({
  id: z.coerce.number().int(),
  user_id: z.coerce.number().int(),
  kind: z.enum(['login', 'pause', 'unpause', 'logout']),
  reason: z.string().nullable(),
  queues: z.string().nullable(),
  actor: z.string().nullable(),
  at: z.string(),
});

export class KnexAgentSessionStore implements AgentSessionStore {
  constructor(private readonly db: Knex) {}

  async record(entry: AgentSessionRecord): Promise<void> {
    await this.db('agent_sessions').insert({
      user_id: entry.userId,
      kind: entry.kind,
      reason: entry.reason ?? null,
      queues: entry.queues ? JSON.stringify(entry.queues) : null,
      actor: entry.actor,
      at: toDbTime(entry.at),
    });
  }

  async list(userId: number, from: Date, to: Date): Promise<AgentSessionView[]> {
    const rows: unknown[] = await this.db('agent_sessions').where('user_id', userId).andWhere('at', '>=', toDbTime(from)).andWhere('at', '<', toDbTime(to)).orderBy('id');
    return rows.map((raw) => {
      const row = rowSchema.parse(raw);
      return { id: row.id, userId: row.user_id, kind: row.kind, reason: row.reason, queues: row.queues ? (JSON.parse(row.queues) as string[]) : null, actor: row.actor ?? '', at: row.at };
    });
  }
}
