import { Router } from 'express';
import type { Knex } from 'knex';
import type { AccessLog } from '../../audit/access-log.js';
import { readRelayList, type AbandonedCallersSource, type RelayTicket } from '../../requests/read/relay-list.js';
import { currentUser, requireRole } from '../auth-middleware.js';

export interface RelayRoutesOptions {
  db: Knex;
  abandoned?: AbandonedCallersSource;
  accessLog?: AccessLog;
  now?: () => Date;
}

const ticketJson = (item: RelayTicket) => ({
  ...item,
  since: item.since.toISOString(),
  firstAttemptAt: item.firstAttemptAt?.toISOString() ?? null,
  callBackAt: item.callBackAt?.toISOString() ?? null,
});

/**
 * GET /api/relay: the relay list with the citizens' numbers, for agents and supervisors. Showing the numbers
 * is a personal-data read: one access-log record per answer (kind `search`, detail list=relay).
 */
export function relayRoutes(options: RelayRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? (() => new Date());

  router.get('/relay', requireRole('agent', 'supervisor', 'admin'), async (req, res) => {
    const at = now();
    const list = await readRelayList(options.db, { now: at, ...(options.abandoned ? { abandoned: options.abandoned } : {}) });
    const tickets = [...list.tickets, ...list.later];
    const shown = [...tickets.filter((item) => item.callerNumber !== null || item.callerName !== null).map((item) => item.number), ...list.abandoned.flatMap((caller) => (caller.ticketNumber ? [caller.ticketNumber] : []))];
    if (shown.length > 0 || list.abandoned.length > 0) {
      const user = currentUser(res);
      options.accessLog?.record({
        kind: 'search',
        user: { userId: user.id, username: user.username },
        tickets: [...new Set(shown)],
        address: req.ip ?? null,
        detail: { list: 'relay', tickets: tickets.length, abandoned: list.abandoned.length },
      });
    }
    res.json({ now: at.toISOString(), counts: list.counts, tickets: list.tickets.map(ticketJson), later: list.later.map(ticketJson), abandoned: list.abandoned });
  });

  return router;
}
