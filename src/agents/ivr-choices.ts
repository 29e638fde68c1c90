import type { RequestStatus } from '../requests/request-states.js';
import type { IvrDefinition, IvrPathStep } from '../ivr/types.js';

export type IvrChoicesLang = 'tr' | 'en';

// The pop is put together on the server, so these are here rather than in the page's i18n.js; the status words
// are the desk's own (i18n.js ticket.status.*).
const STATUS: Record<IvrChoicesLang, Record<RequestStatus, string>> = {
  tr: { open: 'Açık', abandoned: 'Yarıda kaldı', forwarded: 'Birime iletildi', in_progress: 'İşleme alındı', needs_info: 'Vatandaştan bilgi bekleniyor', returned: 'Birimden iade', answered: 'Cevaplandı', closed: 'Kapandı' },
  en: { open: 'Open', abandoned: 'Abandoned', forwarded: 'Forwarded', in_progress: 'Accepted', needs_info: 'Waiting for the citizen', returned: 'Returned by the department', answered: 'Answered', closed: 'Closed' },
};
const TEXT = {
  tr: {
    lookup: 'Durum sorgusu', 'not-found': 'numara bulunamadı', invalid: 'geçersiz numara', 'no-input': 'tuşlama yok', unavailable: 'sorgulanamadı',
    returningStatus: 'Açık başvuru: durumunu dinledi', returningNew: 'Açık başvuru: yeni talep', returningNone: 'Açık başvuru: tuşlama yok',
    survey: 'Ankete katılmak istiyor', announcement: 'Duyuru', served: 'kapattı',
  },
  en: {
    lookup: 'Status check', 'not-found': 'number not found', invalid: 'invalid number', 'no-input': 'no entry', unavailable: 'unavailable',
    returningStatus: 'Open request: heard its status', returningNew: 'Open request: new request', returningNone: 'Open request: no key',
    survey: 'Agreed to the survey', announcement: 'Announcement', served: 'hung up',
  },
} as const;

const isStatus = (value: string): value is RequestStatus => Object.hasOwn(STATUS.tr, value);

/** The phone line's own steps (status by phone, the returning offer, the survey key, announcements), or null. */
function phoneLineLabel(step: IvrPathStep, lang: IvrChoicesLang): string | null {
  const text = TEXT[lang];
  const target = step.target ?? '';
  switch (step.event) {
    case 'status-lookup': {
      const found = /^found:(.+)$/.exec(target)?.[1];
      if (found !== undefined) return `${text.lookup}: ${isStatus(found) ? STATUS[lang][found] : found}`;
      const outcome = target === 'not-found' || target === 'invalid' || target === 'no-input' || target === 'unavailable' ? text[target] : target;
      return `${text.lookup}: ${outcome}`;
    }
    case 'returning-choice':
      if (target === 'status') return text.returningStatus;
      return step.digits === undefined ? text.returningNone : text.returningNew;
    case 'survey-consent':
      return text.survey;
    case 'announcement': {
      const [id, outcome] = target.split(':');
      return `${text.announcement} #${id ?? '?'}${outcome === 'served' ? ` (${text.served})` : ''}`;
    }
    default:
      return null;
  }
}

/**
 * Pure: the labels of what the caller did in the IVR, in order ("Ulaşım", "Kentkart / seyahat kartı"; "Başvuru
 * durumu", "Durum sorgusu: numara bulunamadı"). Option labels are config/ivr.json's; the phone line's own steps are
 * said in `lang`. A sub-menu is named by its `enter`; the `selected` step recorded before it (paths stored since the
 * digit that opens a sub-menu is recorded too) would name it twice.
 */
export function ivrChoices(ivr: IvrDefinition, path: readonly IvrPathStep[], lang: IvrChoicesLang = 'tr'): string[] {
  const choices: string[] = [];
  let current: string | undefined;
  for (const step of path) {
    const phoneLine = phoneLineLabel(step, lang);
    if (phoneLine !== null) {
      choices.push(phoneLine);
    } else if (step.event === 'enter') {
      const from = current === undefined ? undefined : ivr.menus[current];
      const option = from && Object.values(from.options).find((candidate) => 'menu' in candidate && candidate.menu === step.menu);
      if (option) choices.push(option.label);
      current = step.menu;
    } else if (step.event === 'back' && ivr.menus[step.menu] !== undefined) {
      // Leaving the status entry with * is a `back` too, but it opened no sub-menu label to take back.
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
