/** Device states of the agents' phones, shared by every queue they are a member of (ringinuse=no relies on it). */

export type DeviceState = 'NOT_INUSE' | 'INUSE' | 'UNAVAILABLE' | 'RINGING';

/** QueueMemberStatus `Status:` values (README fact 6). */
export const DEVICE_STATUS: Record<DeviceState, number> = { NOT_INUSE: 1, INUSE: 2, UNAVAILABLE: 5, RINGING: 6 };

/** How a synthetic agent's phone behaves when rung. Times are simulated milliseconds. */
export interface AgentBehaviour {
  name: string;
  answerAfterMs: number;
  talkMs: number;
  noAnswer: boolean;
}

export class Devices {
  private readonly states = new Map<string, DeviceState>();
  private readonly agents = new Map<string, AgentBehaviour>();
  private readonly listeners: Array<(device: string, state: DeviceState) => void> = [];

  onChange(listener: (device: string, state: DeviceState) => void): void {
    this.listeners.push(listener);
  }

  state(device: string): DeviceState {
    return this.states.get(device) ?? 'UNAVAILABLE';
  }

  agent(device: string): AgentBehaviour | undefined {
    return this.agents.get(device);
  }

  /** A phone registers: NOT_INUSE, and queues may ring it from now on. */
  register(device: string, behaviour: AgentBehaviour): void {
    this.agents.set(device, behaviour);
    this.set(device, 'NOT_INUSE');
  }

  unregister(device: string): void {
    this.agents.delete(device);
    this.set(device, 'UNAVAILABLE');
  }

  set(device: string, state: DeviceState): void {
    if (this.state(device) === state) return;
    this.states.set(device, state);
    for (const listener of this.listeners) listener(device, state);
  }

  /** After a restart registered phones are idle again; no events, nobody is listening yet. */
  resetSilently(): void {
    for (const device of this.states.keys()) this.states.set(device, this.agents.has(device) ? 'NOT_INUSE' : 'UNAVAILABLE');
  }
}
