import type { IvrDefinition, IvrPathStep } from '../ivr/types.js';

/**
 * Pure: the labels of the options the caller chose, in order ("Ulaşım", "Kentkart / seyahat kartı").
 * The engine records a sub-menu choice as the `enter` of that menu and a final choice as `selected`.
 */
export function ivrChoices(ivr: IvrDefinition, path: readonly IvrPathStep[]): string[] {
  const choices: string[] = [];
  let current: string | undefined;
  for (const step of path) {
    if (step.event === 'enter') {
      const from = current === undefined ? undefined : ivr.menus[current];
      const option = from && Object.values(from.options).find((candidate) => 'menu' in candidate && candidate.menu === step.menu);
      if (option) choices.push(option.label);
      current = step.menu;
    } else if (step.event === 'back') {
      choices.pop();
      current = step.target ?? current;
    } else if (step.event === 'selected' && step.digits !== undefined) {
      const label = ivr.menus[step.menu]?.options[step.digits]?.label;
      if (label) choices.push(label);
    } else if (step.event === 'retries-exhausted') {
      choices.push(`→ ${step.target ?? ivr.defaultTarget.queue}`);
    }
  }
  return choices;
}
