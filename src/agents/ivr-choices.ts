import type { IvrDefinition, IvrPathStep } from '../ivr/types.js';

/**
 * Pure: the labels of the options the caller chose, in order ("Ulaşım", "Kentkart / seyahat kartı").
 * A sub-menu is named by its `enter`; the `selected` step recorded before it (paths stored since the digit
 * that opens a sub-menu is recorded too) would name it twice.
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
      const option = ivr.menus[step.menu]?.options[step.digits];
      if (option && !('menu' in option)) choices.push(option.label);
    } else if (step.event === 'retries-exhausted') {
      choices.push(`→ ${step.target ?? ivr.defaultTarget.queue}`);
    }
  }
  return choices;
}
