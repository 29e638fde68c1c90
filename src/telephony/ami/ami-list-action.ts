import type { AmiRawMessage } from 'asterisk-manager';
import { AmiActionError, type AmiEvent } from './ami-connection.js';

/** Receives the events carrying one claimed ActionID, or why they will never come. */
export interface ActionIdSink {
  event(event: AmiEvent): void;
  lost(reason: string): void;
}

/** The part of AmiConnection a list collection needs. */
export interface ListActionPort {
  action(fields: Record<string, string>): Promise<AmiRawMessage>;
  /** Routes events carrying `actionId` to `sink` only (not to the ordinary event listeners) until released. */
  claimActionId(actionId: string, sink: ActionIdSink): () => void;
}

export interface ListOptions {
  /** For the whole list: the first Response and every item up to the `…Complete` event. */
  timeoutMs: number;
}

let listSequence = 0;

/**
 * Sends a list action (QueueStatus, QueueSummary) and resolves with its items once `completeEvent`
 * arrives. asterisk-manager resolves the action on the first `Response: Success / EventList: start`;
 * the items follow as ordinary events carrying our ActionID, which is why we claim the id before
 * sending: otherwise the items would reach the normal event stream and the collector would miss them.
 * Rejects on `Response: Error`, on timeout, on a dropped connection, and when `ListItems` disagrees
 * with the count received.
 */
export function collectList(port: ListActionPort, action: Record<string, string>, completeEvent: string, options: ListOptions): Promise<AmiEvent[]> {
  const name = action.action ?? action.Action ?? '?';
  listSequence += 1;
  const actionId = `alo153-list-${listSequence}-${Date.now()}`;
  return new Promise((resolve, reject) => {
    const items: AmiEvent[] = [];
    let settled = false;
    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release();
      if (error) reject(error);
      else resolve(items);
    };
    const timer = setTimeout(
      () => finish(new AmiActionError(`${name} list timed out after ${options.timeoutMs} ms (${items.length} items so far)`, name)),
      options.timeoutMs,
    );
    const release = port.claimActionId(actionId, {
      event: (event) => {
        if (event.event !== completeEvent) {
          items.push(event);
          return;
        }
        const expected = Number(event.listitems);
        if (event.listitems !== undefined && expected !== items.length) {
          finish(new AmiActionError(`${name} list incomplete: ${items.length} items, ${completeEvent} says ${String(event.listitems)}`, name));
        } else finish(undefined);
      },
      lost: (reason) => finish(new AmiActionError(`${name} list lost: ${reason}`, name)),
    });
    port.action({ ...action, actionid: actionId }).then(
      () => undefined,
      (error: Error) => finish(error),
    );
  });
}
