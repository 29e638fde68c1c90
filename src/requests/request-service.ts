import type { Knex } from 'knex';
import type { Logger } from '../logging/logger.js';
import type { CatalogueSource } from './catalogue/catalogue.js';
import { ActionRefusedError, TicketChangedError, TicketNotFoundError } from './errors.js';
import { isRefusal, transition, type LifecyclePolicy, type LifecycleTask, type RequestAction, type RequestActor, type Transition } from './lifecycle.js';
import { fieldError, TicketValidationError } from './ticket-form.js';
import type { TicketView } from './ticket-store-type.js';
import { DuplicateWrite, lifecycleTicket, VersionConflict, type NewTicket, type TicketWriter } from './ticket-writer.js';

export interface ActOptions {
  /** The version the screen showed: a user's action on a ticket that changed since is refused (409). */
  version?: number;
  /** Makes a retried system write land once (an SMS receipt, a callback attempt). */
  dedupeKey?: string;
}

/** What happened, for the pushes that follow a commit (inbox, relay list, escalations, desks). */
export interface RequestChange {
  before: TicketView | null;
  after: TicketView;
  actor: RequestActor;
  actions: RequestAction['name'][];
  tasks: LifecycleTask[];
}

/** Work that must commit with the action (an SMS in the outbox), run inside its transaction. */
export interface TransactionalTasks {
  run(trx: Knex.Transaction, ticket: TicketView, task: LifecycleTask): Promise<void>;
}

export interface RequestServiceOptions {
  db: Knex;
  writer: TicketWriter;
  catalogue: CatalogueSource;
  policy: LifecyclePolicy;
  textMaxLength: number;
  logger: Logger;
  now?: () => Date;
  tasks?: TransactionalTasks;
}

/** Actions whose text is the department's or the agent's words and must not be empty. */
const TEXT_REQUIRED = new Set<RequestAction['name']>(['resolve', 'answer', 'return', 'transfer', 'ask', 'reply', 'reopen', 'refer']);

/**
 * The request lifecycle's only writer: each call of `act` is one transaction that reads the ticket, asks the
 * pure lifecycle what the action does, writes it with the version check, and runs the tasks that must commit
 * with it. Listeners hear of each change after the commit.
 */
export class RequestService {
  private readonly listeners = new Set<(change: RequestChange) => void>();
  private readonly now: () => Date;

