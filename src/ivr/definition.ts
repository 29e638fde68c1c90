/**
 * config/ivr.json: the menu as data. A site edits it without code, so every mistake is reported at
 * load time, all at once, each with its path (`menus.main.options.7.queue: ...`).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { IvrDefinition } from './types.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const promptName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_/-]*$/, 'prompt names are file base names: letters, digits, _ - / (no extension, no spaces)');

// app_queue reserves [general] in queues.conf, and the queue name is also the extension in [alo153-queues].
const queueName = z
  .string()
  .regex(NAME, 'queue names are letters, digits, _ and - (they are extensions in [alo153-queues])')
  .refine((name) => name.toLowerCase() !== 'general', 'queue names must not be "general" (app_queue reserves [general])');

const category = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'category codes are lower-case letters, digits, _ and -');
const timeoutMs = z.number().int('timeouts are whole milliseconds').positive('timeouts must be positive');
const label = z.string().trim().min(1, 'every option needs a label');

// One object with optional fields instead of a union: a union reports only "Invalid input", this names the field.
const option = z
  .strictObject({ menu: z.string().optional(), queue: queueName.optional(), category: category.optional(), action: z.literal('status').optional(), label })
  .superRefine((value, ctx) => {
    const kinds = [value.menu, value.queue, value.action].filter((kind) => kind !== undefined).length;
    if (kinds > 1) {
      ctx.addIssue({ code: 'custom', path: [], message: 'an option has one of "menu", "queue" or "action", not several' });
    } else if (kinds === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'an option needs "menu" (a sub-menu), "queue" (a transfer) or "action": "status"' });
    } else if (value.action !== undefined && value.category !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'a status option has no category' });
    } else if (value.queue !== undefined && value.category === undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'a queue option needs a ticket category' });
    } else if (value.menu !== undefined && value.category !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'a menu option has no category (its sub-menu options do)' });
    }
  });

const optionKey = z
  .string()
  .refine((key) => !/[*#]/.test(key), 'keys must not contain * or # (# ends an entry, * goes back)')
  .refine((key) => /[*#]/.test(key) || /^[0-9]+$/.test(key), 'option keys are digits 0-9 (one or more)');

const singleKey = z.string().regex(/^[0-9]$/, 'a key is one digit 0-9');

const menu = z.strictObject({
  prompt: promptName,
  options: z.record(optionKey, option).refine((options) => Object.keys(options).length > 0, 'a menu needs at least one option'),
  firstDigitTimeoutMs: timeoutMs.optional(),
  interDigitTimeoutMs: timeoutMs.optional(),
  maxRetries: z.number().int().nonnegative('maxRetries must be 0 or more').optional(),
});

const definitionSchema = z.strictObject({
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'language is an Asterisk language code such as "tr"'),
  soundPrefix: z.string().min(1, 'soundPrefix is a media URI prefix such as "sound:alo153/"'),
  welcome: promptName,
  start: z.string().regex(NAME, 'start names a menu'),
  menus: z.record(z.string().regex(NAME, 'menu names are letters, digits, _ and -'), menu),
  prompts: z.strictObject({
    invalid: promptName,
    noInput: promptName,
    ticketPrefix: promptName,
    transfer: promptName,
    pause: promptName,
  }),
  readbackYear: z.boolean().default(false),
  readbackTransfer: z.boolean().default(false),
  statusLookup: z.strictObject({
    enter: promptName,
    notFound: promptName,
    unavailable: promptName,
    due: promptName,
    phrases: z.strictObject({ received: promptName, forwarded: promptName, needsInfo: promptName, answered: promptName, closed: promptName }),
    maxTries: z.number().int().min(1, 'maxTries must be 1 or more').max(5, 'maxTries must be at most 5'),
    interDigitTimeoutMs: timeoutMs,
    firstDigitTimeoutMs: timeoutMs,
    budgetMs: z.number().int().min(100, 'budgetMs must be at least 100').max(10000, 'budgetMs must be at most 10000'),
  }),
  returning: z
    .strictObject({
      prompt: promptName,
      statusKey: singleKey,
      newKey: singleKey,
      timeoutMs,
      lookupBudgetMs: z.number().int().min(0, 'lookupBudgetMs must be 0 or more').max(10000, 'lookupBudgetMs must be at most 10000'),
    })
    .refine((value) => value.statusKey !== value.newKey, { path: ['newKey'], message: 'the two keys of the returning-caller offer must differ' }),
  survey: z.strictObject({ key: singleKey, hint: promptName, confirm: promptName }),
  announcementServedWindowMs: z.number().int().min(0, 'announcementServedWindowMs must be 0 or more').max(60000, 'announcementServedWindowMs must be at most 60000'),
  firstDigitTimeoutMs: timeoutMs,
  interDigitTimeoutMs: timeoutMs,
  maxRetries: z.number().int().nonnegative('maxRetries must be 0 or more'),
  ticketWaitMs: z.number().int().min(0, 'ticketWaitMs must be 0 or more').max(10000, 'ticketWaitMs must be at most 10000').default(1500),
  defaultTarget: z.strictObject({ queue: queueName, category }),
});

/** One thing wrong with a definition: where (`['menus', 'main', 'options', '7', 'queue']`) and what (English). */
export type IvrDefinitionProblem = { path: PropertyKey[]; message: string };
type Problem = IvrDefinitionProblem;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dangling menu references, checked on the raw data so they are reported alongside the shape errors. */
function referenceProblems(raw: unknown): Problem[] {
  if (!isRecord(raw) || !isRecord(raw.menus)) return [];
  const menus = raw.menus;
  const problems: Problem[] = [];
  if (typeof raw.start === 'string' && !Object.hasOwn(menus, raw.start)) {
    problems.push({ path: ['start'], message: `start menu "${raw.start}" is not defined in menus` });
  }
  for (const [menuName, menuValue] of Object.entries(menus)) {
    if (!isRecord(menuValue) || !isRecord(menuValue.options)) continue;
    for (const [key, optionValue] of Object.entries(menuValue.options)) {
      if (!isRecord(optionValue) || typeof optionValue.menu !== 'string') continue;
      if (!Object.hasOwn(menus, optionValue.menu)) {
        problems.push({ path: ['menus', menuName, 'options', key, 'menu'], message: `menu "${optionValue.menu}" is not defined in menus` });
      }
    }
  }
  const surveyKey = isRecord(raw.survey) && typeof raw.survey.key === 'string' ? raw.survey.key : undefined;
  if (surveyKey !== undefined) {
    for (const [menuName, menuValue] of Object.entries(menus)) {
      if (!isRecord(menuValue) || !isRecord(menuValue.options)) continue;
      const clash = Object.keys(menuValue.options).find((key) => key.startsWith(surveyKey));
      if (clash !== undefined) {
        problems.push({ path: ['menus', menuName, 'options', clash], message: `key ${clash} clashes with the survey consent key ${surveyKey}` });
      }
    }
  }
  return problems;
}

