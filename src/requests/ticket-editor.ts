import type { Knex } from 'knex';
import type { Role } from '../auth/roles.js';
import { toDbTime } from '../storage/time.js';
import { KnexCatalogue, type CatalogueIndex, type CatalogueSource } from './catalogue/catalogue.js';
import { TicketChangedError, TicketNotFoundError } from './errors.js';
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
import { allocateTicketSeq, formatTicketNumber, istanbulYear } from './ticket-numbers.js';
import { toTicketView } from './ticket-rows.js';
import type { TicketStatus, TicketView } from './ticket-store-type.js';

export { TicketChangedError, TicketNotFoundError } from './errors.js';

export interface Actor {
  userId: number;
  username: string;
  role: Role;
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
}

const COLUMN: Record<TicketFormField, string> = {
  categoryCode: 'category_code',
  departmentCode: 'department_code',
  district: 'district',
  neighbourhood: 'neighbourhood',
  address: 'address',
  description: 'description',
  priority: 'priority',
  callerName: 'caller_name',
  callerNumber: 'caller_number',
  resolution: 'resolution',
};
const FORM_FIELDS = Object.keys(COLUMN) as TicketFormField[];

/** CİMER (the Presidency's complaint system) expects an answer within 15 days. */
const CIMER_DUE_MS = 15 * 24 * 3_600_000;

type Change = { from: string | null; to: string | null };
/** A field absent from the form is left as it is; null clears it. */
type FormValues = Partial<Record<TicketFormField, string | null>>;

const actorName = (actor: Actor) => `user:${actor.username}`;

/**
 * Agents' edits of tickets. Each save is optimistic (the version the form was loaded with must still be
 * current), and leaves one `updated` event with what changed, plus `resolved` / `forwarded` when the
 * outcome moves the ticket. Events are append-only; the version in their dedupe key keeps them single.
 */
export class TicketEditor implements TicketEditing {
  private readonly now: () => Date;
  private readonly catalogue: CatalogueSource;

  constructor(
    private readonly db: Knex,
    options: TicketEditorOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.catalogue = options.catalogue ?? new KnexCatalogue(db);
  }

  async update(number: string, input: { version: number; changes: TicketForm }, actor: Actor): Promise<TicketView> {
    if (!Number.isInteger(input.version) || input.version < 1) throw new TicketValidationError({ version: fieldError('version', 'invalid-version') });
    const form = parseTicketForm(input.changes);
    const index = await this.catalogue.index();
    return this.db.transaction(async (trx) => {
      const current = await this.find(trx, number);
      if (!current) throw new TicketNotFoundError(number);
      if (current.version !== input.version) throw new TicketChangedError(current, input.version);
      return this.apply(trx, current, form, index, actor);
    });
  }

