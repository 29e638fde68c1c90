import { spawn } from 'node:child_process';
import type { Logger } from '../logging/logger.js';

/**
 * sd_notify for `Type=notify` + `WatchdogSec=` (deploy/systemd/alo153.service) without a native module.
 *
 * NOTIFY_SOCKET is an AF_UNIX datagram socket, which Node cannot send to (dgram is UDP only, net is stream
 * only). So each message is sent by `systemd-notify`, a child process; the unit then needs NotifyAccess=all.
 * A child that exits before systemd reads its message used to be a known race: systemd could no longer map the
 * sender's PID to the unit and dropped the message. Since systemd 246 systemd-notify waits on a barrier
 * (BARRIER=1 with a file descriptor systemd closes once it has processed everything before it) unless
 * --no-block is given, so the message is attributed before the child exits. Debian 12 ships 252.
 */

export interface SystemdNotifyOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** The program (tests point it elsewhere; default `systemd-notify` on PATH). */
  command?: string;
  /** Extra check before each watchdog ping (e.g. the process is not stuck shutting down); default: always. */
  healthy?: () => boolean;
  now?: () => number;
}

export interface SystemdNotifier {
  /** Whether NOTIFY_SOCKET is set (started by systemd with Type=notify). */
  readonly enabled: boolean;
  /** The watchdog ping interval in ms, undefined without WATCHDOG_USEC (or when it names another PID). */
  readonly watchdogIntervalMs: number | undefined;
  /** READY=1 (with MAINPID and a STATUS line), then the watchdog pings start. */
  ready(status?: string): Promise<boolean>;
  /** STOPPING=1; the watchdog pings stop. */
  stopping(): Promise<boolean>;
  stop(): void;
}

/** Pings at a third of the watchdog time: one late or skipped ping never trips it on its own. */
export function watchdogInterval(env: NodeJS.ProcessEnv, pid = process.pid): number | undefined {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isInteger(usec) || usec <= 0) return undefined;
  if (env.WATCHDOG_PID !== undefined && Number(env.WATCHDOG_PID) !== pid) return undefined;
  return Math.max(1, Math.floor(usec / 1000 / 3));
}

export function createSystemdNotifier(options: SystemdNotifyOptions): SystemdNotifier {
  const env = options.env ?? process.env;
  const { logger } = options;
  const command = options.command ?? 'systemd-notify';
  const now = options.now ?? (() => performance.now());
  const enabled = typeof env.NOTIFY_SOCKET === 'string' && env.NOTIFY_SOCKET !== '';
  const intervalMs = enabled ? watchdogInterval(env) : undefined;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  let warned = false;

  const send = (entries: string[]): Promise<boolean> => {
    if (!enabled) return Promise.resolve(false);
    return new Promise((resolve) => {
      // Only NOTIFY_SOCKET is passed on: the child needs nothing else, and takes no secret along.
      const child = spawn(command, entries, { env: { NOTIFY_SOCKET: env.NOTIFY_SOCKET, PATH: env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-500)));
      child.once('error', (error) => {
        if (!warned) logger.warn('systemd notification not sent', { command, error: error.message });
        warned = true;
        resolve(false);
      });
      child.once('close', (code) => {
        if (code !== 0 && !warned) {
          logger.warn('systemd notification refused', { command, code, stderr: stderr.trim() });
          warned = true;
        }
        resolve(code === 0);
      });
    });
  };

  const startWatchdog = (): void => {
    if (intervalMs === undefined || timer) return;
    let expected = now() + intervalMs;
    timer = setInterval(() => {
      const late = now() - expected;
      expected = now() + intervalMs;
      // A loop that could not run this timer for a whole interval is not healthy: no ping, so that systemd
      // restarts a process that keeps stalling. One stall skips one ping; the watchdog trips after three.
      if (late > intervalMs) {
        logger.warn('watchdog ping skipped: the event loop stalled', { lateMs: Math.round(late), intervalMs });
        return;
      }
      if (options.healthy && !options.healthy()) return;
      if (inFlight) return;
      inFlight = true;
      void send(['WATCHDOG=1']).finally(() => (inFlight = false));
    }, intervalMs);
    timer.unref();
  };

  return {
    enabled,
    watchdogIntervalMs: intervalMs,
    async ready(status = 'alo153 is taking calls') {
      if (!enabled) return false;
      const sent = await send(['--ready', `--pid=${process.pid}`, `--status=${status.replace(/\n/g, ' ')}`]);
      startWatchdog();
      return sent;
    },
    async stopping() {
      clearInterval(timer);
      timer = undefined;
      return send(['STOPPING=1']);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
