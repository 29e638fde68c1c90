import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadIvrDefinition, parseIvrDefinition, promptMedia } from '../../src/ivr/definition.js';
import type { IvrOption } from '../../src/ivr/types.js';
import { shippedIvr } from './ivr-driver.js';

type Mutable = Record<string, unknown> & { menus: Record<string, { options: Record<string, unknown> } & Record<string, unknown>> };

function broken(change: (raw: Mutable) => void): unknown {
  const raw = structuredClone(shippedIvr) as unknown as Mutable;
  change(raw);
  return raw;
}

function problemsOf(raw: unknown): string {
  try {
    parseIvrDefinition(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the definition was accepted');
}

describe('IVR definition', () => {
  it('loads the shipped config/ivr.json with the first-cut menu', async () => {
    const def = await loadIvrDefinition('config/ivr.json');
    expect(def.start).to.equal('main');
    expect(Object.keys(def.menus).sort()).to.deep.equal(['main', 'ulasim']);
    expect(def.menus.main?.options['1']).to.deep.equal({ menu: 'ulasim', label: 'Ulaşım' });
    expect(def.menus.ulasim?.options['2']).to.deep.include({ queue: 'alo153-kentkart', category: 'kentkart' });
    expect(def.defaultTarget).to.deep.equal({ queue: 'alo153-genel', category: 'genel' });
    const queues = Object.values(def.menus).flatMap((m) => Object.values(m.options)).flatMap((o: IvrOption) => ('queue' in o ? [o.queue] : []));
    expect(queues).to.not.include('general');
    expect(queues.every((q) => q.startsWith('alo153-'))).to.equal(true);
  });

  it('maps prompt names to media URIs', () => {
    expect(promptMedia(shippedIvr, ['welcome', 'digit-1'])).to.deep.equal(['sound:alo153/welcome', 'sound:alo153/digit-1']);
  });

  const cases: Array<[string, (raw: Mutable) => void, string]> = [
    ['a queue named general', (r) => { r.menus.main!.options['2'] = { queue: 'general', category: 'cevre', label: 'x' }; }, 'menus.main.options.2.queue: queue names must not be "general"'],
    ['a default target named General', (r) => { r.defaultTarget = { queue: 'General', category: 'genel' }; }, 'defaultTarget.queue: queue names must not be "general"'],
    ['a missing start menu', (r) => { r.start = 'ana'; }, 'start: start menu "ana" is not defined'],
    ['a dangling sub-menu', (r) => { r.menus.main!.options['1'] = { menu: 'yok', label: 'x' }; }, 'menus.main.options.1.menu: menu "yok" is not defined'],
    ['a * key', (r) => { r.menus.main!.options['*'] = { queue: 'alo153-genel', category: 'genel', label: 'x' }; }, 'menus.main.options.*: keys must not contain * or #'],
    ['a # key', (r) => { r.menus.main!.options['1#'] = { queue: 'alo153-genel', category: 'genel', label: 'x' }; }, 'menus.main.options.1#: keys must not contain * or #'],
    ['a letter key', (r) => { r.menus.main!.options['A'] = { queue: 'alo153-genel', category: 'genel', label: 'x' }; }, 'menus.main.options.A: option keys are digits 0-9'],
    ['a negative timeout', (r) => { r.interDigitTimeoutMs = -5; }, 'interDigitTimeoutMs: timeouts must be positive'],
    ['a zero per-menu timeout', (r) => { r.menus.ulasim!.firstDigitTimeoutMs = 0; }, 'menus.ulasim.firstDigitTimeoutMs: timeouts must be positive'],
    ['a queue option without category', (r) => { r.menus.main!.options['2'] = { queue: 'alo153-cevre', label: 'x' }; }, 'menus.main.options.2.category: a queue option needs a ticket category'],
    ['an option with neither menu nor queue', (r) => { r.menus.main!.options['2'] = { label: 'x' }; }, 'menus.main.options.2: an option needs "menu"'],
    ['an option with both menu and queue', (r) => { r.menus.main!.options['2'] = { menu: 'ulasim', queue: 'alo153-cevre', category: 'c', label: 'x' }; }, 'menus.main.options.2: an option has one of "menu", "queue" or "action"'],
    ['a status option with a category', (r) => { r.menus.main!.options['8'] = { action: 'status', category: 'genel', label: 'x' }; }, 'menus.main.options.8.category: a status option has no category'],
    ['an option key that clashes with the survey key', (r) => { r.menus.ulasim!.options['91'] = { queue: 'alo153-genel', category: 'genel', label: 'x' }; }, 'menus.ulasim.options.91: key 91 clashes with the survey consent key 9'],
    ['a two-digit survey key', (r) => { (r as Record<string, unknown>).survey = { key: '99', hint: 'survey-hint', confirm: 'survey-consent-ok' }; }, 'survey.key: a key is one digit 0-9'],
    ['the same key for both returning-caller choices', (r) => { (r as Record<string, unknown>).returning = { prompt: 'returning-offer', statusKey: '1', newKey: '1', timeoutMs: 5000, lookupBudgetMs: 300 }; }, 'returning.newKey: the two keys of the returning-caller offer must differ'],
    ['a menu without options', (r) => { r.menus.ulasim!.options = {}; }, 'menus.ulasim.options: a menu needs at least one option'],
    ['a status lookup without tries', (r) => { ((r as Record<string, unknown>).statusLookup as Record<string, unknown>).maxTries = 0; }, 'statusLookup.maxTries: maxTries must be 1 or more'],
    ['a misspelt field', (r) => { r.maxRetry = 3; }, '(root): Unrecognized key: "maxRetry"'],
    ['a missing label', (r) => { r.menus.main!.options['3'] = { queue: 'alo153-hayvan', category: 'hayvan' }; }, 'menus.main.options.3.label'],
  ];
  for (const [what, change, expected] of cases) {
    it(`rejects ${what}, naming the path`, () => {
      expect(problemsOf(broken(change))).to.include(expected);
    });
  }

  it('lists every problem at once', () => {
    const message = problemsOf(broken((r) => {
      r.start = 'ana';
      r.maxRetries = -1;
      r.menus.main!.options['2'] = { queue: 'general', category: 'cevre', label: 'x' };
    }));
    expect(message).to.include('start:').and.include('maxRetries:').and.include('menus.main.options.2.queue:');
  });

  it('names the file when it is not valid JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alo153-ivr-'));
    const file = join(dir, 'ivr.json');
    try {
      await writeFile(file, '{ "language": "tr", }');
      let message = '';
      await loadIvrDefinition(file).catch((error: Error) => { message = error.message; });
      expect(message).to.include(file).and.include('not valid JSON');
      await writeFile(file, JSON.stringify({ ...shippedIvr, start: 'ana' }));
      message = '';
      await loadIvrDefinition(file).catch((error: Error) => { message = error.message; });
      expect(message).to.include(file).and.include('start: start menu "ana"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the phone line\'s prompts', () => {
  it('has a generated WAV for every prompt the shipped menu, the status line, the offer and the survey key name', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { allNumeralPrompts } = await import('../../src/ivr/turkish-numerals.js');
    const manifest = Object.keys(JSON.parse(readFileSync('dialplans/sounds/tr/manifest.json', 'utf8')) as object);
    const { statusLookup, returning, survey, prompts } = shippedIvr;
    const named = [
      ...Object.values(prompts),
      statusLookup.enter, statusLookup.notFound, statusLookup.unavailable, statusLookup.due, ...Object.values(statusLookup.phrases),
      returning.prompt, survey.hint, survey.confirm,
      ...allNumeralPrompts(),
      ...Array.from({ length: 12 }, (_, month) => `month-${month + 1}`),
    ];
    const missing = named.filter((name) => !manifest.includes(name) || !existsSync(`dialplans/sounds/tr/alo153/${name}.wav`));
    expect(missing).to.deep.equal([]);
  });

  it('ships key 8 as the status line and 9 as the survey key, clear of every menu option', () => {
    expect(shippedIvr.menus.main?.options['8']).to.deep.equal({ action: 'status', label: 'Başvuru durumu' });
    expect(shippedIvr.survey.key).to.equal('9');
    for (const menu of Object.values(shippedIvr.menus)) expect(Object.keys(menu.options)).to.not.include('9');
  });
});
