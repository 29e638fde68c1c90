import type { Knex } from 'knex';
import type { Logger } from '../../logging/logger.js';
import type { FieldErrors } from '../../requests/field-errors.js';
import type { RequestActor } from '../../requests/lifecycle.js';
import { TicketValidationError } from '../../requests/ticket-form.js';
import type { ChannelIntake } from '../intake.js';
import { fieldKey, fieldRowError, fieldRowErrors, fieldRowSchema, type FieldRow, type FieldRowCode } from './field-row.js';

/** The staff user who syncs a tablet's outbox: owns and opens its tickets. */
export interface FieldStaff {
  userId: number;
  username: string;
  role: 'agent' | 'supervisor' | 'admin';
}

export type FieldRowResult =
  | { key: string | null; status: 'created' | 'duplicate'; ticketNumber: string }
  | { key: string | null; status: 'refused'; errors: FieldErrors<FieldRowCode> };

export interface FieldBatchResult {
  results: FieldRowResult[];
  created: number;
  duplicate: number;
  refused: number;
}

export interface FieldDeskOptions {
  db: Knex;
  intake: Pick<ChannelIntake, 'submit'>;
  logger: Logger;
  now?: () => Date;
}

/** The intake's own refusals (catalogue, takenAt) in the row's codes. */
const INTAKE_CODES: Record<string, FieldRowCode> = {
  'unknown-category': 'unknown-category',
  'invalid-district': 'invalid-district',
  required: 'required',
};

/**
 * A field desk's batch: every row on its own, so the good rows of a batch are stored and the bad ones
 * reported. A key already stored answers `duplicate` with its ticket number before the row is even
 * validated: the page's retry of a batch whose answer it never got must not be refused for a rule that
 * changed meanwhile (a row that turned 7 days old while the tablet was offline again).
 */
export class FieldDesk {
  private readonly now: () => Date;

  constructor(private readonly options: FieldDeskOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async submitBatch(rows: readonly unknown[], staff: FieldStaff): Promise<FieldBatchResult> {
    const results: FieldRowResult[] = [];
    // One row after another: each is one transaction, and a batch's duplicate keys resolve in order.
    for (const row of rows) results.push(await this.submitRow(row, staff));
    const count = (status: FieldRowResult['status']) => results.filter((result) => result.status === status).length;
    const summary = { results, created: count('created'), duplicate: count('duplicate'), refused: count('refused') };
    this.options.logger.info('field batch stored', { userId: staff.userId, rows: rows.length, created: summary.created, duplicate: summary.duplicate, refused: summary.refused });
    return summary;
  }

  private async submitRow(row: unknown, staff: FieldStaff): Promise<FieldRowResult> {
    const rawKey = typeof row === 'object' && row !== null ? (row as { key?: unknown }).key : undefined;
    const key = fieldKey.safeParse(rawKey);
    if (!key.success) return { key: typeof rawKey === 'string' ? rawKey.slice(0, 60) : null, status: 'refused', errors: { key: fieldRowError(typeof rawKey === 'string' ? 'invalid-key' : 'required') } };
    const stored = await this.storedTicket(key.data);
    if (stored) return { key: key.data, status: 'duplicate', ticketNumber: stored };
    const parsed = fieldRowSchema(this.now()).safeParse(row);
    if (!parsed.success) return { key: key.data, status: 'refused', errors: fieldRowErrors(parsed.error) };
    try {
      const { ticket, created } = await this.options.intake.submit(this.submission(parsed.data, staff), actorOf(staff));
      return { key: key.data, status: created ? 'created' : 'duplicate', ticketNumber: ticket.number };
    } catch (error) {
      if (!(error instanceof TicketValidationError)) throw error;
      return { key: key.data, status: 'refused', errors: intakeErrors(error) };
    }
  }

  private async storedTicket(key: string): Promise<string | undefined> {
    const row = (await this.options.db('tickets').select('number').where({ submission_key: key }).first()) as { number: string } | undefined;
    return row?.number;
  }

  private submission(row: FieldRow, staff: FieldStaff) {
    return {
      source: 'field' as const,
      submissionKey: row.key,
      categoryCode: row.categoryCode,
      description: row.description,
      district: row.district,
      neighbourhood: row.neighbourhood,
      address: row.address,
      callerName: row.callerName,
      callerNumber: row.callerNumber,
      email: row.email,
      // The citizen was informed when the request was taken, not when the tablet got its network back.
      kvkkConsentAt: row.kvkkInformed ? row.takenAt : null,
      fieldEvent: row.fieldEvent,
      takenAt: row.takenAt,
      smsConsent: row.smsConsent ? ('allowed' as const) : ('refused' as const),
      ownerUserId: staff.userId,
    };
  }
}

/** The staff user acts in the ticket's history (who took it at the event), as they would at the desk. */
function actorOf(staff: FieldStaff): RequestActor {
  return { kind: 'user', userId: staff.userId, username: staff.username, role: staff.role, department: null };
}

function intakeErrors(error: TicketValidationError): FieldErrors<FieldRowCode> {
  const fields: FieldErrors<FieldRowCode> = {};
  for (const [field, problem] of Object.entries(error.fields)) {
    fields[field] = field === 'takenAt' ? fieldRowError('invalid-time') : fieldRowError(INTAKE_CODES[problem.code] ?? 'invalid');
  }
  return fields;
}
