import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSiteData, parseSiteData, shippedSiteData, SiteDataError } from '../../src/config/site.js';
import { siteCatalogue } from '../../src/requests/catalogue/catalogue.js';

const minimal = {
  queues: [{ name: 'alo153-genel', label: { tr: 'Genel', en: 'General' } }],
  pauseReasons: [{ code: 'mola', label: { tr: 'Mola', en: 'Break' } }],
  districts: [{ name: 'Talas', neighbourhoods: ['Mevlana', 'Harman'] }, { name: 'Develi' }],
};

function problemsOf(raw: unknown): string {
  try {
    parseSiteData(raw, 'site.json');
  } catch (error) {
    expect(error).to.be.instanceOf(SiteDataError);
    return (error as Error).message;
  }
  throw new Error('expected the site data to be refused');
}

describe('site data (config/site.json)', () => {
  it('ships Kayseri: seven queues in IVR order, four break reasons and the 16 districts, each with Turkish and English labels', () => {
    const site = shippedSiteData();
    expect(site.queues.map((queue) => queue.name)).to.deep.equal(['alo153-ulasim', 'alo153-kentkart', 'alo153-cevre', 'alo153-hayvan', 'alo153-otopark', 'alo153-sosyal', 'alo153-genel']);
    expect(site.pauseReasons.map((reason) => [reason.code, reason.label.tr, reason.label.en])).to.deep.equal([
      ['mola', 'Mola', 'Break'],
      ['yemek', 'Yemek', 'Lunch'],
      ['eğitim', 'Eğitim', 'Training'],
      ['toplantı', 'Toplantı', 'Meeting'],
    ]);
    expect(site.districts).to.have.length(16);
    expect(site.districts[0]?.name).to.equal('Melikgazi');
  });

  it('becomes the catalogue part the screens read: queue order as numbers, district names, listed neighbourhoods only', () => {
    expect(siteCatalogue(parseSiteData(minimal))).to.deep.equal({
      queues: [{ name: 'alo153-genel', label: { tr: 'Genel', en: 'General' }, order: 1 }],
      pauseReasons: [{ code: 'mola', label: { tr: 'Mola', en: 'Break' } }],
      districts: ['Talas', 'Develi'],
      neighbourhoods: { Talas: ['Mevlana', 'Harman'] },
    });
  });

  it('names every problem with its path, all at once', () => {
    const message = problemsOf({
      queues: [{ name: 'general', label: { tr: 'Genel', en: 'General' } }],
      pauseReasons: [{ code: 'Mola Arası', label: { tr: '', en: 'Break' } }],
      districts: [{ name: 'Talas' }, { name: 'talas' }],
      extra: true,
    });
    expect(message).to.include('queues.0.name: app_queue reserves "general"');
    expect(message).to.include('pauseReasons.0.code: reason codes are lower-case letters');
    expect(message).to.include('pauseReasons.0.label.tr: a Turkish label is required');
    expect(message).to.include('districts.1: district "talas" is listed twice');
    expect(message).to.match(/\(root\): .*extra/);
  });

  it('refuses "wrap-up" as a break reason, an empty list of reasons, and a missing English label', () => {
    expect(problemsOf({ ...minimal, pauseReasons: [{ code: 'wrap-up', label: { tr: 'Çağrı sonrası', en: 'Wrap-up' } }] })).to.include('"wrap-up" is the after-call state');
    expect(problemsOf({ ...minimal, pauseReasons: [] })).to.include('pauseReasons: at least one break reason');
    expect(problemsOf({ ...minimal, queues: [{ name: 'alo153-genel', label: { tr: 'Genel' } }] })).to.include('queues.0.label.en');
  });

  it('says which file cannot be read or is not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alo153-site-'));
    const broken = path.join(dir, 'site.json');
    writeFileSync(broken, '{ "queues": [');
    expect(() => loadSiteData(broken)).to.throw(SiteDataError, `${broken}: is not valid JSON`);
    expect(() => loadSiteData(path.join(dir, 'missing.json'))).to.throw(SiteDataError, 'cannot be read');
  });
});
