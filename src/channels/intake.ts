import type { Knex } from 'knex';
import type { CatalogueSource } from '../requests/catalogue/catalogue.js';
import type { RequestAction, RequestActor } from '../requests/lifecycle.js';
import type { RequestService } from '../requests/request-service.js';
import { fieldError, TicketValidationError, type TicketFieldErrors } from '../requests/ticket-form.js';
import { toTicketView } from '../requests/ticket-rows.js';
import type { TicketView } from '../requests/ticket-store-type.js';
import { isUniqueViolation } from '../storage/unique-violation.js';

/** The channels that open a ticket without an agent: the public web form, a field desk, an Open311 client. */
export type IntakeSource = 'web' | 'field' | 'open311';

/** A citizen's request as a channel brings it, already validated at that channel's edge (zod, per field). */
export interface ChannelSubmission {
  source: IntakeSource;
  /** The client's idempotency key: a retried submit (a double click, a field desk's re-sync) opens nothing new. */
  submissionKey: string;
  categoryCode: string;
  description: string;
  district?: string | null;
  neighbourhood?: string | null;
  address?: string | null;
  callerName?: string | null;
  /** Digits as typed (see ticket-form.ts); a Turkish mobile gets the ticket number by SMS. */
  callerNumber?: string | null;
  email?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  kvkkConsentAt?: Date | null;
  /** A field desk's event and place. */
  fieldEvent?: string | null;
  /** When the request was taken (a field desk that was offline); default: now. Never in the future. */
  takenAt?: Date;
  smsConsent?: 'allowed' | 'refused';
  /** A staff user who took it (field desk): owns the ticket. */
  ownerUserId?: number | null;
}

export interface IntakeResult {
  ticket: TicketView;
  /** False when the submission key was stored already: the first submission's ticket. */
  created: boolean;
}

export interface ChannelIntakeOptions {
  db: Knex;
  service: RequestService;
  /** Categories and the site's districts (config/site.json) a submission must name. */
  catalogue: CatalogueSource;
  now?: () => Date;
}

/** How far back a field desk's offline request may be dated (a shift, with a night's margin). */
const MAX_TAKEN_AGE_MS = 7 * 24 * 3600_000;

/**
 * Opens tickets for the channels without an agent, each through the request service (the same lifecycle,
 * deadlines and SMS as the desk), exactly once per submission key: a second submit of the same key (a retry, a
 * replayed sync, two concurrent requests) returns the first one's ticket and writes nothing.
 */
export class ChannelIntake {
  private readonly now: () => Date;

  constructor(private readonly options: ChannelIntakeOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async submit(submission: ChannelSubmission, actor: RequestActor): Promise<IntakeResult> {
    const existing = await this.bySubmissionKey(submission.submissionKey);
    if (existing) return { ticket: existing, created: false };
    const actions = await this.actions(submission);
    const now = this.now();
    const takenAt = this.takenAt(submission.takenAt, now);
    try {
      const ticket = await this.options.service.create(
        {
          source: submission.source,
          createdAt: takenAt,
          callerNumber: submission.callerNumber ?? null,
          callerName: submission.callerName ?? null,
          email: submission.email ?? null,
          latitude: submission.latitude ?? null,
          longitude: submission.longitude ?? null,
          kvkkConsentAt: submission.kvkkConsentAt ?? null,
          fieldEvent: submission.fieldEvent ?? null,
          submissionKey: submission.submissionKey,
          ownerUserId: submission.ownerUserId ?? null,
          openedData: submission.fieldEvent ? { fieldEvent: submission.fieldEvent } : {},
        },
        actor,
        actions,
        submission.callerNumber && submission.smsConsent !== 'refused' ? [{ kind: 'sms', template: 'opened' }] : [],
      );
      return { ticket, created: true };
    } catch (error) {
      // Two submits of one key raced: the loser's transaction rolled back whole; the winner's ticket is the answer.
      if (!isUniqueViolation(error, 'submission_key')) throw error;
      const winner = await this.bySubmissionKey(submission.submissionKey);
      if (!winner) throw error;
      return { ticket: winner, created: false };
    }
  }

  private async bySubmissionKey(key: string): Promise<TicketView | undefined> {
    const row: unknown = await this.options.db('tickets').where({ submission_key: key }).first();
    return row ? toTicketView(row) : undefined;
  }

  private takenAt(takenAt: Date | undefined, now: Date): Date {
    if (takenAt === undefined) return now;
    if (takenAt.getTime() > now.getTime() + 60_000 || takenAt.getTime() < now.getTime() - MAX_TAKEN_AGE_MS) {
      throw new TicketValidationError({ takenAt: fieldError('takenAt', 'invalid', 'within the last 7 days, not in the future') });
    }
    return takenAt.getTime() > now.getTime() ? now : takenAt;
  }

  /** The submission as the lifecycle's `edit`: the category brings its department; names are checked against the catalogue. */
  private async actions(submission: ChannelSubmission): Promise<RequestAction[]> {
    const index = await this.options.catalogue.index();
    const problems: TicketFieldErrors = {};
    const departmentCode = index.categoryDepartments.get(submission.categoryCode);
    if (departmentCode === undefined) problems.categoryCode = fieldError('categoryCode', 'unknown-category');
    if (submission.district && !index.districts.has(submission.district)) problems.district = fieldError('district', 'invalid-district');
    if (submission.description.trim() === '') problems.description = fieldError('description', 'required');
    if (Object.keys(problems).length > 0) throw new TicketValidationError(problems);
    const fields: Record<string, string | null> = {
      categoryCode: submission.categoryCode,
      departmentCode: departmentCode ?? null,
      description: submission.description,
    };
    if (submission.district) fields.district = submission.district;
    if (submission.neighbourhood) fields.neighbourhood = submission.neighbourhood;
    if (submission.address) fields.address = submission.address;
    if (submission.smsConsent === 'refused') fields.smsConsent = 'refused';
    return [{ name: 'edit', fields }];
  }
}
