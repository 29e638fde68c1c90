import { expect } from 'chai';
import { ivrChoices } from '../../src/agents/ivr-choices.js';
import type { IvrPathStep } from '../../src/ivr/types.js';
import { shippedIvr } from './ivr-driver.js';

const at = '2026-11-28T10:00:00.000Z';
const step = (menu: string, event: IvrPathStep['event'], extra: Partial<IvrPathStep> = {}): IvrPathStep => ({ at, menu, event, ...extra });

describe('IVR choices on the screen pop', () => {
  it('names a sub-menu and the final option: Ulaşım → Kentkart', () => {
    const path = [step('main', 'enter'), step('ulasim', 'enter'), step('ulasim', 'selected', { digits: '2', target: 'alo153-kentkart' })];
    expect(ivrChoices(shippedIvr, path)).to.deep.equal(['Ulaşım', 'Kentkart / seyahat kartı']);
  });

  it('names a sub-menu once when the path also records the digit that opened it', () => {
    const path = [
      step('main', 'enter'),
      step('main', 'selected', { digits: '1', target: 'ulasim' }),
      step('ulasim', 'enter'),
      step('ulasim', 'selected', { digits: '2', target: 'alo153-kentkart' }),
    ];
    expect(ivrChoices(shippedIvr, path)).to.deep.equal(['Ulaşım', 'Kentkart / seyahat kartı']);
  });

  it('forgets a sub-menu the caller left with * and ignores invalid keys and timeouts', () => {
    const path = [
      step('main', 'enter'),
      step('main', 'invalid', { digits: '9' }),
      step('ulasim', 'enter'),
      step('ulasim', 'back', { target: 'main' }),
      step('main', 'enter'),
      step('main', 'no-input'),
      step('main', 'selected', { digits: '3', target: 'alo153-hayvan' }),
    ];
    expect(ivrChoices(shippedIvr, path)).to.deep.equal(['Yaralı veya sahipsiz hayvan']);
  });

  it('says where a caller who never chose was sent', () => {
    const path = [step('main', 'enter'), step('main', 'no-input'), step('main', 'retries-exhausted', { target: 'alo153-genel' })];
    expect(ivrChoices(shippedIvr, path)).to.deep.equal(['→ alo153-genel']);
  });

  describe("the phone line's own steps", () => {
    const returningCaller = [
      step('main', 'enter'),
      step('returning', 'enter', { target: 'needs_info' }),
      step('returning', 'returning-choice', { digits: '2', target: 'menu' }),
      step('main', 'enter'),
      step('main', 'announcement', { target: '12:continued' }),
      step('main', 'survey-consent', { digits: '9' }),
      step('main', 'selected', { digits: '8', target: 'status' }),
      step('status', 'status-lookup', { target: 'not-found' }),
      step('status', 'status-lookup', { target: 'found:forwarded' }),
      step('main', 'enter'),
      step('main', 'selected', { digits: '0', target: 'alo153-genel' }),
    ];

    it('names the returning choice, an announcement, the survey consent and each status lookup in Turkish', () => {
      expect(ivrChoices(shippedIvr, returningCaller)).to.deep.equal([
        'Açık başvuru: yeni talep', 'Duyuru #12', 'Ankete katılmak istiyor', 'Başvuru durumu',
        'Durum sorgusu: numara bulunamadı', 'Durum sorgusu: Birime iletildi', 'Müşteri temsilcisi',
      ]);
    });

    it('says them in English on request (the menu labels stay config/ivr.json\'s)', () => {
      expect(ivrChoices(shippedIvr, returningCaller, 'en')).to.deep.equal([
        'Open request: new request', 'Announcement #12', 'Agreed to the survey', 'Başvuru durumu',
        'Status check: number not found', 'Status check: Forwarded', 'Müşteri temsilcisi',
      ]);
    });

    it('names every lookup outcome, the other returning choices and a served announcement', () => {
      const path = [
        step('returning', 'returning-choice', { digits: '1', target: 'status' }),
        step('returning', 'returning-choice', { target: 'menu' }),
        step('main', 'announcement', { target: '7:served' }),
        ...(['invalid', 'no-input', 'unavailable', 'found:needs_info'] as const).map((target) => step('status', 'status-lookup', { target })),
      ];
      expect(ivrChoices(shippedIvr, path)).to.deep.equal([
        'Açık başvuru: durumunu dinledi', 'Açık başvuru: tuşlama yok', 'Duyuru #7 (kapattı)', 'Durum sorgusu: geçersiz numara',
        'Durum sorgusu: tuşlama yok', 'Durum sorgusu: sorgulanamadı', 'Durum sorgusu: Vatandaştan bilgi bekleniyor',
      ]);
      expect(ivrChoices(shippedIvr, path, 'en')).to.deep.equal([
        'Open request: heard its status', 'Open request: no key', 'Announcement #7 (hung up)', 'Status check: invalid number',
        'Status check: no entry', 'Status check: unavailable', 'Status check: Waiting for the citizen',
      ]);
    });

    it('keeps "Başvuru durumu" when the caller leaves the status entry with *, and still drops a sub-menu left with *', () => {
      const path = [
        step('main', 'enter'),
        step('main', 'selected', { digits: '8', target: 'status' }),
        step('status', 'back', { target: 'main' }),
        step('main', 'enter'),
        step('ulasim', 'enter'),
        step('ulasim', 'back', { target: 'main' }),
        step('main', 'enter'),
        step('main', 'selected', { digits: '3', target: 'alo153-hayvan' }),
      ];
      expect(ivrChoices(shippedIvr, path)).to.deep.equal(['Başvuru durumu', 'Yaralı veya sahipsiz hayvan']);
    });
  });
});
