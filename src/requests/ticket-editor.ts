import type { Knex } from 'knex';
import type { Role } from '../auth/roles.js';
import { createLogger } from '../logging/logger.js';
import { KnexCatalogue, type CatalogueIndex, type CatalogueSource } from './catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig } from './create-requests.js';
import { TicketChangedError, TicketNotFoundError } from './errors.js';
import type { RequestAction, RequestActor } from './lifecycle.js';
import type { RequestService } from './request-service.js';
import { DEPARTMENT_STATUSES } from './request-states.js';
import {
  catalogueProblems,
  fieldError,
  outcomeProblems,
  parseTicketCreateForm,
  parseTicketForm,
  TicketValidationError,
  type ParsedTicketForm,
  type TicketCreateForm,
  type TicketForm,
  type TicketFormField,
} from './ticket-form.js';
import { toTicketView } from './ticket-rows.js';
import { storedValue } from './ticket-writer.js';
import { NO_CHANNEL_DATA, type TicketView } from './ticket-store-type.js';

export { TicketChangedError, TicketNotFoundError } from './errors.js';

export interface Actor {
  userId: number;
  username: string;
  role: Role;
  department?: string | null;
}

/** What the ticket routes need (TicketEditor; fakes in tests). */
export interface TicketEditing {
  update(number: string, input: { version: number; changes: TicketForm }, actor: Actor): Promise<TicketView>;
  create(input: TicketCreateForm, actor: Actor): Promise<TicketView>;
  assignOwner(ticketNumber: string, userId: number): Promise<void>;
  /** True when the user owns the ticket or took its call on `phoneInterface`. */
  isHandledBy(number: string, user: { id: number; phoneInterface: string | null }): Promise<boolean>;
}

export interface TicketEditorOptions {
  now?: () => Date;
  /** Shared with GET /api/catalogue so both use one cache; default: its own. */
  catalogue?: CatalogueSource;
  /** The lifecycle's writer; default: one on the shipped lifecycle config. */
  service?: RequestService;
}

const FORM_FIELDS: readonly TicketFormField[] = [
  'categoryCode', 'departmentCode', 'district', 'neighbourhood', 'address', 'description', 'priority', 'callerName', 'callerNumber', 'resolution', 'smsConsent',
];


/** A field absent from the form is left as it is; null clears it. */
type FormValues = Partial<Record<TicketFormField, string | null>>;

export const requestActor = (actor: Actor): RequestActor => ({ kind: 'user', userId: actor.userId, username: actor.username, role: actor.role, department: actor.department ?? null });

/**
 * The agent desk's ticket form, translated into lifecycle actions: the changed fields as one `edit`, then the
 * form's outcome as `resolve` or `forward`. The request service writes them as one versioned change.
 */
export class TicketEditor implements TicketEditing {
  private readonly catalogue: CatalogueSource;
  private readonly service: RequestService;
  private readonly now: () => Date;

  constructor(
    private readonly db: Knex,
    options: TicketEditorOptions = {},
  ) {
    this.catalogue = options.catalogue ?? new KnexCatalogue(db);
    this.now = options.now ?? (() => new Date());
    this.service =
      options.service ??
      createRequests({ db, config: shippedLifecycleConfig(), logger: createLogger({ level: 'error' }), catalogue: this.catalogue, ...(options.now ? { now: options.now } : {}) }).service;
  }

  async update(number: string, input: { version: number; changes: TicketForm }, actor: Actor): Promise<TicketView> {
    if (!Number.isInteger(input.version) || input.version < 1) throw new TicketValidationError({ version: fieldError('version', 'invalid-version') });
    const form = parseTicketForm(input.changes);
    const index = await this.catalogue.index();
    const current = await this.find(number);
    if (!current) throw new TicketNotFoundError(number);
    const actions = this.actions(current, form, index);
    if (actions.length === 0) return current;
    return this.service.actAll(number, actions, requestActor(actor), { version: input.version });
  }

  async create(input: TicketCreateForm, actor: Actor): Promise<TicketView> {
    const { source, ...form } = parseTicketCreateForm(input);
    const index = await this.catalogue.index();
    const blank = emptyTicket(source);
    // Validated before the ticket exists, so a rejected form allocates no number.
    const actions = this.actions(blank, form, index);
    return this.service.create({ source, createdAt: this.now(), ownerUserId: actor.userId, updatedBy: actor.username }, requestActor(actor), actions);
  }

