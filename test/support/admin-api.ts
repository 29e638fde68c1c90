import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';
import { getHeader } from '../../src/simulator/ami/ami-message.js';
import type { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import type { System } from './system.js';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One JSON request with a Bearer token, as a page's script would send it (the origin check passes without Origin). */
export async function call(system: System, token: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const response = await fetch(`${system.app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function login(system: System, username: string, password: string): Promise<ApiAnswer & { token: string }> {
  const response = await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body, token: typeof body.token === 'string' ? body.token : '' };
}

let statusCount = 0;

/** `queue → penalty` for `iface` as the simulator's app_queue lists it in QueueStatus (asked as an operator would). */
export async function penaltiesInPbx(ami: AmiRawClient, iface: string): Promise<Record<string, number>> {
  const id = `admin-status-${(statusCount += 1)}`;
  const from = ami.received.length;
  ami.send([['Action', 'QueueStatus'], ['Member', iface], ['ActionID', id]]);
  const done = (message: AmiMessage) => getHeader(message, 'Event') === 'QueueStatusComplete' && getHeader(message, 'ActionID') === id;
  await ami.next(done, 5000, from);
  const members = ami.received.slice(from).filter((message) => getHeader(message, 'Event') === 'QueueMember' && getHeader(message, 'ActionID') === id && getHeader(message, 'Location') === iface);
  return Object.fromEntries(members.map((message) => [getHeader(message, 'Queue') ?? '', Number(getHeader(message, 'Penalty'))]));
}
