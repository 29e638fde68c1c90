import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { IvrDefinition } from '../../ivr/types.js';
import type { FieldProblem } from './turkish-problems.js';

// Only the names matter here; test/unit/prompts-manifest.test.ts checks the entries themselves.
const manifestSchema = z.record(z.string(), z.unknown());

/**
 * The prompts that exist: dialplans/sounds/<language>/manifest.json (README "Prompts"; `npm run prompts` makes a WAV
 * for each). Read at every check, not cached: a prompt added and generated is usable without a restart.
 */
export class PromptManifest {
  constructor(private readonly soundsDir: string) {}

  async names(language: string): Promise<ReadonlySet<string>> {
    const file = path.join(this.soundsDir, language, 'manifest.json');
    try {
      return new Set(Object.keys(manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')))));
    } catch {
      // No manifest for that language: no prompt of it can be checked, so none is taken as existing.
      return new Set();
    }
  }

  /** Each prompt the menu names that the manifest has not, at the field that names it. */
  async missing(def: IvrDefinition): Promise<FieldProblem[]> {
    const known = await this.names(def.language);
    return promptFields(def)
      .filter(([, name]) => !known.has(name))
      .map(([field, name]) => ({
        path: field,
        message: `"${name}" anonsu yok: dialplans/sounds/${def.language}/manifest.json içinde tanımlı değil (önce anonsu ekleyip "npm run prompts" ile üretin)`,
      }));
  }
}

/** Every field that names a prompt, with its path as the form knows it. */
function promptFields(def: IvrDefinition): [string, string][] {
  const status = def.statusLookup;
  return [
    ['welcome', def.welcome],
    ...Object.entries(def.menus).map(([name, menu]): [string, string] => [`menus.${name}.prompt`, menu.prompt]),
    ...Object.entries(def.prompts).map(([key, name]): [string, string] => [`prompts.${key}`, name]),
    ['statusLookup.enter', status.enter],
    ['statusLookup.notFound', status.notFound],
    ['statusLookup.unavailable', status.unavailable],
    ['statusLookup.due', status.due],
    ...Object.entries(status.phrases).map(([key, name]): [string, string] => [`statusLookup.phrases.${key}`, name]),
    ['returning.prompt', def.returning.prompt],
    ['survey.hint', def.survey.hint],
    ['survey.confirm', def.survey.confirm],
  ];
}