function flatten(issues: readonly z.core.$ZodIssue[], base: PropertyKey[] = []): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_key') return flatten(issue.issues, path);
    return [{ path, message: issue.message }];
  });
}

function formatPath(path: PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Every problem the engine's loader would report, without throwing (the admin form shows them per field). */
export function ivrDefinitionProblems(raw: unknown): IvrDefinitionProblem[] {
  const parsed = definitionSchema.safeParse(raw);
  return [...(parsed.success ? [] : flatten(parsed.error.issues)), ...referenceProblems(raw)];
}

export function parseIvrDefinition(raw: unknown): IvrDefinition {
  const parsed = definitionSchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : flatten(parsed.error.issues)), ...referenceProblems(raw)];
  if (problems.length > 0 || !parsed.success) {
    const lines = problems.map((problem) => `  ${formatPath(problem.path)}: ${problem.message}`);
    throw new Error(`invalid IVR definition:\n${lines.join('\n')}`);
  }
  const { menus, ...rest } = parsed.data;
  const typedMenus: IvrDefinition['menus'] = {};
  for (const [name, value] of Object.entries(menus)) {
    const options: IvrDefinition['menus'][string]['options'] = {};
    for (const [key, opt] of Object.entries(value.options)) {
      if (opt.action !== undefined) options[key] = { action: opt.action, label: opt.label };
      else if (opt.menu !== undefined) options[key] = { menu: opt.menu, label: opt.label };
      else options[key] = { queue: opt.queue ?? '', category: opt.category ?? '', label: opt.label };
    }
    typedMenus[name] = { ...value, options };
  }
  return { ...rest, menus: typedMenus };
}

export async function loadIvrDefinition(file: string): Promise<IvrDefinition> {
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseIvrDefinition(raw);
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Prompt names → media URIs for ARI play (`welcome` → `sound:alo153/welcome`). */
export function promptMedia(def: IvrDefinition, prompts: readonly string[]): string[] {
  return prompts.map((prompt) => `${def.soundPrefix}${prompt}`);
}

/** Every queue the menu can send a caller to, the default target included. */
export function ivrQueues(def: IvrDefinition): string[] {
  const queues = new Set([def.defaultTarget.queue]);
  for (const menu of Object.values(def.menus)) {
    for (const option of Object.values(menu.options)) if ('queue' in option) queues.add(option.queue);
  }
  return [...queues].sort();
}
