import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { AccessEntry, AccessLog } from '../../audit/access-log.js';
import type { UserView } from '../../auth/user-store.js';
import { checkApplication, type Cell, type RawApplication } from '../../channels/cimer/application-fields.js';
import type { ApplicationIntake } from '../../channels/cimer/application-intake.js';
import { listOpenApplications } from '../../channels/cimer/application-list.js';
import { NameLookup } from '../../channels/cimer/name-lookup.js';
import { replyText } from '../../channels/cimer/reply-text.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { allowedActions } from '../../requests/lifecycle.js';
import { APPLICATION_SOURCES, isApplicationSource, REQUEST_STATUSES } from '../../requests/request-states.js';
import { requestActor } from '../../requests/ticket-editor.js';
import type { TicketStore } from '../../requests/ticket-store-type.js';
import { lifecycleTicket } from '../../requests/ticket-writer.js';
import { API_ACTIONS } from '../action-body.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';
import { ticketNumber } from '../ticket-number-field.js';

export interface ApplicationRoutesOptions {
  db: Knex;
  intake: ApplicationIntake;
  catalogue: CatalogueSource;
  tickets: Pick<TicketStore, 'getTicket'>;
  /** config channels.cimer */
  maxAgeDays: number;
  /** The reply text's signature (config channels.cimer.replySignature). */
  signature: string;
  accessLog?: AccessLog;
  now?: () => Date;
}

/** Long enough for any field; the field checks hold the real limits. Keeps a megabyte of one field out of them. */
const typed = z.string().max(10_000).nullable().optional();
export const entrySchema = z.strictObject({
  source: typed,
  externalRef: z.union([z.string().max(100), z.number()]).nullable().optional(),
  appliedAt: typed,
  callerName: typed,
  callerNumber: typed,
  email: typed,
  address: typed,
  district: typed,
  categoryCode: typed,
  description: typed,
  /** Send it to its category's department at once (default true). */
  forward: z.boolean().optional(),
});

export const listQuery = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  source: z.enum(APPLICATION_SOURCES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const SHOWN = new Set<string>(API_ACTIONS);

const actorOf = (user: UserView) => requestActor({ userId: user.id, username: user.username, role: user.role, department: user.department });

function record(log: AccessLog | undefined, req: Request, res: Response, kind: AccessEntry['kind'], tickets: readonly string[], detail?: AccessEntry['detail']): void {
  if (!log || tickets.length === 0) return;
  const user = currentUser(res);
  log.record({ kind, user: { userId: user.id, username: user.username }, tickets, address: req.ip ?? null, ...(detail ? { detail } : {}) });
}

/** The entry form's JSON as the cells the field checks read (the same checks as an imported row's). */
function cellsOf(body: z.output<typeof entrySchema>): RawApplication {
  const raw: RawApplication = {};
  for (const [field, value] of Object.entries(body)) {
    if (field === 'forward' || value === null || value === undefined) continue;
    const cell: Cell = typeof value === 'number' ? { kind: 'number', value } : { kind: 'text', text: String(value) };
    raw[field as keyof RawApplication] = cell;
  }
  return raw;
}

function shapeProblems(error: z.ZodError): Record<string, { code: string; message: string }> {
  const fields: Record<string, { code: string; message: string }> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[key] = { code: 'unknown-field', message: `${key} is not a field of an application` };
    else {
      const field = issue.path.length === 0 ? '_body' : String(issue.path[0]);
      fields[field] ??= { code: field === '_body' ? 'invalid-type' : issue.code === 'too_big' ? 'too-long' : 'invalid-type', message: `${field} ${issue.message}` };
    }
  }
  return fields;
}

/**
 * CİMER / Açık Kapı applications at the Beyaz Masa (agents, supervisors, admins), under /api behind `authenticate`:
 * POST /applications (entry; a number stored already answers 200 with its ticket), GET /applications (the open
 * ones by deadline) and GET /applications/:number (the ticket, its reply text once answered, the allowed actions).
 * The actions themselves go through POST /api/tickets/:number/actions (portal-reply, refer).
 */
export function applicationRoutes(options: ApplicationRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? (() => new Date());
  router.use('/applications', requireRole('agent', 'supervisor', 'admin'));

  router.post('/applications', async (req, res) => {
    const shape = entrySchema.safeParse(req.body);
    if (!shape.success) {
      res.status(400).json({ error: 'invalid application', fields: shapeProblems(shape.error) });
      return;
    }
    const catalogue = await options.catalogue.catalogue();
    const checked = checkApplication(cellsOf(shape.data), {
      now: now(),
      maxAgeDays: options.maxAgeDays,
      categories: new NameLookup(catalogue.categories.flatMap((category) => [category, ...category.children]).map((entry) => [entry.code] as const)),
      districts: new NameLookup(catalogue.districts.map((name) => [name] as const)),
      defaultSource: 'cimer',
      refuseFormulas: false,
    });
    if ('problems' in checked) {
      res.status(400).json({ error: 'invalid application', fields: checked.problems });
      return;
    }
    const user = currentUser(res);
    const result = await options.intake.enter(checked.application, actorOf(user), { forward: shape.data.forward ?? true, ownerUserId: user.id });
    // The stored application's applicant is shown to someone who did not type it: a read of personal data.
    if (!result.created) record(options.accessLog, req, res, 'ticket-read', [result.ticket.number], { via: 'application-entry' });
    res.status(result.created ? 201 : 200).json(result);
  });

  router.get('/applications', async (req, res) => {
    const query = listQuery.parse(req.query);
    const page = await listOpenApplications(options.db, query);
    record(options.accessLog, req, res, 'search', page.items.filter((item) => item.callerName !== null).map((item) => item.number), { list: 'applications', ...(query.status ? { status: query.status } : {}) });
    res.json({ ...page, now: now().toISOString() });
  });

  router.get('/applications/:number', async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    const ticket = await options.tickets.getTicket(number);
    if (!ticket || !isApplicationSource(ticket.source)) throw new HttpError(404, `application ${number} not found`);
    record(options.accessLog, req, res, 'ticket-read', [number], { via: 'applications' });
    const departments = (await options.catalogue.catalogue()).departments;
    const replyReady = ticket.status === 'answered' && ticket.answer !== null && ticket.externalRef !== null && ticket.appliedAt !== null;
    const reply = replyReady
      ? replyText({
          source: ticket.source,
          externalRef: ticket.externalRef ?? '',
          appliedAt: ticket.appliedAt ?? ticket.createdAt,
          callerName: ticket.callerName,
          departmentName: departments.find((department) => department.code === ticket.departmentCode)?.name ?? null,
          answer: ticket.answer ?? '',
          signature: options.signature,
        })
      : null;
    const allowed = allowedActions(lifecycleTicket(ticket), actorOf(currentUser(res))).filter((name) => SHOWN.has(name));
    res.json({ ticket, replyText: reply, allowed });
  });
  return router;
}
