import { expect } from 'chai';
import { setCatalogue } from '../../src/web/assets/desk-catalogue.js';
import { clockOf, spanText } from '../../src/web/assets/dept-clock.js';
import { dative, historyLine } from '../../src/web/assets/ticket-history.js';

const at = '2026-12-03T09:05:00.000Z';
const line = (kind: string, data: Record<string, unknown>, actor = 'user:ayse', lang: 'tr' | 'en' = 'tr') => historyLine({ at, actor, kind, data }, { lang, names: { ayse: 'Ayşe Kaya' } });

describe('web: a ticket history in sentences, and the inbox clock', () => {
  before(() => {
    setCatalogue({ categories: [], departments: [{ code: 'ulasim', name: 'Ulaşım Dairesi' }, { code: 'kayseri-ulasim', name: 'Kayseri Ulaşım A.Ş.' }], queues: [], pauseReasons: [], districts: [], neighbourhoods: {}, priorities: [] } as never);
  });

  it('puts a department name in the Turkish dative', () => {
    const cases: Record<string, string> = {
      'Ulaşım Dairesi': "Ulaşım Dairesi'ne", 'Zabıta Dairesi Başkanlığı': "Zabıta Dairesi Başkanlığı'na", 'KASKİ Genel Müdürlüğü': "KASKİ Genel Müdürlüğü'ne",
      'Beyaz Masa': "Beyaz Masa'ya", 'Kayseri Ulaşım A.Ş.': "Kayseri Ulaşım A.Ş.'ye", KASKİ: "KASKİ'ye", Talas: "Talas'a",
    };
    for (const [name, expected] of Object.entries(cases)) expect(dative(name), name).to.equal(expected);
  });

  it('says who, when on the Istanbul clock, and what, in Turkish', () => {
    expect(line('forwarded', { department: 'ulasim', from: 'open', to: 'forwarded', version: 4 })).to.deep.equal({
      who: 'Ayşe Kaya', when: '03.12.2026 12:05', what: "Ulaşım Dairesi'ne iletildi (durum: Açık → Birime iletildi)",
    });
    expect(line('accepted', { from: 'forwarded', to: 'in_progress' }).what).to.equal('İşleme alındı (durum: Birime iletildi → İşleme alındı)');
    expect(line('answered', { text: 'Lamba değişti.', department: 'ulasim' }).what).to.equal('Cevaplandı: Lamba değişti.');
    expect(line('returned', { text: 'Bizim birimimiz değil' }).what).to.equal('İade edildi: Bizim birimimiz değil');
    expect(line('question-asked', { text: 'Hangi sokak?' }).what).to.equal('Vatandaşa soru soruldu: Hangi sokak?');
    expect(line('informed', { channel: 'phone' }).what).to.equal('Vatandaş bilgilendirildi (telefon)');
    expect(line('contact-attempt', { outcome: 'not-reachable', attempt: 2 }).what).to.equal('Arama denemesi: ulaşılamadı (2.)');
    expect(line('sms-submitted', { smsId: 9, template: 'answer-ready' }).what).to.equal('SMS gönderildi');
    expect(line('sms-delivered', { smsId: 9 }).what).to.equal('SMS iletildi');
    expect(line('callback-attempt', { outcome: 'answered', talkS: 80, attemptId: 3, agentUserId: 5 }, 'system:callback')).to.include({ who: 'Sistem (geri arama)', what: 'Geri arama: cevaplandı, 1 dk 20 sn' });
    expect(line('handed-off', { callId: 'c-1', lastStep: 'main', channelId: 'ch' }, 'system:ivr')).to.include({ who: 'Sistem (IVR)', what: 'Çağrı kuyruğa aktarıldı' });
    expect(line('updated', { changes: { district: { from: null, to: 'Talas' }, secret: {} }, version: 3 }).what).to.equal('Kayıt güncellendi (ilçe)');
  });

  it('never shows an internal key or an unknown code', () => {
    const internal = { callId: 'c-1', lastStep: 'menu', userId: 4, channelId: 'PJSIP/1', version: 7, dedupeKey: 'k', attemptId: 2 };
    for (const kind of ['opened', 'handed-off', 'call-ended', 'status-changed', 'made-up-kind']) {
      const { what, who } = line(kind, internal, 'system:made-up');
      expect(`${who} ${what}`, kind).to.not.match(/callId|lastStep|userId|channelId|version|dedupe|attempt|made-up|c-1|PJSIP|history\./);
    }
    expect(line('made-up-kind', {}).what).to.equal('Kayıt işlemi');
  });

  it('speaks English when asked', () => {
    expect(line('forwarded', { department: 'kayseri-ulasim' }, 'system:ivr', 'en')).to.deep.equal({ who: 'System (IVR)', when: '03/12/2026, 12:05', what: 'Forwarded to Kayseri Ulaşım A.Ş.' });
    expect(line('contact-attempt', { outcome: 'call-later', attempt: 1 }, 'user:ayse', 'en').what).to.equal('Contact attempt: asked to be called later (#1)');
  });

  it('counts the time left in the two largest units, amber when due soon, red and "Süresi geçti" when overdue', () => {
    const now = Date.parse(at);
    const hours = (h: number) => new Date(now + h * 3_600_000).toISOString();
    expect(spanText((2 * 24 + 3) * 3_600_000 + 59_000, 'tr')).to.equal('2 gün 3 sa');
    expect(spanText(5 * 3_600_000 + 10 * 60_000, 'tr')).to.equal('5 sa 10 dk');
    expect(spanText(30_000, 'tr')).to.equal('1 dk’dan az');
    expect(clockOf({ dueAt: hours(51), dueSoonAt: hours(40), ackDueAt: hours(2), status: 'forwarded' }, now, 'tr')).to.deep.equal({ tone: 'ok', text: '2 gün 3 sa kaldı', ack: 'İşleme alma: 2 sa kaldı' });
    expect(clockOf({ dueAt: hours(3), dueSoonAt: hours(-1), ackDueAt: hours(-5), status: 'in_progress' }, now, 'tr')).to.deep.equal({ tone: 'soon', text: '3 sa kaldı', ack: null });
    expect(clockOf({ dueAt: hours(-26), dueSoonAt: hours(-30), ackDueAt: hours(-40), status: 'forwarded' }, now, 'tr')).to.deep.equal({ tone: 'overdue', text: 'Süresi geçti (1 gün 2 sa)', ack: 'İşleme alma süresi geçti' });
    expect(clockOf({ dueAt: null, dueSoonAt: null, ackDueAt: null, status: 'forwarded' }, now, 'en').tone).to.equal('none');
  });
});
