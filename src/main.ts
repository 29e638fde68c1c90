import { loadConfigOrExit } from './config/load-or-exit.js';
import { createLogger } from './logging/logger.js';
import { createSystemdNotifier } from './operations/systemd-notify.js';

/** `npm start`: alo153 against the configured Asterisk. Exit 1 on a bad configuration. */
async function main(): Promise<void> {
  const config = loadConfigOrExit('alo153');
  const logger = createLogger({ level: config.log.level });
  // Loaded after the configuration is known to be valid, so a bad value fails fast with one line.
  const { startAlo153 } = await import('./server.js');
  const app = await startAlo153(config, logger);
  // Under systemd (Type=notify, WatchdogSec): READY=1 now, WATCHDOG=1 while the event loop keeps up.
  const systemd = createSystemdNotifier({ logger });
  void systemd.ready();
  let signals = 0;
  const shutdown = (signal: string): void => {
    signals += 1;
    if (signals > 1) process.exit(130);
    logger.info('signal received', { signal });
    void systemd.stopping();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: (error as Error).message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`alo153: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
