import type { AccessKind, AccessRecord } from './access-log.js';

export interface AccessLogQuery {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  userId?: number;
  username?: string;
  /** Rows that name this ticket number. */
  ticket?: string;
  kind?: AccessKind;
  limit: number;
  offset: number;
}

export interface AccessLogPage {
  /** Newest first. */
  items: AccessRecord[];
  total: number;
}

/** Storage of the access log: append and read; there is deliberately no way to change or remove a row. */
export interface AccessLogStore {
  /** Idempotent on AccessRecord.id: a batch retried after an ambiguous failure writes each row once. */
  append(records: readonly AccessRecord[]): Promise<void>;
  list(query: AccessLogQuery): Promise<AccessLogPage>;
}
