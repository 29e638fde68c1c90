import { redactText } from './redact.js';

/** Deeper than this a log field is replaced by a marker: no log line needs it, and masking must stay cheap. */
export const MAX_REDACT_DEPTH = 8;
/** Array items and object keys kept per level; the rest is counted, not written. */
export const MAX_REDACT_ENTRIES = 200;

export type Redacted = string | number | boolean | null | undefined | Redacted[] | { [key: string]: Redacted };

/**
 * A masked copy of a log field, however it nests (objects, arrays, Maps, Sets, Errors and their causes).
 * The caller's objects are never changed: a log call must not rewrite the call or ticket it describes.
 * Cycles become `[Circular]`; numbers are masked too, since a caller number often arrives as one.
 */
export function redactValue(value: unknown): Redacted {
  return redact(value, 0, new WeakSet());
}

function redactNumber(value: number | bigint): Redacted {
  const text = String(value);
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return value;
  const masked = redactText(text);
  if (masked !== text) return masked;
  return typeof value === 'bigint' ? text : value;
}

function redact(value: unknown, depth: number, ancestors: WeakSet<object>): Redacted {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'bigint') return redactNumber(value);
  if (typeof value === 'boolean' || value === null || value === undefined) return value;
  if (typeof value !== 'object') return undefined;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_REDACT_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  ancestors.add(value);
  try {
    return redactObject(value, depth, ancestors);
  } finally {
    // Only the path from the root counts as a cycle: the same object twice side by side is written twice.
    ancestors.delete(value);
  }
}

function redactObject(value: object, depth: number, ancestors: WeakSet<object>): Redacted {
  const next = (item: unknown): Redacted => redact(item, depth + 1, ancestors);
  if (Array.isArray(value)) return redactList(value, next);
  if (value instanceof Set) return redactList([...value], next);
  if (value instanceof Map) return redactEntries([...value.entries()].map(([key, item]) => [String(key), item]), next);
  if (value instanceof Error) return redactError(value, next);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    try {
      return next(toJSON.call(value));
    } catch {
      return '[Unserializable]';
    }
  }
  return redactEntries(Object.entries(value), next);
}

function redactList(items: readonly unknown[], next: (item: unknown) => Redacted): Redacted[] {
  const kept = items.slice(0, MAX_REDACT_ENTRIES).map(next);
  if (items.length > MAX_REDACT_ENTRIES) kept.push(`[${items.length - MAX_REDACT_ENTRIES} more]`);
  return kept;
}

function redactEntries(entries: ReadonlyArray<[string, unknown]>, next: (item: unknown) => Redacted): { [key: string]: Redacted } {
  const out: { [key: string]: Redacted } = {};
  for (const [key, item] of entries.slice(0, MAX_REDACT_ENTRIES)) out[redactText(key)] = next(item);
  if (entries.length > MAX_REDACT_ENTRIES) out['[more]'] = `${entries.length - MAX_REDACT_ENTRIES} more keys`;
  return out;
}

/** message and stack are not enumerable, so JSON would drop them: copy them (masked) with the error's own fields. */
function redactError(error: Error, next: (item: unknown) => Redacted): { [key: string]: Redacted } {
  const out = redactEntries(Object.entries(error), next);
  out.name = redactText(error.name);
  out.message = redactText(error.message);
  if (error.stack !== undefined) out.stack = redactText(error.stack);
  if (error.cause !== undefined) out.cause = next(error.cause);
  return out;
}
