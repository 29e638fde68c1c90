import type { TelephonyEvent } from './ports.js';

/**
 * Who owns a channel that entered our Stasis app, decided by its arguments alone:
 * `Stasis(alo153,inbound)` from the dialplan is an IVR call; a callback leg alo153 originated carries
 * `callback,<attemptId>,agent|citizen`; a caller back from the queue after the agent hung up carries `after-queue`
 * (the post-call survey). Anything starting with `callback` is never an IVR call, even when
 * malformed (the callback service hangs such a leg up): a citizen must never hear the menu on a callback.
 */
export type StasisRoute = { kind: 'ivr' } | { kind: 'after-queue' } | { kind: 'callback'; attemptId: string; leg: 'agent' | 'citizen' | 'invalid' };

export function stasisRoute(args: readonly string[]): StasisRoute {
  // A caller whose agent hung up, back through app_queue's `c` option (`Stasis(alo153,after-queue)`): the survey's.
  if (args[0] === 'after-queue') return { kind: 'after-queue' };
  if (args[0] !== 'callback') return { kind: 'ivr' };
  const leg = args[2] === 'agent' || args[2] === 'citizen' ? args[2] : 'invalid';
  return { kind: 'callback', attemptId: args[1] ?? '', leg };
}

/** The same decision from a listed channel's dialplan (`app_data` "alo153,callback,<id>,agent"). */
export function stasisRouteOfAppData(appData: string | undefined): StasisRoute {
  return stasisRoute((appData ?? '').split(',').slice(1));
}

export interface TelephonyEventTarget {
  handle(event: TelephonyEvent): void;
}

/**
 * One listener for the ARI stream: StasisStart goes to its owner only; every other event goes to both,
 * and each ignores channels it does not know (a lookup in a map).
 */
export function dispatchTelephonyEvents(targets: { ivr: TelephonyEventTarget; callback: TelephonyEventTarget; afterQueue?: TelephonyEventTarget }): (event: TelephonyEvent) => void {
  return (event) => {
    if (event.type === 'stasisStart') {
      const kind = stasisRoute(event.args).kind;
      // Without a survey the caller back from the queue is still never an IVR call: the ivr target is not asked.
      if (kind === 'after-queue') targets.afterQueue?.handle(event);
      else (kind === 'callback' ? targets.callback : targets.ivr).handle(event);
      return;
    }
    targets.ivr.handle(event);
    targets.callback.handle(event);
    targets.afterQueue?.handle(event);
  };
}
