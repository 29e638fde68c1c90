import type { AmiMessage } from './ami-message.js';

/**
 * Per-session event filters as Asterisk 22's manager.c keeps them (`Action: Filter`, `eventfilter` in
 * manager.conf): advanced ones (`MatchCriteria: name(X),header(Y),method(Z),action(include|exclude)`) and
 * legacy ones (`Filter: <regex>` over the whole event, `!` to exclude).
 * https://docs.asterisk.org/Configuration/Interfaces/Asterisk-Manager-Interface-AMI/AMI-Event-Filtering
 */
type Method = 'regex' | 'exact' | 'starts_with' | 'ends_with' | 'contains' | 'none';

interface EventFilter {
  name?: string;
  header?: string;
  method: Method;
  expression: string;
  regex?: RegExp;
}

export type FilterResult = 'ok' | 'format-error' | 'compile-error';

const METHODS: ReadonlySet<string> = new Set(['regex', 'exact', 'starts_with', 'ends_with', 'contains', 'none']);

export class AmiSessionFilters {
  private readonly include: EventFilter[] = [];
  private readonly exclude: EventFilter[] = [];

  get empty(): boolean {
    return this.include.length === 0 && this.exclude.length === 0;
  }

  /** `criteria` is MatchCriteria's text (absent: a legacy regex filter). */
  add(criteria: string | undefined, expression: string): FilterResult {
    if (criteria === undefined) return this.addLegacy(expression);
    const parsed = parseCriteria(criteria);
    if (!parsed) return 'format-error';
    const { exclude, ...rest } = parsed;
    const filter: EventFilter = { ...rest, expression };
    if (filter.method === 'regex') {
      try {
        filter.regex = new RegExp(expression);
      } catch {
        return 'compile-error';
      }
    }
    (exclude ? this.exclude : this.include).push(filter);
    return 'ok';
  }

  /**
   * manager.c's should_send_event: no filters pass all; include filters only: an implied "exclude all" first;
   * exclude filters only: an implied "include all" first; both: it must match an include and no exclude.
   */
  /** `text`: the event as written, built only when a regex or a header-less match needs it. */
  allows(event: AmiMessage, text: () => string): boolean {
    if (this.empty) return true;
    const included = this.include.length === 0 || this.include.some((f) => matches(f, event, text));
    return included && !this.exclude.some((f) => matches(f, event, text));
  }

  private addLegacy(expression: string): FilterResult {
    const exclude = expression.startsWith('!');
    const source = exclude ? expression.slice(1) : expression;
    let regex: RegExp;
    try {
      regex = new RegExp(source);
    } catch {
      return 'compile-error';
    }
    (exclude ? this.exclude : this.include).push({ method: 'regex', expression: source, regex });
    return 'ok';
  }
}

/** `name(X),header(Y),method(Z),action(include)`, one of each at most, any order. */
function parseCriteria(text: string): { name?: string; header?: string; method: Method; exclude: boolean } | undefined {
  const result: { name?: string; header?: string; method: Method; exclude: boolean } = { method: 'none', exclude: false };
  const seen = new Set<string>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^([a-z_]+)\((.*)\)$/i.exec(part);
    if (!match) return undefined;
    const key = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    if (seen.has(key) || value === '') return undefined;
    seen.add(key);
    if (key === 'name') result.name = value;
    else if (key === 'header') result.header = value;
    else if (key === 'method' && METHODS.has(value)) result.method = value as Method;
    else if (key === 'action' && (value === 'include' || value === 'exclude')) result.exclude = value === 'exclude';
    else return undefined;
  }
  return result;
}

function matches(filter: EventFilter, event: AmiMessage, text: () => string): boolean {
  // Asterisk compares the name by its hash: exact, case included.
  if (filter.name !== undefined && !event.some(([key, value]) => key === 'Event' && value === filter.name)) return false;
  if (filter.method === 'none' || filter.expression === '') return filter.header === undefined || event.some(([key]) => key.toLowerCase() === filter.header?.toLowerCase());
  const subjects = filter.header === undefined ? [text()] : event.filter(([key]) => key.toLowerCase() === filter.header?.toLowerCase()).map(([, value]) => value);
  return subjects.some((subject) => compare(filter, subject));
}

function compare(filter: EventFilter, subject: string): boolean {
  switch (filter.method) {
    case 'regex':
      return filter.regex?.test(subject) ?? false;
    case 'exact':
      return subject === filter.expression;
    case 'starts_with':
      return subject.startsWith(filter.expression);
    case 'ends_with':
      return subject.endsWith(filter.expression);
    case 'contains':
      return subject.includes(filter.expression);
    case 'none':
      return true;
  }
}
