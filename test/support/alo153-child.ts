/** Child process of Alo153Process: alo153 on the parent's simulator, database and outbox file. */
import { loadConfig } from '../../src/config/load.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { startAlo153 } from '../../src/server.js';
import { createDatabase } from '../../src/storage/database.js';
import { serve } from '../../bench/ipc.js';
import { SETTINGS_ENV, type Alo153ProcessProtocol, type Alo153ProcessSettings } from './alo153-process.js';

const settings = JSON.parse(process.env[SETTINGS_ENV] ?? '{}') as Alo153ProcessSettings;
const config = loadConfig({
  env: {},
  overrides: {
    http: { port: 0 },
    ari: { url: settings.ariUrl, password: 'test-secret', commandTimeoutMs: 2000, reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
    ami: { port: settings.amiPort, password: 'test-secret', reconnect: { initialDelayMs: 20, maxDelayMs: 200 } },
    ivr: { file: settings.ivrFile },
    auth: { secret: 'integration-test-secret-0123456789abcdef' },
    calls: { shutdownDrainMs: 2000, ticketRetryMaxDelayMs: 200, outbox: { file: settings.outboxFile } },
  },
});
const db =
  'url' in settings.database
    ? createDatabase({ url: settings.database.url, sqliteFile: ':unused:', searchPath: settings.database.searchPath })
    : createDatabase({ sqliteFile: settings.database.sqliteFile });
const app = await startAlo153(config, createTestLogger(), { db });

serve<Alo153ProcessProtocol>(
  {
    status: () => ({
      ari: app.ari.state,
      ami: app.ami.state,
      liveCalls: app.registry.size,
      pendingWrites: app.tickets.pendingWrites(),
      outbox: app.outbox.stats,
    }),
  },
  () => app.stop(),
);
