import type { Logger } from '../logging/logger.js';

/** The AMI action sender the demo uses (AmiConnection fits). */
export interface ActionSender {
  action(fields: Record<string, string>): Promise<unknown>;
}

/**
 * Demo only: now and then one agent takes a break (QueuePause with a reason) and comes back, so the
 * wallboard shows paused agents as a real shift would. Uses the same AMI action a desk will send, with
 * the site's break reasons (config/site.json), so the wallboard has labels for them.
 */
export function startDemoBreaks(ami: ActionSender, agents: number, speed: number, reasons: readonly string[], logger: Logger): { stop(): void } {
  if (agents === 0 || reasons.length === 0) return { stop: () => undefined };
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const send = (fields: Record<string, string>): void => {
    ami.action(fields).catch((error: unknown) => logger.debug('demo break action failed', { error: (error as Error).message }));
  };
  let round = 0;
  const next = (): void => {
    round += 1;
    const agent = `PJSIP/agent${(round % agents) + 1}`;
    const reason = reasons[round % reasons.length]!;
    send({ Action: 'QueuePause', Interface: agent, Paused: 'true', Reason: reason });
    later(120_000 * speed, () => send({ Action: 'QueuePause', Interface: agent, Paused: 'false' }));
    later(180_000 * speed, next);
  };
  later(30_000 * speed, next);
  return {
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
