import type { Knex } from 'knex';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import type { RequestAction, RequestActor } from '../../requests/lifecycle.js';
import type { RequestService } from '../../requests/request-service.js';
import type { ApplicationSource } from '../../requests/request-states.js';
import { toTicketView } from '../../requests/ticket-rows.js';
import type { TicketView } from '../../requests/ticket-store-type.js';
import { storedValue } from '../../requests/ticket-writer.js';
import { isUniqueViolation } from '../../storage/unique-violation.js';
import { problem, type Application, type ApplicationProblems } from './application-fields.js';

export interface ApplicationIntakeOptions {
  db: Knex;
  service: Pick<RequestService, 'create' | 'act'>;
  catalogue: CatalogueSource;
  now?: () => Date;
}

export interface EntryOptions {
  /** Send it to its category's department at once (else it waits at the Beyaz Masa as `open`). */
  forward: boolean;
  /** The staff user who entered it owns the ticket. */
  ownerUserId?: number | null;
  /** Kept in the history's `opened` event (an import's file type). */
  openedData?: Record<string, unknown>;
}

export interface EntryResult {
  ticket: TicketView;
  /** False: the portal's number was stored already, and this is that application's ticket (nothing was written). */
  created: boolean;
}

export type UpdateResult = { outcome: 'updated' | 'unchanged'; ticket: TicketView; changed: string[] } | { outcome: 'refused'; ticket: TicketView; problems: ApplicationProblems };

/** The fields an application brings that a later list export may correct (by the lifecycle's edit). */
const EDITABLE = ['callerName', 'callerNumber', 'email', 'address', 'district', 'description', 'categoryCode'] as const;

/**
 * Opens a ticket for a CİMER / Açık Kapı application exactly once per (source, number): a second entry of the
 * number, or two at once, answer with the first one's ticket (the partial unique index tickets_external_ref_idx
 * decides a race). The deadline runs from the application's date (ticket-writer's deadlineStart).
 */
export class ApplicationIntake {
  private readonly now: () => Date;

  constructor(private readonly options: ApplicationIntakeOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async find(source: ApplicationSource, externalRef: string): Promise<TicketView | undefined> {
    const row: unknown = await this.options.db('tickets').where({ source, external_ref: externalRef }).first();
    return row ? toTicketView(row) : undefined;
  }

  async enter(application: Application, actor: RequestActor, options: EntryOptions): Promise<EntryResult> {
    const existing = await this.find(application.source, application.externalRef);
    if (existing) return { ticket: existing, created: false };
    const department = await this.department(application.categoryCode);
    const actions: RequestAction[] = [{ name: 'edit', fields: this.fields(application, department) }];
    if (options.forward) actions.push({ name: 'forward', department, text: null });
    try {
      const ticket = await this.options.service.create(
        {
          source: application.source,
          createdAt: this.now(),
          callerName: application.callerName,
          callerNumber: application.callerNumber,
          email: application.email,
          externalRef: application.externalRef,
          appliedAt: application.appliedAt,
          ownerUserId: options.ownerUserId ?? null,
          updatedBy: actor.kind === 'user' ? actor.username : null,
          openedData: { externalRef: application.externalRef, appliedAt: application.appliedAt.toISOString(), ...options.openedData },
        },
        actor,
        actions,
      );
      return { ticket, created: true };
    } catch (error) {
      // Two entries of one number raced: the loser's transaction rolled back whole; the winner's ticket is the answer.
      if (!isUniqueViolation(error, 'external_ref')) throw error;
      const winner = await this.find(application.source, application.externalRef);
      if (!winner) throw error;
      return { ticket: winner, created: false };
    }
  }

  /** A list export's row for an application stored already: its corrected fields as one edit, while it is still open. */
  async update(existing: TicketView, application: Application, actor: RequestActor): Promise<UpdateResult> {
    const department = await this.department(application.categoryCode);
    const wanted: Record<string, string | null> = { ...this.fields(application, department), callerName: application.callerName, callerNumber: application.callerNumber, email: application.email };
    const changed = EDITABLE.filter((field) => (wanted[field] ?? null) !== storedValue(existing, field));
    const problems: ApplicationProblems = {};
    if (existing.appliedAt && existing.appliedAt.getTime() !== application.appliedAt.getTime()) problems.appliedAt = problem('appliedAt', 'date-mismatch');
    if (changed.length > 0 && existing.status === 'closed') for (const field of changed) problems[field] = problem(field, 'closed');
    // Moving a category moves the department: once it is with one, a re-route is the desk's decision, not an import's.
    else if (changed.includes('categoryCode') && existing.status !== 'open') problems.categoryCode = problem('categoryCode', 'category-locked');
    if (Object.keys(problems).length > 0) return { outcome: 'refused', ticket: existing, problems };
    if (changed.length === 0) return { outcome: 'unchanged', ticket: existing, changed: [] };
    const fields: Record<string, string | null> = {};
    for (const field of changed) fields[field] = wanted[field] ?? null;
    if (changed.includes('categoryCode')) fields.departmentCode = department;
    const ticket = await this.options.service.act(existing.number, { name: 'edit', fields }, actor);
    return { outcome: 'updated', ticket, changed: [...changed] };
  }

  private fields(application: Application, department: string): Record<string, string | null> {
    return {
      categoryCode: application.categoryCode,
      departmentCode: department,
      description: application.description,
      district: application.district,
      address: application.address,
    };
  }

  private async department(categoryCode: string): Promise<string> {
    const department = (await this.options.catalogue.index()).categoryDepartments.get(categoryCode);
    // checkApplication found the category in the same catalogue: a miss here is a catalogue changed under us.
    if (department === undefined) throw new Error(`category ${categoryCode} has no department`);
    return department;
  }
}
