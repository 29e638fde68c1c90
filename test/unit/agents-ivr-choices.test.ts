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
});
