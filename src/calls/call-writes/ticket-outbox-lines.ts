import { z } from 'zod';

/** A property path inside a payload, e.g. `['progress', 'path', 0, 'at']`. */
type JsonPath = (string | number)[];

/** One queued ticket write as the outbox keeps it: generic over the kinds TicketService queues. */
export interface OutboxRecord {
  kind: string;
  channelId: string;
  payload: unknown;
}

export interface OutboxEntry extends OutboxRecord {
  /** The idempotency key: its `applied` line tells a replay to skip it. */
  key: string;
  seq: number;
}

const pathSchema = z.array(z.union([z.string(), z.number().int().nonnegative()]));
const writeLineSchema = z.object({
  op: z.literal('write'),
  key: z.string().min(1),
  seq: z.number().int().nonnegative(),
  kind: z.string().min(1),
  channelId: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  dates: z.array(pathSchema).default([]),
});
const appliedLineSchema = z.union([
  z.object({ op: z.literal('applied'), keys: z.array(z.string().min(1)).min(1) }),
  // The format before one line per batch: one key per line.
  z.object({ op: z.literal('applied'), key: z.string().min(1) }).transform(({ op, key }) => ({ op, keys: [key] })),
]);
const lineSchema = z.union([writeLineSchema, appliedLineSchema]);

/**
 * Dates are written as JSON.stringify writes them (ISO strings, through Date#toJSON), and their paths next to the
 * payload so a replay turns exactly those back into Dates (IVR steps carry ISO strings that must stay strings),
 * whatever fields a write kind has. Only the paths are collected: the payload itself is not copied, as this runs for
 * every call-path write. Paths follow JSON.stringify's own rules (undefined fields left out), so they name what
 * the line holds.
 */
function collectDates(value: unknown, path: JsonPath, dates: JsonPath[]): void {
  if (value instanceof Date) {
    // JSON.stringify would write an invalid Date as null, and the replay would then lose the field's meaning.
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid time value');
    dates.push([...path]);
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (item === null || typeof item !== 'object') continue;
      path.push(index);
      collectDates(item, path, dates);
      path.pop();
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const name of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[name];
      if (item === null || typeof item !== 'object') continue;
      path.push(name);
      collectDates(item, path, dates);
      path.pop();
    }
  }
}

function reviveDates(payload: Record<string, unknown>, dates: JsonPath[]): Record<string, unknown> {
  for (const path of dates) {
    const last = path.at(-1);
    if (last === undefined) continue;
    let parent: unknown = payload;
    for (const step of path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[step] : undefined;
    if (parent === null || typeof parent !== 'object') continue;
    const holder = parent as Record<string | number, unknown>;
    const text = holder[last];
    if (typeof text === 'string' && !Number.isNaN(Date.parse(text))) holder[last] = new Date(text);
  }
  return payload;
}

/** One `write` line, newline included. Throws on a payload JSON cannot carry (an invalid Date). */
export function writeLine(entry: OutboxEntry): string {
  const dates: JsonPath[] = [];
  collectDates(entry.payload, [], dates);
  return `${JSON.stringify({ op: 'write', key: entry.key, seq: entry.seq, kind: entry.kind, channelId: entry.channelId, payload: entry.payload, dates })}\n`;
}

/**
 * One `applied` line for every write a batch found in the database: one line per batch instead of one per write.
 * Files written before this format name one key per line (`key`); the parser reads both.
 */
export function appliedLine(keys: readonly string[]): string {
  return `${JSON.stringify({ op: 'applied', keys })}\n`;
}

export interface OutboxFileContents {
  /** Writes without an `applied` line, in file order, with the line each came from. */
  pending: { entry: OutboxEntry; line: string }[];
  lastSeq: number;
  /** The file ended in a partial line (the process died mid-append). */
  tornTail: boolean;
  /** Complete lines that are not outbox lines (they are skipped). */
  garbageLines: number;
}

function parseLine(text: string): z.infer<typeof lineSchema> | undefined {
  try {
    const parsed = lineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function parseOutbox(text: string): OutboxFileContents {
  const lines = text.split('\n');
  // A file written only by whole appends ends in '\n': anything after the last one was cut short.
  const tail = lines.pop() ?? '';
  const pending = new Map<string, { entry: OutboxEntry; line: string }>();
  let lastSeq = 0;
  let garbageLines = 0;
  let tornTail = false;
  const take = (raw: string, isTail: boolean): void => {
    if (raw.trim() === '') return;
    const line = parseLine(raw);
    if (!line) {
      if (isTail) tornTail = true;
      else garbageLines += 1;
      return;
    }
    if (line.op === 'applied') {
      for (const key of line.keys) pending.delete(key);
      return;
    }
    lastSeq = Math.max(lastSeq, line.seq);
    if (pending.has(line.key)) return;
    const payload = reviveDates(line.payload, line.dates);
    pending.set(line.key, { entry: { key: line.key, seq: line.seq, kind: line.kind, channelId: line.channelId, payload }, line: `${raw}\n` });
  };
  for (const raw of lines) take(raw, false);
  take(tail, true);
  return { pending: [...pending.values()], lastSeq, tornTail, garbageLines };
}