  async assignOwner(ticketNumber: string, userId: number): Promise<void> {
    const ticket = await this.find(ticketNumber);
    if (!ticket) throw new TicketNotFoundError(ticketNumber);
    if (ticket.ownerUserId !== null) return;
    await this.service.act(ticketNumber, { name: 'reassign', ownerUserId: userId }, { kind: 'system', name: 'desk' }).catch((error: unknown) => {
      // Two pops of one ticket racing: the first assignment stands.
      if (!(error instanceof TicketChangedError)) throw error;
    });
  }

  async isHandledBy(number: string, user: { id: number; phoneInterface: string | null }): Promise<boolean> {
    const row: unknown = await this.db('tickets')
      .leftJoin('calls', 'calls.ticket_id', 'tickets.id')
      .where('tickets.number', number)
      .andWhere((mine) => {
        mine.where('tickets.owner_user_id', user.id);
        if (user.phoneInterface !== null) mine.orWhere('calls.agent', user.phoneInterface);
      })
      .first('tickets.id');
    return row !== undefined;
  }

  private async find(number: string): Promise<TicketView | undefined> {
    const row: unknown = await this.db('tickets').where({ number }).first();
    return row ? toTicketView(row) : undefined;
  }

  private actions(current: TicketView, form: ParsedTicketForm, index: CatalogueIndex): RequestAction[] {
    const target = this.target(current, form, index);
    const after = (field: TicketFormField): string | null => {
      const value = target[field];
      return value === undefined ? storedValue(current, field) : value;
    };
    const merged = { categoryCode: after('categoryCode'), departmentCode: after('departmentCode'), description: after('description'), resolution: after('resolution') };
    const problems = { ...catalogueProblems(form, index), ...outcomeProblems(form.outcome, merged) };
    if (Object.keys(problems).length > 0) throw new TicketValidationError(problems);

    const fields: Record<string, string | null> = {};
    for (const field of FORM_FIELDS) {
      const to = target[field];
      if (to !== undefined && to !== storedValue(current, field)) fields[field] = to;
    }
    const actions: RequestAction[] = [];
    if (Object.keys(fields).length > 0) actions.push({ name: 'edit', fields });
    if (form.outcome === 'resolved-on-call' && current.status !== 'closed') {
      actions.push({ name: 'resolve', text: merged.resolution ?? merged.description ?? '' });
    }
    const department = merged.departmentCode;
    const alreadyThere = DEPARTMENT_STATUSES.includes(current.status) && current.departmentCode === department && fields.departmentCode === undefined;
    if (form.outcome === 'forwarded' && department !== null && !alreadyThere) actions.push({ name: 'forward', department, text: null });
    return actions;
  }

  /** The form's values as they will be stored; a new category brings its department unless one was chosen. */
  private target(current: TicketView, form: ParsedTicketForm, index: CatalogueIndex): FormValues {
    const target: FormValues = {};
    for (const field of FORM_FIELDS) if (form[field] !== undefined) target[field] = form[field];
    const categoryDepartment = form.categoryCode ? index.categoryDepartments.get(form.categoryCode) : undefined;
    if (form.departmentCode === undefined && form.categoryCode !== current.categoryCode && categoryDepartment !== undefined) {
      target.departmentCode = categoryDepartment;
    }
    return target;
  }
}

/** The form's view of a ticket that does not exist yet (for validating a new ticket's form). */
function emptyTicket(source: TicketView['source']): TicketView {
  const now = new Date();
  return {
    id: 0, number: '', year: 0, seq: 0, source, callerNumber: null, callerName: null, categoryCode: null, departmentCode: null, district: null,
    neighbourhood: null, address: null, description: null, status: 'open', priority: 'normal', dueAt: null, ownerUserId: null, resolution: null,
    resolvedAt: null, forwardedAt: null, updatedBy: null, createdAt: now, updatedAt: now, version: 1, answer: null, question: null, closeReason: null,
    acceptedAt: null, answeredAt: null, informedAt: null, closedAt: null, ackDueAt: null, dueSoonAt: null, contactAttempts: 0, firstAttemptAt: null,
    callBackAt: null, reopenCount: 0, smsOptOut: false, ...NO_CHANNEL_DATA,
  };
}
