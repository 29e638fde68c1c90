import type { Simulator } from '../../src/simulator/index.js';

export interface AriReply {
  status: number;
  body: unknown;
}

/** Raw ARI REST calls to the simulator as alo153:secret, the JSON body parsed (null when empty): for exact statuses and messages. */
export function ariRest(sim: () => Simulator): (method: string, path: string) => Promise<AriReply> {
  const headers = { Authorization: `Basic ${Buffer.from('alo153:secret').toString('base64')}` };
  return async (method, path) => {
    const response = await fetch(`${sim().ariUrl}/ari${path}`, { method, headers });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}
