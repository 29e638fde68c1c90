import type { AmiMessage } from './ami-message.js';

/**
 * Replies as astman_send_response_full writes them: `Response:` first, `ActionID:` second only when the
 * action had one, then `EventList:` for list acks, then `Message:`.
 */
export function response(status: 'Success' | 'Error' | 'Goodbye', actionId: string | undefined, message?: string, extra: AmiMessage = []): AmiMessage {
  const msg: AmiMessage = [['Response', status]];
  if (actionId !== undefined) msg.push(['ActionID', actionId]);
  if (message !== undefined) msg.push(['Message', message]);
  msg.push(...extra);
  return msg;
}

export function listAck(actionId: string | undefined, message: string): AmiMessage {
  const msg: AmiMessage = [['Response', 'Success']];
  if (actionId !== undefined) msg.push(['ActionID', actionId]);
  msg.push(['EventList', 'start'], ['Message', message]);
  return msg;
}

/** astman_send_list_complete_start: Event, ActionID (if any), EventList: Complete, ListItems. */
export function listComplete(event: string, actionId: string | undefined, listItems: number): AmiMessage {
  const msg: AmiMessage = [['Event', event]];
  if (actionId !== undefined) msg.push(['ActionID', actionId]);
  msg.push(['EventList', 'Complete'], ['ListItems', String(listItems)]);
  return msg;
}

/** List items carry no Privilege/Timestamp and end with the ActionID when the action had one. */
export function withTrailingActionId(item: AmiMessage, actionId: string | undefined): AmiMessage {
  return actionId === undefined ? item : [...item, ['ActionID', actionId]];
}
