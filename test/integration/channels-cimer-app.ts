import type { AccessEntry } from '../../src/audit/access-log.js';
import { DEFAULT_CIMER_CONFIG, type CimerChannelConfig } from '../../src/channels/cimer/cimer-config.js';
import { createApplications } from '../../src/channels/cimer/create-applications.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig } from '../../src/requests/create-requests.js';
import { readInbox } from '../../src/requests/read/inbox.js';
import { TicketEditor } from '../../src/requests/ticket-editor.js';
import { capturingLogger } from '../support/capturing-logger.js';
import type { TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

export interface ApplicationsApp {
  http: TestHttpApp;
  /** What the KVKK access log was told. */
  reads: AccessEntry[];
  /** POST /api/applications/import with `bytes` as the body of `type`. */
  upload(who: string, bytes: Buffer | string, type: string, query?: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * The HTTP app with the lifecycle's routes and the CİMER / Açık Kapı routes on one request service whose clock is
 * `now`, signed in as an agent (ayse), a supervisor (sefa) and the environment department (cevre).
 */
export async function startApplicationsApp(test: TestDatabase, now: () => Date, config: Partial<CimerChannelConfig> = {}): Promise<ApplicationsApp> {
  const settings = { ...DEFAULT_CIMER_CONFIG, ...config };
  const { logger } = capturingLogger();
  const catalogue = new KnexCatalogue(test.db);
  const requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger, catalogue, now });
  const applications = createApplications({ db: test.db, service: requests.service, catalogue, config: settings, logger, now });
  const reads: AccessEntry[] = [];
  const http = await startTestHttpApp({
    db: test.db,
    logger,
    accounts: [
      { username: 'ayse', role: 'agent' },
      { username: 'sefa', role: 'supervisor' },
      { username: 'cevre', role: 'department', department: 'cevre' },
    ],
    deps: {
      requests: { service: requests.service, inbox: (query) => readInbox(test.db, query) },
      catalogue,
      editor: new TicketEditor(test.db, { catalogue, service: requests.service, now }),
      audit: { log: { record: (entry) => void reads.push(entry) }, store: { list: () => Promise.resolve({ items: [], total: 0, limit: 0, offset: 0 }) } },
      applications: { db: test.db, intake: applications.intake, importer: applications.importer, catalogue, maxAgeDays: settings.maxAgeDays, signature: settings.replySignature, importMaxBytes: settings.importMaxBytes, now },
    },
  });
  return {
    http,
    reads,
    async upload(who, bytes, type, query = '') {
      const response = await fetch(`${http.base}/api/applications/import${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${http.tokens[who] ?? ''}`, 'content-type': type },
        body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}