  constructor(private readonly options: RequestServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  onChange(listener: (change: RequestChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  act(number: string, action: RequestAction, actor: RequestActor, options: ActOptions = {}): Promise<TicketView> {
    return this.actAll(number, [action], actor, options);
  }

  /** Several actions as one change (the desk's save: edited fields, then forward or resolve), one version step. */
  async actAll(number: string, actions: readonly RequestAction[], actor: RequestActor, options: ActOptions = {}): Promise<TicketView> {
    if (actions.length === 0) throw new TicketValidationError({ action: fieldError('action', 'required') });
    for (const action of actions) await this.validate(action);
    let changed;
    try {
      changed = await this.inTransaction(number, actions, actor, options);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      // The version check lost against a concurrent writer: answer with the ticket as that writer left it.
      const latest = await this.options.db.transaction((trx) => this.options.writer.load(trx, { number }));
      if (!latest) throw new TicketNotFoundError(number);
      throw new TicketChangedError(latest, options.version ?? latest.version);
    }
    this.publish({ before: changed.before, after: changed.after, actor, actions: actions.map((action) => action.name), tasks: changed.tasks });
    return changed.after;
  }

  private inTransaction(number: string, actions: readonly RequestAction[], actor: RequestActor, options: ActOptions) {
    return this.options.db.transaction(async (trx) => {
      const before = await this.options.writer.load(trx, { number });
      if (!before || !this.visible(before, actor)) throw new TicketNotFoundError(number);
      if (options.version !== undefined && before.version !== options.version) throw new TicketChangedError(before, options.version);
      // An edit that changes nothing beside a forward/resolve is fine: the other action carries the save.
      const { after, tasks } = await this.runActions(trx, before, actions, actor, options, actions.length > 1);
      return { before, after, tasks };
    });
  }

  /**
   * Opens a ticket (the desk, the web form, a field desk, Open311, imports); the call path opens its own inside
   * the call's transaction. `tasks` run after the insert in the same transaction (the `opened` SMS of a channel
   * that tells the citizen the number at once).
   */
  async create(input: NewTicket, actor: RequestActor, then: readonly RequestAction[] = [], tasks: readonly LifecycleTask[] = []): Promise<TicketView> {
    for (const action of then) await this.validate(action);
    const created = await this.options.db.transaction(async (trx) => {
      const opened = await this.options.writer.insert(trx, input, actor);
      // The form's blank edit beside its outcome is skipped, as in a save.
      const { after } = await this.runActions(trx, opened, then, actor, {}, true);
      for (const task of tasks) await this.options.tasks?.run(trx, after, task);
      return after;
    });
    this.publish({ before: null, after: created, actor, actions: then.map((action) => action.name), tasks: [...tasks] });
    return created;
  }

  /** The actions one after another on the ticket as the previous one left it, as one version step from `start`. */
  private async runActions(trx: Knex.Transaction, start: TicketView, actions: readonly RequestAction[], actor: RequestActor, options: ActOptions, skipEmptyEdit: boolean) {
    let current = start;
    const tasks: LifecycleTask[] = [];
    for (const [index, action] of actions.entries()) {
      const now = this.now();
      const result = transition(lifecycleTicket(current), action, actor, now, this.options.policy);
      if (isRefusal(result)) {
        if (result.reason === 'nothing-to-change' && skipEmptyEdit) continue;
        throw new ActionRefusedError(current, action.name, result.reason, result.allowed);
      }
      const stored = await this.write(trx, current, result, actor, now, options, index, actions.length, start.version);
      for (const task of result.tasks) await this.options.tasks?.run(trx, stored, task);
      tasks.push(...result.tasks);
      current = stored;
    }
    return { after: current, tasks };
  }

  private async write(trx: Knex.Transaction, current: TicketView, result: Transition, actor: RequestActor, now: Date, options: ActOptions, index: number, count: number, baseVersion: number) {
    const dedupeKey = options.dedupeKey === undefined ? undefined : count > 1 ? `${options.dedupeKey}:${index}` : options.dedupeKey;
    try {
      return await this.options.writer.apply(trx, current, result, actor, now, { dedupeKey, baseVersion, updatedBy: actor.kind === 'user' ? actor.username : undefined });
    } catch (error) {
      if (error instanceof DuplicateWrite) return current;
      throw error;
    }
  }

  /** A department user sees its own department's tickets only: anything else does not exist for it (404). */
  private visible(ticket: TicketView, actor: RequestActor): boolean {
    return actor.kind !== 'user' || actor.role !== 'department' || (actor.department !== null && actor.department === ticket.departmentCode);
  }

  private async validate(action: RequestAction): Promise<void> {
    const max = this.options.textMaxLength;
    if ('text' in action && action.text !== null) {
      if (action.text.length > max) throw new TicketValidationError({ text: fieldError('text', 'too-long', `at most ${max} characters`) });
      if (action.text.includes('\u0000')) throw new TicketValidationError({ text: fieldError('text', 'invalid-text') });
      if (TEXT_REQUIRED.has(action.name) && action.text.trim() === '') throw new TicketValidationError({ text: fieldError('text', 'required') });
    }
    if (action.name === 'forward' || action.name === 'transfer') {
      const index = await this.options.catalogue.index();
      if (!index.departmentCodes.has(action.department)) throw new TicketValidationError({ department: fieldError('department', 'unknown-department') });
    }
  }

  private publish(change: RequestChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.logger.error('request change listener failed', { ticket: change.after.number, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
