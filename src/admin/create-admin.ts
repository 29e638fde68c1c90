import type { Knex } from 'knex';
import type { Router } from 'express';
import type { KnexUserStore } from '../auth/user-store.js';
import type { SiteData } from '../config/site.js';
import type { Logger } from '../logging/logger.js';
import type { QueueMonitor } from '../queues/queue-monitor.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import type { CatalogueSource } from '../requests/catalogue/catalogue.js';
import { AmiQueueActions, type ActionPort } from '../telephony/ami/ami-queue-actions.js';
import { adminQueueRoutes } from '../http/routes/admin-queues.js';
import { adminUserRoutes } from '../http/routes/admin-users.js';
import { AdminHistory } from './admin-history.js';
import { QueueAdmin } from './queues/queue-admin.js';
import { catalogueWithStoredQueues, QueueLabelStream } from './queues/queue-labels.js';
import { QueuePbxSync } from './queues/queue-pbx-sync.js';
import { KnexQueueStore } from './queues/queue-store.js';
import { UserAdmin } from './users/user-admin.js';

export interface AdminDeps {
  db: Knex;
  users: KnexUserStore;
  ami: ActionPort;
  monitor: Pick<QueueMonitor, 'state' | 'onChange'>;
  hub: Pick<StreamHub, 'onOpen' | 'replace'>;
  site: Pick<SiteData, 'queues'>;
  logger: Logger;
}

export interface Admin {
  queues: KnexQueueStore;
  users: UserAdmin;
  queueAdmin: QueueAdmin;
  history: AdminHistory;
  sync: QueuePbxSync;
  /** /api/admin/users and /api/admin/queues (mount behind requireRole('supervisor', 'admin')). */
  routes(): Router[];
  /** The catalogue whose `queues` are the queues table's. */
  catalogue(source: CatalogueSource): CatalogueSource;
  stop(): void;
}

/**
 * Administration of users and queues (/yonetim, /yonetim/kuyruklar): the queues table is seeded from
 * config/site.json on the first start; membership changes reach app_queue over AMI at once, and what waited for AMI
 * is pushed again after each QueueStatus resync.
 */
export async function createAdmin(deps: AdminDeps): Promise<Admin> {
  const logger = deps.logger.child({ component: 'admin' });
  const queues = new KnexQueueStore(deps.db);
  const seeded = await queues.seed(deps.site);
  if (seeded > 0) logger.info('queues seeded from config/site.json', { queues: seeded });
  await queues.list();
  const history = new AdminHistory(deps.db);
  const sync = new QueuePbxSync({ actions: new AmiQueueActions(deps.ami), store: queues, queueState: () => deps.monitor.state, logger });
  const labels = new QueueLabelStream(deps.hub, queues);
  labels.start();
  const users = new UserAdmin({ users: deps.users, history, queues, sync, logger });
  const queueAdmin = new QueueAdmin({
    store: queues,
    users: deps.users,
    history,
    sync,
    queueState: () => deps.monitor.state,
    onLabelsChanged: () => void labels.changed().catch((error: unknown) => logger.warn('queue labels not published', { error: (error as Error).message })),
  });
  const unsubscribe = deps.monitor.onChange((change) => {
    if (change.kind === 'event') return;
    sync.retryPending().catch((error: unknown) => logger.warn('pending queue member changes not pushed', { error: (error as Error).message }));
  });
  return {
    queues,
    users,
    queueAdmin,
    history,
    sync,
    routes: () => [adminUserRoutes({ users, history }), adminQueueRoutes(queueAdmin)],
    catalogue: (source) => catalogueWithStoredQueues(source, queues),
    stop: unsubscribe,
  };
}
