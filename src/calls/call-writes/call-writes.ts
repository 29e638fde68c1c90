import type { Knex } from 'knex';
import type { TicketWriter } from '../../requests/ticket-writer.js';
import { isConnectionError } from '../../storage/db-errors.js';
import { executeCallWrites, type CallWrite } from './call-write-batch.js';
import { GroupCommit } from './group-commit.js';

/** The call path's group commit on `db`: openings, hand-offs, ends and queue outcomes of many calls per transaction. */
export function createCallWrites(db: Knex, writer: TicketWriter, now: () => Date = () => new Date()): GroupCommit<CallWrite> {
  return new GroupCommit<CallWrite>({ db, execute: (trx, writes) => executeCallWrites(trx, writer, writes, now()), split: (error) => !isConnectionError(error) });
}
