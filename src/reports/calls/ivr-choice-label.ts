import type { IvrDefinition, IvrPathEvent } from '../../ivr/types.js';

/**
 * Pure: what a call's last IVR step (calls.last_step, written by the call session: see describeLastStep in
 * src/ivr/engine.ts) means, in Turkish, with the option labels of the IVR menu in use. `transferred:<queue>`
 * is the choice that sent the caller to a queue: the labels of every option routing there (two options sharing
 * a queue share the row: the step names only the queue).
 */
const EVENT: Readonly<Record<IvrPathEvent, string>> = {
  enter: 'menüyü dinlerken kapattı',
  digit: 'tuşlarken kapattı',
  invalid: 'hatalı tuşlamadan sonra kapattı',
  'no-input': 'tuşlama yapmadan kapattı',
  selected: 'seçimden sonra kapattı',
  back: 'geri döndükten sonra kapattı',
  'retries-exhausted': 'deneme hakkı bitti',
  hangup: 'kapattı',
  'status-lookup': 'durum sorgusundan sonra kapattı',
  'returning-choice': 'açık başvuru sorusunda kapattı',
  'survey-consent': 'anket onayından sonra kapattı',
  announcement: 'duyuru sırasında kapattı',
};

function queueLabel(ivr: IvrDefinition | undefined, queue: string): string {
  const labels = new Set<string>();
  for (const menu of Object.values(ivr?.menus ?? {})) for (const option of Object.values(menu.options)) if ('queue' in option && option.queue === queue) labels.add(option.label);
  return labels.size === 0 ? queue : [...labels].join(' / ');
}

function menuLabel(ivr: IvrDefinition | undefined, menu: string): string {
  if (ivr?.start === menu) return 'Ana menü';
  for (const parent of Object.values(ivr?.menus ?? {})) for (const option of Object.values(parent.options)) if ('menu' in option && option.menu === menu) return option.label;
  return menu;
}

export function ivrChoiceLabel(ivr: IvrDefinition | undefined, step: string | null): string {
  if (step === null) return '(kayıt yok)';
  if (step === 'readback') return 'Başvuru numarası okunurken kapattı';
  const colon = step.indexOf(':');
  if (colon < 0) return step;
  const head = step.slice(0, colon);
  const tail = step.slice(colon + 1);
  if (head === 'transferred') return queueLabel(ivr, tail);
  if (head === 'handoff') return `${queueLabel(ivr, tail)} (aktarılırken kapattı)`;
  const event = Object.hasOwn(EVENT, tail) ? EVENT[tail as IvrPathEvent] : tail;
  return `${menuLabel(ivr, head)}: ${event}`;
}
