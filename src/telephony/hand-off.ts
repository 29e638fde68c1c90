/**
 * The one channel variable alo153 sets before it continues a caller into [alo153-queues]: `<call id>/<ticket>`
 * (just `<call id>` while the ticket number is not known yet). The queue extensions split it with CUT() into
 * ALO153_CALL_ID and ALO153_TICKET (dialplans/extensions.conf), which manager.conf's channelvars put on every
 * AMI event of the caller: one ARI request and one ChannelVarset a call instead of two. A call id is a UUID
 * and a ticket number `153-YYYY-NNNNNN`, so neither holds the `/`.
 */
export const HAND_OFF_VARIABLE = 'ALO153_HANDOFF';

export function handOffValue(callId: string, ticketNumber: string | undefined): string {
  return ticketNumber ? `${callId}/${ticketNumber}` : callId;
}
