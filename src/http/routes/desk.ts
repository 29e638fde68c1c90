import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AgentPresence, DeskActionError, type DeskUser } from '../../agents/agent-presence.js';
import type { DeskState } from '../../agents/desk-protocol.js';
import type { PopViewer, ScreenPops } from '../../agents/screen-pops.js';
import type { AgentSessionStore } from '../../agents/agent-session-store.js';
import type { UserStore, UserView } from '../../auth/user-store.js';
import { QueueActionError } from '../../telephony/ami/ami-queue-actions.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export interface DeskRoutesOptions {
  presence: AgentPresence;
  sessions: AgentSessionStore;
  pops: ScreenPops;
  users: UserStore;
  toDeskUser: (user: UserView) => DeskUser;
  /**
   * The break reasons' codes (config/site.json `pauseReasons`, or a getter of them as an admin edits them at
   * /yonetim/katalog): any other reason is refused with 400.
   */
  pauseReasons: readonly string[] | (() => readonly string[]);
}

const queueName = z.string().regex(/^[\p{L}\p{N}_.-]{1,80}$/u);
export const loginBody = z.strictObject({ queues: z.array(queueName).min(1).max(50).optional() });
const emptyBody = z.union([z.undefined(), z.strictObject({})]);
export const userIdParam = z.coerce.number().int().positive();
const isoTime = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((text) => new Date(text));
export const sessionsQuery = z
  .strictObject({ from: isoTime, to: isoTime })
  .refine((period) => period.from < period.to, { message: 'from must be before to', path: ['from'] })
  .refine((period) => period.to.getTime() - period.from.getTime() <= 31 * 24 * 3_600_000, { message: 'a period is at most 31 days', path: ['to'] });

/**
 * 200 when done, 202 when it waits for AMI (the desk shows the pending notice). A logout that Asterisk
 * refused for some queues (static members) is still 200: the others were left, and `logout` says which.
 */
function reply(res: Response, state: DeskState): void {
  res.status(state.pending ? 202 : 200).json(state);
}

async function attempt<T extends DeskState>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DeskActionError) throw new HttpError(error.status, error.message, error.details);
    // Asterisk refused (e.g. a static member of queues.conf cannot be removed): say why.
    if (error instanceof QueueActionError) throw new HttpError(409, error.message, { problem: error.problem });
    throw error;
  }
}

/** The agent's own desk (/api/desk) and the supervisors' view of every desk (/api/agents). */
export function deskRoutes(options: DeskRoutesOptions): Router {
  const { presence, pops, users, toDeskUser, sessions } = options;
  const router = Router();
  const reasonsNow = typeof options.pauseReasons === 'function' ? options.pauseReasons : ((fixed) => () => fixed)(options.pauseReasons);
  if (reasonsNow().length === 0) throw new Error('desk routes need at least one pause reason');
  // Built per list, not once: the admin's list changes without a restart (the schema is kept while the list is the same).
  let built: { key: string; schema: z.ZodType<{ reason: string }> } | undefined;
  const pauseBody = {
    parse(body: unknown): { reason: string } {
      const reasons = reasonsNow();
      const key = reasons.join('\n');
      if (built?.key !== key) built = { key, schema: z.strictObject({ reason: z.enum(reasons as [string, ...string[]]) }) };
      return built.schema.parse(body);
    },
  };
  const me = (res: Response) => {
    const user = currentUser(res);
    return { desk: toDeskUser(user), actor: { username: user.username } };
  };

  // Who looks at a pop, for the KVKK access log.
  const viewer = (req: Request, res: Response): PopViewer => {
    const user = currentUser(res);
    return { userId: user.id, username: user.username, address: req.ip ?? null };
  };

  router.use('/desk', requireRole('agent', 'supervisor', 'admin'));
  router.get('/desk/state', (_req, res) => {
    res.json(presence.state(me(res).desk));
  });
  router.get('/desk/pop', (req, res) => {
    const pop = pops.showTo(currentUser(res).id, viewer(req, res));
    if (pop) res.json(pop);
    else res.status(204).end();
  });
  router.post('/desk/login', async (req, res) => {
    const body = loginBody.parse(req.body ?? {});
    const { desk, actor } = me(res);
    reply(res, await attempt(() => presence.login(desk, actor, body.queues)));
  });
  router.post('/desk/logout', async (req, res) => {
    emptyBody.parse(req.body);
    const { desk, actor } = me(res);
    reply(res, await attempt(() => presence.logout(desk, actor)));
  });
  router.post('/desk/pause', async (req, res) => {
    const body = pauseBody.parse(req.body);
    const { desk, actor } = me(res);
    reply(res, await attempt(() => presence.pause(desk, actor, body.reason)));
  });
  router.post('/desk/unpause', async (req, res) => {
    emptyBody.parse(req.body);
    const { desk, actor } = me(res);
    reply(res, await attempt(() => presence.unpause(desk, actor)));
  });

  router.use('/agents', requireRole('supervisor', 'admin'));
  router.get('/agents', async (req, res) => {
    const agents = (await users.list()).filter((user) => user.active && user.phoneInterface !== null);
    res.json({
      items: agents.map((user) => ({
        user: { id: user.id, username: user.username, displayName: user.displayName, phoneInterface: user.phoneInterface },
        state: presence.state(toDeskUser(user)),
        pop: pops.showTo(user.id, viewer(req, res)) ?? null,
      })),
    });
  });
  const target = async (id: unknown): Promise<DeskUser> => {
    const user = await users.findById(userIdParam.parse(id));
    if (!user) throw new HttpError(404, 'no such user');
    return toDeskUser(user);
  };
  router.post('/agents/:id/pause', async (req, res) => {
    const body = pauseBody.parse(req.body);
    const desk = await target(req.params.id);
    reply(res, await attempt(() => presence.pause(desk, { username: currentUser(res).username }, body.reason)));
  });
  // Shift report: an agent's logins, breaks (with reasons) and logouts over a period of at most 31 days.
  router.get('/agents/:id/sessions', async (req, res) => {
    const user = await users.findById(userIdParam.parse(req.params.id));
    if (!user) throw new HttpError(404, 'no such user');
    const period = sessionsQuery.parse(req.query);
    res.json({ user: { id: user.id, username: user.username, displayName: user.displayName }, items: await sessions.list(user.id, period.from, period.to) });
  });
  router.post('/agents/:id/logout', async (req, res) => {
    emptyBody.parse(req.body);
    const desk = await target(req.params.id);
    reply(res, await attempt(() => presence.logout(desk, { username: currentUser(res).username })));
  });

  return router;
}
