import { expect } from 'chai';
import { t } from '../../src/web/assets/i18n.js';
import { endedSessionNotice } from '../../src/web/assets/login.js';
import { loginPath } from '../../src/web/assets/realtime.js';

describe('realtime client: a session the server ended leads to the login page, which says why', () => {
  it('sends the screen to the login page with the reason and the page to come back to', () => {
    expect(loginPath('/wallboard?lang=en', 'password-changed')).to.equal('/login?next=%2Fwallboard%3Flang%3Den&ended=password-changed');
    expect(loginPath('/desk')).to.equal('/login?next=%2Fdesk');
    expect(loginPath('/desk', '<script>&next=//evil')).to.equal('/login?next=%2Fdesk');
  });

  it('explains each reason in Turkish and English, and nothing for an unknown one', () => {
    for (const reason of ['deactivated', 'password-changed', 'revoked', 'expired']) {
      const notice = endedSessionNotice(reason);
      expect(notice, reason).to.not.equal(null);
      expect(t(notice!.key, {}, 'tr'), reason).to.not.equal(notice!.key);
      expect(t(notice!.key, {}, 'en'), `${reason} in English`).to.not.equal(t(notice!.key, {}, 'tr'));
    }
    expect(t(endedSessionNotice('deactivated')!.key, {}, 'tr')).to.match(/devre dışı/);
    expect(endedSessionNotice('nonsense')).to.equal(null);
    expect(endedSessionNotice(null)).to.equal(null);
  });
});
