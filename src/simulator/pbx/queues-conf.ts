import { readFile } from 'node:fs/promises';

export interface StaticMemberConfig {
  interface: string;
  penalty: number;
  name: string;
  stateInterface: string;
}

export interface QueueConfig {
  name: string;
  strategy: string;
  /** Seconds a member rings before AgentRingNoAnswer. */
  timeout: number;
  /** Seconds before the next member is tried. */
  retry: number;
  wrapuptime: number;
  joinempty: boolean;
  leavewhenempty: boolean;
  ringinuse: boolean;
  members: StaticMemberConfig[];
}

const QUEUE_NAMES = ['alo153-ulasim', 'alo153-kentkart', 'alo153-cevre', 'alo153-hayvan', 'alo153-otopark', 'alo153-sosyal', 'alo153-genel'];

function baseQueue(name: string): QueueConfig {
  return { name, strategy: 'rrmemory', timeout: 15, retry: 5, wrapuptime: 0, joinempty: true, leavewhenempty: false, ringinuse: false, members: [] };
}

/** Used when dialplans/queues.conf is not there: three agents in every queue, agent3 as overflow. */
export function defaultQueues(): QueueConfig[] {
  return QUEUE_NAMES.map((name) => ({
    ...baseQueue(name),
    members: [1, 2, 3].map((n) => ({ interface: `PJSIP/agent${n}`, penalty: n === 3 ? 1 : 0, name: `Ajan ${n}`, stateInterface: `PJSIP/agent${n}` })),
  }));
}

/** `yes`/`no` and the `joinempty` word lists (`paused,penalty,...`): any restriction there counts as "no". */
function truthy(value: string): boolean {
  return ['yes', 'true', '1', 'on'].includes(value.toLowerCase());
}

export function parseQueuesConf(text: string): QueueConfig[] {
  const queues: QueueConfig[] = [];
  let current: QueueConfig | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/;.*$/, '').trim();
    if (!line) continue;
    const section = /^\[([^\]]+)\]/.exec(line);
    if (section?.[1]) {
      // [general] holds global options in app_queue, never a queue.
      current = section[1] === 'general' ? undefined : baseQueue(section[1]);
      if (current) queues.push(current);
      continue;
    }
    const pair = /^([\w-]+)\s*=>?\s*(.*)$/.exec(line);
    if (!pair || !current) continue;
    const key = (pair[1] ?? '').toLowerCase();
    const value = (pair[2] ?? '').trim();
    if (key === 'member') {
      const [iface = '', penalty = '0', name, stateInterface] = value.split(',').map((part) => part.trim());
      current.members.push({ interface: iface, penalty: Number(penalty) || 0, name: name || iface, stateInterface: stateInterface || iface });
    } else if (key === 'strategy') current.strategy = value;
    else if (key === 'timeout') current.timeout = Number(value) || current.timeout;
    else if (key === 'retry') current.retry = Number(value) || current.retry;
    else if (key === 'wrapuptime') current.wrapuptime = Number(value) || 0;
    else if (key === 'joinempty') current.joinempty = truthy(value);
    else if (key === 'leavewhenempty') current.leavewhenempty = truthy(value);
    else if (key === 'ringinuse') current.ringinuse = truthy(value);
  }
  return queues;
}

export async function loadQueuesConf(path: string): Promise<QueueConfig[]> {
  try {
    return parseQueuesConf(await readFile(path, 'utf8'));
  } catch {
    return defaultQueues();
  }
}
