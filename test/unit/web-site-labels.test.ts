import { expect } from 'chai';
import { loginHeadingKey } from '../../src/web/assets/login.js';
import { t } from '../../src/web/assets/i18n.js';
import { pauseReasonText, pauseReasons, queueRank, setSiteData, siteQueueLabel } from '../../src/web/assets/site-data.js';

const origin = 'https://alo153.kayseri.example';

describe('screens: site labels from the catalogue', () => {
  beforeEach(() => setSiteData({ queues: [], pauseReasons: [] }));

  it("shows a queue's label in the language on screen and orders queues as the site file lists them", () => {
    setSiteData({
      queues: [
        { name: 'q-genel', label: { tr: 'Genel', en: 'General' }, order: 2 },
        { name: 'q-ulasim', label: { tr: 'Ulaşım', en: 'Transport' }, order: 1 },
      ],
      pauseReasons: [],
    });
    expect([siteQueueLabel('q-ulasim', 'tr'), siteQueueLabel('q-ulasim', 'en')]).to.deep.equal(['Ulaşım', 'Transport']);
    expect(['q-yeni', 'q-genel', 'q-ulasim'].sort((a, b) => queueRank(a) - queueRank(b))).to.deep.equal(['q-ulasim', 'q-genel', 'q-yeni']);
  });

  it('shows a break reason by its label in both languages, and one the site does not list as the PBX has it', () => {
    setSiteData({ queues: [], pauseReasons: [{ code: 'eğitim', label: { tr: 'Eğitim', en: 'Training' } }] });
    expect([pauseReasonText('eğitim', 'tr'), pauseReasonText('eğitim', 'en')]).to.deep.equal(['Eğitim', 'Training']);
    expect(pauseReasonText('özel', 'en')).to.equal('özel');
    expect(pauseReasonText(null, 'tr')).to.equal('');
  });

  it('keeps no copy of its own: before the catalogue arrives, names are the PBX names', () => {
    expect(siteQueueLabel('alo153-ulasim', 'tr')).to.equal('alo153-ulasim');
    expect(pauseReasonText('mola', 'tr')).to.equal('mola');
    expect(pauseReasons()).to.deep.equal([]);
  });

  it('skips entries of the wrong shape instead of trusting them', () => {
    setSiteData({ queues: [{ name: 'q', label: 'Q', order: 1 }, null], pauseReasons: [{ code: 'mola', label: { tr: 'Mola' } }, { code: 'yemek', label: { tr: 'Yemek', en: 'Lunch' } }] });
    expect(siteQueueLabel('q', 'tr')).to.equal('q');
    expect(pauseReasons().map((reason) => reason.code)).to.deep.equal(['yemek']);
  });
});

describe('login: the heading names the page being signed into', () => {
  it('says agent sign-in for the desk, supervisor sign-in for the wallboard, and a neutral one otherwise', () => {
    expect(t(loginHeadingKey('/desk', origin), undefined, 'tr')).to.equal('Alo 153 Temsilci Girişi');
    expect(t(loginHeadingKey('/desk/', origin), undefined, 'en')).to.equal('Alo 153 agent sign-in');
    expect(t(loginHeadingKey('/wallboard?x=1', origin), undefined, 'tr')).to.equal('Alo 153 Yönetici Girişi');
    expect(t(loginHeadingKey('/WALLBOARD', origin), undefined, 'en')).to.equal('Alo 153 supervisor sign-in');
    expect(t(loginHeadingKey(null, origin), undefined, 'tr')).to.equal('Alo 153 Girişi');
    expect(t(loginHeadingKey('//evil.example/desk', origin), undefined, 'tr')).to.equal('Alo 153 Girişi');
  });
});
