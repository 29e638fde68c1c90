import type { CallTicketWriter, OpenCallTicketInput } from '../../src/calls/call-ports.js';

type Recorded = Parameters<CallTicketWriter['recordHandOff']>[1] | Parameters<CallTicketWriter['recordCallEnd']>[1];

/** An in-memory CallTicketWriter whose ticket numbers can be held back to mimic a slow database. */
export class FakeCallTickets implements CallTicketWriter {
  readonly opened: OpenCallTicketInput[] = [];
  readonly writes: Array<{ kind: 'progress' | 'handOff' | 'end'; channelId: string; data: Recorded }> = [];
  private sequence = 0;
  private held: Array<() => void> = [];
  hold = false;

  openCallTicket(input: OpenCallTicketInput): Promise<{ callId: string; ticketNumber: string; created: boolean }> {
    this.opened.push(input);
    this.sequence += 1;
    const ticketNumber = `153-2026-${String(this.sequence).padStart(6, '0')}`;
    const result = { callId: input.callId, ticketNumber, created: true };
    if (!this.hold) return Promise.resolve(result);
    return new Promise((resolve) => this.held.push(() => resolve(result)));
  }

  releaseHeld(): void {
    const held = this.held;
    this.held = [];
    for (const release of held) release();
  }

  recordHandOff(channelId: string, handOff: Parameters<CallTicketWriter['recordHandOff']>[1]): void {
    this.writes.push({ kind: 'handOff', channelId, data: handOff });
  }
  recordCallEnd(channelId: string, end: Parameters<CallTicketWriter['recordCallEnd']>[1]): void {
    this.writes.push({ kind: 'end', channelId, data: end });
  }

  ends(): Array<Parameters<CallTicketWriter['recordCallEnd']>[1]> {
    return this.writes.filter((w) => w.kind === 'end').map((w) => w.data as Parameters<CallTicketWriter['recordCallEnd']>[1]);
  }
  handOffs(): Array<Parameters<CallTicketWriter['recordHandOff']>[1]> {
    return this.writes.filter((w) => w.kind === 'handOff').map((w) => w.data as Parameters<CallTicketWriter['recordHandOff']>[1]);
  }
}
