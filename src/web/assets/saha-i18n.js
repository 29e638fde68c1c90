/**
 * The field desk's texts (/saha) in Turkish (default) and English. The language choice, the Istanbul clock
 * and the shared header texts come from i18n.js; only what this page says lives here.
 */

import { getLang, t } from './i18n.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/** @type {Record<Lang, Record<string, string>>} */
const TEXTS = {
  tr: {
    'saha.pageTitle': 'Alo 153 — Saha Masası',
    'saha.title': 'Alo 153 Saha Masası',
    // The visible "TR EN" leads the name: speech input users say what they see (WCAG 2.5.3).
    'saha.langToggle': 'TR EN: Dili İngilizceye çevir',
    'saha.online': 'Çevrimiçi',
    'saha.offline': 'Çevrimdışı — talepler cihazda saklanıyor',
    'saha.offlineReady': 'Çevrimdışı kullanıma hazır',
    'saha.offlineNotReady': 'Çevrimdışı kullanım hazırlanıyor…',
    'saha.event.title': 'Etkinlik / yer',
    'saha.event.label': 'Bu vardiyanın etkinliği veya yeri',
    'saha.event.hint': 'Listeden seçin ya da yazın (ör. Kitap Fuarı, B salonu).',
    'saha.event.start': 'Vardiyayı başlat',
    'saha.event.change': 'Değiştir',
    'saha.event.current': 'Etkinlik: {event}',
    'saha.event.required': 'Önce bu vardiyanın etkinliğini veya yerini seçin.',
    'saha.form.title': 'Yeni talep',
    'saha.form.category': 'Konu',
    'saha.form.categoryPick': 'Konu seçin',
    'saha.form.description': 'Açıklama',
    'saha.form.district': 'İlçe',
    'saha.form.districtNone': 'İlçe seçin (isteğe bağlı)',
    'saha.form.neighbourhood': 'Mahalle',
    'saha.form.address': 'Adres',
    'saha.form.callerName': 'Vatandaşın adı soyadı',
    'saha.form.callerNumber': 'Telefon',
    'saha.form.email': 'E-posta',
    'saha.form.smsConsent': 'Talep numarası ve sonuç SMS ile gönderilebilir',
    'saha.form.kvkkInformed': 'Vatandaşa KVKK aydınlatma metni okundu / verildi',
    'saha.form.save': 'Talebi kaydet',
    'saha.form.saved': 'Talep cihaza kaydedildi; bağlantı olunca gönderilecek.',
    'saha.form.catalogueMissing': 'Konu ve ilçe listeleri yüklenemedi; sayfayı bir kez internete bağlıyken açın.',
    'saha.outbox.title': 'Gönderilmeyi bekleyenler',
    'saha.outbox.count': '{count} talep bekliyor',
    'saha.outbox.empty': 'Bekleyen talep yok.',
    'saha.outbox.sendNow': 'Şimdi gönder',
    'saha.outbox.sending': 'Gönderiliyor…',
    'saha.outbox.refused': 'Sunucu kabul etmedi:',
    'saha.outbox.delete': 'Sil',
    'saha.outbox.deleteConfirm': 'Bu talep silinsin mi? Sunucuya hiç gönderilmeyecek.',
    'saha.outbox.otherUser': '{count} talep başka bir kullanıcıya ait; o kullanıcı giriş yapınca gönderilir.',
    'saha.outbox.takenAt': '{time} alındı',
    'saha.sync.lastOk': 'Son gönderim: {time}',
    'saha.sync.retryIn': 'Gönderilemedi; {seconds} sn sonra yeniden denenecek.',
    'saha.sync.waitingNetwork': 'Bağlantı bekleniyor; bağlantı gelince otomatik gönderilecek.',
    'saha.sync.sessionExpired': 'Oturumunuz sona erdi. Bekleyen talepler cihazda duruyor; yeniden giriş yapınca gönderilecek.',
    'saha.sync.login': 'Yeniden giriş yap',
    'saha.sync.forbidden': 'Bu hesap saha masasından talep gönderemez.',
    'saha.sent.title': 'Gönderilenler (bu oturum)',
    'saha.sent.item': '{number} — {category}',
    'saha.sent.duplicate': '(daha önce kaydedilmiş)',
    'saha.logout.pending': '{count} talep henüz gönderilmedi. Çıkış yapılsın mı? Talepler cihazda kalır ve aynı kullanıcıyla girince gönderilir.',
    'saha.error.required': 'Bu alan zorunludur.',
    'saha.error.too-long': 'Bu alan çok uzun.',
    'saha.error.invalid': 'Bu alandaki değer geçersiz.',
    'saha.error.invalid-key': 'Kayıt anahtarı geçersiz.',
    'saha.error.invalid-time': 'Alınma zamanı geçersiz.',
    'saha.error.taken-in-future': 'Alınma zamanı ileri bir tarih; cihazın saatini kontrol edin.',
    'saha.error.taken-too-old': 'Talep 7 günden eski; yeniden alın.',
    'saha.error.invalid-phone': 'Geçerli bir telefon numarası yazın (7–20 rakam).',
    'saha.error.invalid-email': 'Geçerli bir e-posta adresi yazın ya da boş bırakın.',
    'saha.error.unknown-category': 'Listeden bir konu seçin.',
    'saha.error.invalid-district': 'Listeden bir ilçe seçin.',
    'saha.error.consent-required': 'Ad, telefon veya e-posta alındıysa KVKK aydınlatmasını işaretleyin.',
  },
  en: {
    'saha.pageTitle': 'Alo 153 — Field desk',
    'saha.title': 'Alo 153 Field Desk',
    'saha.langToggle': 'TR EN: Switch the language to Turkish',
    'saha.online': 'Online',
    'saha.offline': 'Offline — requests are kept on this device',
    'saha.offlineReady': 'Ready for offline use',
    'saha.offlineNotReady': 'Preparing offline use…',
    'saha.event.title': 'Event / place',
    'saha.event.label': 'This shift’s event or place',
    'saha.event.hint': 'Pick one or type it (e.g. Book fair, hall B).',
    'saha.event.start': 'Start the shift',
    'saha.event.change': 'Change',
    'saha.event.current': 'Event: {event}',
    'saha.event.required': 'First choose this shift’s event or place.',
    'saha.form.title': 'New request',
    'saha.form.category': 'Topic',
    'saha.form.categoryPick': 'Choose a topic',
    'saha.form.description': 'Description',
    'saha.form.district': 'District',
    'saha.form.districtNone': 'Choose a district (optional)',
    'saha.form.neighbourhood': 'Neighbourhood',
    'saha.form.address': 'Address',
    'saha.form.callerName': 'Citizen’s full name',
    'saha.form.callerNumber': 'Phone',
    'saha.form.email': 'E-mail',
    'saha.form.smsConsent': 'The request number and result may be sent by SMS',
    'saha.form.kvkkInformed': 'The citizen was given the KVKK information notice',
    'saha.form.save': 'Save the request',
    'saha.form.saved': 'Request saved on this device; it is sent when there is a connection.',
    'saha.form.catalogueMissing': 'The topic and district lists could not be loaded; open the page once while online.',
    'saha.outbox.title': 'Waiting to be sent',
    'saha.outbox.count': '{count} waiting',
    'saha.outbox.empty': 'Nothing is waiting.',
    'saha.outbox.sendNow': 'Send now',
    'saha.outbox.sending': 'Sending…',
    'saha.outbox.refused': 'The server refused it:',
    'saha.outbox.delete': 'Delete',
    'saha.outbox.deleteConfirm': 'Delete this request? It will never be sent.',
    'saha.outbox.otherUser': '{count} requests belong to another user; they are sent when that user signs in.',
    'saha.outbox.takenAt': 'taken {time}',
    'saha.sync.lastOk': 'Last sent: {time}',
    'saha.sync.retryIn': 'Could not send; trying again in {seconds} s.',
    'saha.sync.waitingNetwork': 'Waiting for a connection; requests are sent automatically when it returns.',
    'saha.sync.sessionExpired': 'Your session has ended. Waiting requests stay on this device and are sent once you sign in again.',
    'saha.sync.login': 'Sign in again',
    'saha.sync.forbidden': 'This account may not send requests from the field desk.',
    'saha.sent.title': 'Sent (this session)',
    'saha.sent.item': '{number} — {category}',
    'saha.sent.duplicate': '(stored before)',
    'saha.logout.pending': '{count} requests have not been sent yet. Sign out? They stay on this device and are sent when the same user signs in.',
    'saha.error.required': 'This field is required.',
    'saha.error.too-long': 'This field is too long.',
    'saha.error.invalid': 'This value is not valid.',
    'saha.error.invalid-key': 'The record key is not valid.',
    'saha.error.invalid-time': 'The time taken is not valid.',
    'saha.error.taken-in-future': 'The time taken is in the future; check the device’s clock.',
    'saha.error.taken-too-old': 'The request is older than 7 days; take it again.',
    'saha.error.invalid-phone': 'Enter a valid phone number (7–20 digits).',
    'saha.error.invalid-email': 'Enter a valid e-mail address or leave it empty.',
    'saha.error.unknown-category': 'Choose a topic from the list.',
    'saha.error.invalid-district': 'Choose a district from the list.',
    'saha.error.consent-required': 'Tick the KVKK notice when a name, phone or e-mail was taken.',
  },
};

/**
 * This page's text, else the shared dictionary's (header.logout, …).
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function st(key, params) {
  const template = TEXTS[getLang()][key] ?? TEXTS.tr[key];
  if (template === undefined) return t(key, params);
  return params ? template.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name]))) : template;
}

/** A server or form error code in words; an unknown code reads as "invalid". @param {string} code */
export function errorText(code) {
  const key = `saha.error.${code}`;
  return TEXTS.tr[key] === undefined ? st('saha.error.invalid') : st(key);
}

/** `[data-i18n]` texts and `[data-i18n-aria-label]` labels under `root`. @param {ParentNode} root */
export function translateSaha(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    const key = element.getAttribute('data-i18n');
    if (key) element.textContent = st(key);
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((element) => {
    const key = element.getAttribute('data-i18n-aria-label');
    if (key) element.setAttribute('aria-label', st(key));
  });
}
