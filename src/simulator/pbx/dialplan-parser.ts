/** Reads the subset of extensions.conf syntax the project's dialplan uses. */

export interface DialplanStep {
  priority: number;
  label?: string;
  app: string;
  appData: string;
}

export type Dialplan = Map<string, Map<string, DialplanStep[]>>;

const EXTEN_LINE = /^(exten|same)\s*=>\s*(.*)$/;

/** `App(args)` keeps nested parentheses (`Set(CHANNEL(language)=tr)`): the args run to the LAST `)`. */
function splitApplication(text: string): { app: string; appData: string } {
  const open = text.indexOf('(');
  if (open < 0) return { app: text.trim(), appData: '' };
  const close = text.lastIndexOf(')');
  return { app: text.slice(0, open).trim(), appData: text.slice(open + 1, close > open ? close : undefined) };
}

function stripComment(line: string): string {
  const index = line.indexOf(';');
  return (index >= 0 ? line.slice(0, index) : line).trim();
}

export function parseDialplan(text: string): Dialplan {
  const dialplan: Dialplan = new Map();
  let context: Map<string, DialplanStep[]> | undefined;
  let lastExten: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = stripComment(rawLine);
    if (!line) continue;
    const section = /^\[([^\]]+)\]/.exec(line);
    if (section?.[1]) {
      context = new Map();
      dialplan.set(section[1], context);
      lastExten = undefined;
      continue;
    }
    const match = EXTEN_LINE.exec(line);
    if (!match || !context) continue;
    let rest = match[2] ?? '';
    let exten: string;
    if (match[1] === 'exten') {
      const comma = rest.indexOf(',');
      exten = rest.slice(0, comma).trim();
      rest = rest.slice(comma + 1);
    } else {
      if (!lastExten) continue;
      exten = lastExten;
    }
    lastExten = exten;
    const comma = rest.indexOf(',');
    const priorityText = rest.slice(0, comma).trim();
    const { app, appData } = splitApplication(rest.slice(comma + 1).trim());
    const steps = context.get(exten) ?? [];
    context.set(exten, steps);
    const labelled = /^(n|\d+)(?:\(([^)]+)\))?$/.exec(priorityText);
    const previous = steps[steps.length - 1]?.priority ?? 0;
    const priority = labelled?.[1] === 'n' || !labelled ? previous + 1 : Number(labelled[1]);
    steps.push({ priority, app, appData, ...(labelled?.[2] ? { label: labelled[2] } : {}) });
  }
  return dialplan;
}

/** Asterisk extension patterns: `_` prefix, X/Z/N digit classes, `[...]` sets, `.` and `!` tails. */
export function extensionMatches(pattern: string, exten: string): boolean {
  if (!pattern.startsWith('_')) return pattern === exten;
  let regex = '^';
  const body = pattern.slice(1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char === 'X') regex += '[0-9]';
    else if (char === 'Z') regex += '[1-9]';
    else if (char === 'N') regex += '[2-9]';
    else if (char === '.') regex += '.+';
    else if (char === '!') regex += '.*';
    else if (char === '[') {
      const end = body.indexOf(']', i);
      regex += `[${body.slice(i + 1, end)}]`;
      i = end;
    } else regex += char.replace(/[.*+?^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${regex}$`).test(exten);
}

export function findExtension(dialplan: Dialplan, context: string, exten: string): DialplanStep[] | undefined {
  const extensions = dialplan.get(context);
  if (!extensions) return undefined;
  const exact = extensions.get(exten);
  if (exact) return exact;
  for (const [pattern, steps] of extensions) if (extensionMatches(pattern, exten)) return steps;
  return undefined;
}

/** Splits application arguments on commas that are not inside `$[...]`, `${...}` or quotes. */
export function splitArgs(appData: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of appData) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '[' || char === '{' || char === '(')) depth++;
    else if (!quoted && (char === ']' || char === '}' || char === ')')) depth--;
    if (char === ',' && depth === 0 && !quoted) {
      args.push(current);
      current = '';
    } else current += char;
  }
  args.push(current);
  return args;
}
