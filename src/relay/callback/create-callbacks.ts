import type { Knex } from 'knex';
import type { AccessLog } from '../../audit/access-log.js';
import type { CallbackRoutesOptions } from '../../http/routes/callbacks.js';
import type { Logger } from '../../logging/logger.js';
import { AriCallbackControl } from '../../telephony/ari/ari-callback-control.js';
import type { AriRest } from '../../telephony/ari/ari-rest.js';
import { KnexAbandonedCallers } from './abandoned-callers.js';
import type { TicketHistoryPort } from './callback-ports.js';
import { closeInterruptedAttempts, sweepCallbacks } from './callback-recovery.js';
import { CallbackService, type CallbackConfig } from './callback-service.js';
import { KnexCallbackAttemptStore } from './callback-store-knex.js';
import { KnexCallbackTargets } from './callback-targets.js';

export interface CallbacksDeps {
  db: Knex;
  rest: AriRest;
  app: string;
  config: CallbackConfig & { abandonedLookbackDays: number };
  connected: () => boolean;
  history?: TicketHistoryPort;
  logger: Logger;
}

export interface Callbacks {
  service: CallbackService;
  store: KnexCallbackAttemptStore;
  /** At start-up, before ARI connects: attempts the last process left open are closed as interrupted. */
  recover(): Promise<number>;
  /** After every ARI (re)connect: lost events and leftovers of our callbacks in Asterisk. */
  sweep(): void;
  routes(accessLog?: AccessLog): CallbackRoutesOptions;
}

/** The callback feature's parts, wired once (server.ts calls this). */
export function createCallbacks(deps: CallbacksDeps): Callbacks {
  const logger = deps.logger.child({ component: 'callback' });
  const telephony = new AriCallbackControl(deps.rest, deps.app);
  const store = new KnexCallbackAttemptStore(deps.db);
  const service = new CallbackService({ telephony, store, config: deps.config, connected: deps.connected, history: deps.history, logger });
  return {
    service,
    store,
    recover: () => closeInterruptedAttempts(store, logger, deps.history),
    sweep: () => {
      sweepCallbacks(service, telephony, logger).catch((error: unknown) => logger.warn('callback sweep failed', { error: (error as Error).message }));
    },
    routes: (accessLog) => ({
      service,
      attempts: store,
      targets: new KnexCallbackTargets(deps.db),
      abandoned: new KnexAbandonedCallers(deps.db),
      lookbackDays: deps.config.abandonedLookbackDays,
      ...(accessLog ? { accessLog } : {}),
    }),
  };
}