  async create(input: TicketCreateForm, actor: Actor): Promise<TicketView> {
    const { source, ...form } = parseTicketCreateForm(input);
    const index = await this.catalogue.index();
    return this.db.transaction(async (trx) => {
      const now = this.now();
      const year = istanbulYear(now);
      // The call path's allocator in this transaction: a rejected form rolls the number back too.
      const seq = await allocateTicketSeq(trx, year);
      const number = formatTicketNumber(year, seq);
      const at = toDbTime(now);
      await trx('tickets').insert({
        number,
        year,
        seq,
        source,
        status: 'open',
        priority: 'normal',
        due_at: source === 'cimer' ? toDbTime(new Date(now.getTime() + CIMER_DUE_MS)) : null,
        owner_user_id: actor.userId,
        updated_by: actor.username,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      const opened = await this.find(trx, number);
      if (!opened) throw new Error(`ticket ${number} vanished in its own transaction`);
      await trx('ticket_events').insert({ ticket_id: opened.id, at, actor: actorName(actor), kind: 'opened', data: JSON.stringify({ source }), dedupe_key: 'opened' });
      return this.apply(trx, opened, form, index, actor);
    });
  }

  async assignOwner(ticketNumber: string, userId: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const assigned = await trx('tickets').where({ number: ticketNumber }).whereNull('owner_user_id').update({ owner_user_id: userId });
      if (assigned === 0) {
        if (!(await this.find(trx, ticketNumber))) throw new TicketNotFoundError(ticketNumber);
        return;
      }
      // Ownership is not part of the form: no version bump, so a desk holding the ticket open keeps its version.
      const ticket = await this.find(trx, ticketNumber);
      if (!ticket) throw new TicketNotFoundError(ticketNumber);
      await trx('ticket_events').insert({
        ticket_id: ticket.id,
        at: toDbTime(this.now()),
        actor: 'system:desk',
        kind: 'owner-assigned',
        data: JSON.stringify({ userId }),
        dedupe_key: 'owner-assigned',
      });
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

  private async find(trx: Knex.Transaction, number: string): Promise<TicketView | undefined> {
    const row: unknown = await trx('tickets').where({ number }).first();
    return row ? toTicketView(row) : undefined;
  }

  private async apply(trx: Knex.Transaction, current: TicketView, form: ParsedTicketForm, index: CatalogueIndex, actor: Actor): Promise<TicketView> {
    const target = this.target(current, form, index);
    const after = (field: 'categoryCode' | 'departmentCode' | 'description' | 'resolution'): string | null => {
      const value = target[field];
      return value === undefined ? current[field] : value;
    };
    const merged = { categoryCode: after('categoryCode'), departmentCode: after('departmentCode'), description: after('description'), resolution: after('resolution') };
    const problems = { ...catalogueProblems(form, index), ...outcomeProblems(form.outcome, merged) };
    if (Object.keys(problems).length > 0) throw new TicketValidationError(problems);

    const changes: Record<string, Change> = {};
    for (const field of FORM_FIELDS) {
      const to = target[field];
      if (to !== undefined && to !== current[field]) changes[field] = { from: current[field], to };
    }
    const resolving = form.outcome === 'resolved-on-call' && current.status !== 'resolved';
    const forwarding = form.outcome === 'forwarded' && (current.status !== 'forwarded' || changes.departmentCode !== undefined);
    const status: TicketStatus = resolving ? 'resolved' : forwarding ? 'forwarded' : current.status;
    if (status !== current.status) changes.status = { from: current.status, to: status };
    if (Object.keys(changes).length === 0) return current;

    const now = toDbTime(this.now());
    const version = current.version + 1;
    const columns: Record<string, string | null> = {};
    for (const field of FORM_FIELDS) if (changes[field]) columns[COLUMN[field]] = changes[field].to;
    const updated = await trx('tickets')
      .where({ id: current.id, version: current.version })
      .update({
        ...columns,
        status,
        ...(resolving ? { resolved_at: now } : {}),
        ...(forwarding ? { forwarded_at: now } : {}),
        updated_at: now,
        updated_by: actor.username,
        version,
      });
    if (updated === 0) {
      // Another save committed between our read and this write (PostgreSQL re-checks the version after its lock).
      const latest = await this.find(trx, current.number);
      if (!latest) throw new TicketNotFoundError(current.number);
      throw new TicketChangedError(latest, current.version);
    }
    const event = (kind: string, data: Record<string, unknown>) => ({
      ticket_id: current.id,
      at: now,
      actor: actorName(actor),
      kind,
      data: JSON.stringify(data),
      dedupe_key: `${kind}:v${version}`,
    });
    const events = [event('updated', { changes, version })];
    if (resolving) events.push(event('resolved', { from: current.status, version }));
    if (forwarding) events.push(event('forwarded', { from: current.status, departmentCode: merged.departmentCode, version }));
    await trx('ticket_events').insert(events);
    const saved = await this.find(trx, current.number);
    if (!saved) throw new TicketNotFoundError(current.number);
    return saved;
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
