/**
 * The public pages' texts (/basvuru, /durum) in Turkish and English. The language itself (toggle, storage,
 * `?lang=`) is i18n.js's, shared with the staff screens. Importable from Node (no DOM until asked).
 */

import { getLang, TIME_ZONE } from './i18n.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/** @type {Record<string, string>} */
const tr = {
  'lang.toggle': 'English',
  'lang.toggleLabel': 'Sayfayı İngilizce göster',
  'brand': 'Kayseri Büyükşehir Belediyesi · Alo 153',
  'skip': 'İçeriğe geç',
  'form.title': 'Alo 153 — Başvuru formu',
  'form.heading': 'Başvuru formu',
  'form.intro': 'İstek, öneri ve şikâyetlerinizi buradan iletebilirsiniz. Yıldızlı (*) alanlar zorunludur. Acil durumlarda 112\'yi arayın.',
  'form.request': 'Başvurunuz',
  'form.category': 'Konu *',
  'form.categoryChoose': 'Bir konu seçin',
  'form.description': 'Açıklama *',
  'form.descriptionHint': 'Ne oldu, nerede, ne zamandan beri? En az 10, en çok 2000 karakter.',
  'form.place': 'Yer',
  'form.district': 'İlçe *',
  'form.districtChoose': 'Bir ilçe seçin',
  'form.neighbourhood': 'Mahalle',
  'form.neighbourhoodChoose': 'Bir mahalle seçin (isteğe bağlı)',
  'form.address': 'Adres',
  'form.addressHint': 'Sokak, numara ya da yakınındaki bilinen bir yer.',
  'form.location': 'Konum (isteğe bağlı)',
  'form.locationUse': 'Konumumu kullan',
  'form.locationClear': 'Konumu kaldır',
  'form.locationAsking': 'Konumunuz alınıyor…',
  'form.locationSet': 'Konum eklendi: {lat}, {lon}',
  'form.locationDenied': 'Konum izni verilmedi. Konum olmadan da başvurabilirsiniz.',
  'form.locationFailed': 'Konum alınamadı. Konum olmadan da başvurabilirsiniz.',
  'form.locationUnsupported': 'Tarayıcınız konum paylaşmayı desteklemiyor. Konum olmadan da başvurabilirsiniz.',
  'form.locationNone': 'Konum eklenmedi.',
  'form.contact': 'İletişim bilgileriniz',
  'form.name': 'Adınız soyadınız *',
  'form.phone': 'Telefon numaranız *',
  'form.phoneHint': 'Örnek: 0532 123 45 67. Başvurunuzun durumunu sorgularken son dört hanesi istenir.',
  'form.email': 'E-posta adresiniz',
  'form.sms': 'Başvuru numaram cep telefonuma SMS ile gönderilsin',
  'form.kvkk': 'Kişisel verilerin korunması',
  'form.kvkkConsent': 'Aydınlatma metnini okudum; kişisel verilerimin başvurumun sonuçlandırılması için işlenmesini onaylıyorum. *',
  'form.submit': 'Başvuruyu gönder',
  'form.sending': 'Gönderiliyor…',
  'form.honeypot': 'Bu alanı boş bırakın',
  'summary.heading': 'Formda düzeltilmesi gereken {count} alan var',
  'summary.one': 'Formda düzeltilmesi gereken bir alan var',
  'result.heading': 'Başvurunuz alındı',
  'result.number': 'Başvuru numaranız:',
  'result.keep': 'Bu numarayı not edin: başvurunuzun durumunu numara ve telefonunuzun son dört hanesiyle sorgulayabilirsiniz.',
  'result.sms': 'Başvuru numaranız cep telefonunuza SMS ile de gönderilecek.',
  'result.repeat': 'Bu başvuru daha önce alınmıştı; numarası yukarıdadır.',
  'result.status': 'Başvurumun durumunu sorgula',
  'result.again': 'Yeni başvuru yap',
  'error.network': 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip yeniden deneyin.',
  'error.server': 'Şu anda başvurunuz alınamıyor. Lütfen biraz sonra yeniden deneyin ya da 153\'ü arayın.',
  'error.refused': 'Başvurunuz alınamadı. Sayfayı yenileyip yeniden deneyin; sorun sürerse 153\'ü arayın.',
  'error.too-soon': 'Form çok hızlı gönderildi. Lütfen {seconds} saniye sonra yeniden gönderin.',
  'error.form-expired': 'Formun süresi dolmuştu; yenilendi. Bilgileriniz duruyor, lütfen yeniden gönderin.',
  'error.form-invalid': 'Form doğrulanamadı; yenilendi. Bilgileriniz duruyor, lütfen yeniden gönderin.',
  'error.too-many': 'Kısa sürede çok fazla istek gönderildi. Lütfen saat {time} itibarıyla yeniden deneyin.',
  'error.loading': 'Form yüklenemedi. Sayfayı yenileyin ya da 153\'ü arayın.',
  'field.required': 'Bu alan zorunludur.',
  'field.categoryCode.required': 'Bir konu seçin.',
  'field.district.required': 'Bir ilçe seçin.',
  'field.description.required': 'Başvurunuzu kısaca anlatın.',
  'field.name.required': 'Adınızı ve soyadınızı yazın.',
  'field.phone.required': 'Telefon numaranızı yazın.',
  'field.too-short': 'Lütfen biraz daha ayrıntı yazın (en az 10 karakter).',
  'field.too-long': 'Bu alan çok uzun.',
  'field.invalid': 'Bu alandaki değer geçersiz.',
  'field.invalid-phone': 'Geçerli bir telefon numarası yazın (ör. 0532 123 45 67).',
  'field.invalid-email': 'Geçerli bir e-posta adresi yazın (ör. ad@ornek.com) ya da boş bırakın.',
  'field.unknown-category': 'Listeden bir konu seçin.',
  'field.invalid-district': 'Listeden bir ilçe seçin.',
  'field.invalid-neighbourhood': 'Listeden bir mahalle seçin.',
  'field.invalid-location': 'Konum bilgisi geçersiz; konumu kaldırıp yeniden deneyin.',
  'field.consent-required': 'Başvurunuzu gönderebilmek için aydınlatma metnini okuduğunuzu onaylayın.',
  'status.title': 'Alo 153 — Başvuru durumu',
  'status.heading': 'Başvurumun durumu',
  'status.intro': 'Başvuru numaranızı ve başvururken verdiğiniz telefon numarasının son dört hanesini yazın.',
  'status.number': 'Başvuru numarası *',
  'status.numberHint': 'Örnek: 153-2026-000026 ya da 2026-26',
  'status.lastFour': 'Telefonunuzun son dört hanesi *',
  'status.submit': 'Sorgula',
  'status.searching': 'Sorgulanıyor…',
  'status.newRequest': 'Yeni başvuru yap',
  'status.not-found': 'Bu başvuru numarası ve telefon numarasının son dört hanesiyle eşleşen bir başvuru bulunamadı. Bilgileri kontrol edip yeniden deneyin.',
  'status.field.number': 'Başvuru numarasını 153-2026-000026 ya da 2026-26 biçiminde yazın.',
  'status.field.lastFour': 'Telefon numaranızın son dört hanesini yazın (4 rakam).',
  'status.result': 'Başvuru {number}',
  'status.category': 'Konu: {category}',
  'status.created': 'Başvuru tarihi: {at}',
  'status.now': 'Şu anki durum: {status}',
  'status.state.received': 'Alındı',
  'status.state.in-progress': 'İlgili birimde işlemde',
  'status.state.answered': 'Birim cevap verdi; size iletilecek',
  'status.state.closed': 'Sonuçlandı',
  'status.timeline': 'Başvurunuzun geçmişi',
  'status.answer': 'Belediyenin cevabı',
  'step.received': 'Başvurunuz alındı',
  'step.forwarded': 'Başvurunuz {department} iletildi',
  'step.forwardedPlain': 'Başvurunuz ilgili birime iletildi',
  'step.in-progress': 'İlgili birim başvurunuzu işleme aldı',
  'step.info-requested': 'Birim sizden ek bilgi istedi; Alo 153 sizinle iletişime geçecek',
  'step.info-received': 'Verdiğiniz ek bilgi birime iletildi',
  'step.answered': 'Birim başvurunuzu cevapladı',
  'step.reopened': 'Başvurunuz yeniden ele alındı',
  'step.closed.informed': 'Cevap size iletildi; başvurunuz sonuçlandı',
  'step.closed.resolved': 'Başvurunuz görüşmede sonuçlandırıldı',
  'step.closed.unreachable': 'Size ulaşılamadığı için başvurunuz kapatıldı',
};

/** @type {Record<string, string>} */
const en = {
  'lang.toggle': 'Türkçe',
  'lang.toggleLabel': 'Show the page in Turkish',
  'brand': 'Kayseri Metropolitan Municipality · Alo 153',
  'skip': 'Skip to content',
  'form.title': 'Alo 153 — Request form',
  'form.heading': 'Request form',
  'form.intro': 'Send us your requests, suggestions and complaints here. Fields marked with a star (*) are required. In an emergency call 112.',
  'form.request': 'Your request',
  'form.category': 'Subject *',
  'form.categoryChoose': 'Choose a subject',
  'form.description': 'Description *',
  'form.descriptionHint': 'What happened, where, since when? 10 to 2000 characters.',
  'form.place': 'Place',
  'form.district': 'District *',
  'form.districtChoose': 'Choose a district',
  'form.neighbourhood': 'Neighbourhood',
  'form.neighbourhoodChoose': 'Choose a neighbourhood (optional)',
  'form.address': 'Address',
  'form.addressHint': 'Street, number or a well-known place nearby.',
  'form.location': 'Location (optional)',
  'form.locationUse': 'Use my location',
  'form.locationClear': 'Remove the location',
  'form.locationAsking': 'Getting your location…',
  'form.locationSet': 'Location added: {lat}, {lon}',
  'form.locationDenied': 'Location permission was not given. You can send the request without a location.',
  'form.locationFailed': 'The location could not be found. You can send the request without a location.',
  'form.locationUnsupported': 'Your browser cannot share a location. You can send the request without one.',
  'form.locationNone': 'No location added.',
  'form.contact': 'How to reach you',
  'form.name': 'Your full name *',
  'form.phone': 'Your phone number *',
  'form.phoneHint': 'For example 0532 123 45 67. Its last four digits are asked for when you check your request.',
  'form.email': 'Your e-mail address',
  'form.sms': 'Send the request number to my mobile phone by SMS',
  'form.kvkk': 'Protection of personal data',
  'form.kvkkConsent': 'I have read the information notice and agree that my personal data is processed to settle my request. *',
  'form.submit': 'Send the request',
  'form.sending': 'Sending…',
  'form.honeypot': 'Leave this field empty',
  'summary.heading': 'There are {count} fields to correct',
  'summary.one': 'There is one field to correct',
  'result.heading': 'Your request has been received',
  'result.number': 'Your request number:',
  'result.keep': 'Keep this number: you can check your request with it and the last four digits of your phone number.',
  'result.sms': 'The request number will also be sent to your mobile phone by SMS.',
  'result.repeat': 'This request had been received already; its number is above.',
  'result.status': 'Check my request',
  'result.again': 'Make another request',
  'error.network': 'The server could not be reached. Check your connection and try again.',
  'error.server': 'Your request cannot be taken right now. Please try again later or call 153.',
  'error.refused': 'Your request could not be taken. Reload the page and try again; if it persists, call 153.',
  'error.too-soon': 'The form was sent very quickly. Please send it again in {seconds} seconds.',
  'error.form-expired': 'The form had expired and has been renewed. Your entries are kept; please send again.',
  'error.form-invalid': 'The form could not be verified and has been renewed. Your entries are kept; please send again.',
  'error.too-many': 'Too many requests in a short time. Please try again after {time}.',
  'error.loading': 'The form could not be loaded. Reload the page or call 153.',
  'field.required': 'This field is required.',
  'field.categoryCode.required': 'Choose a subject.',
  'field.district.required': 'Choose a district.',
  'field.description.required': 'Describe your request briefly.',
  'field.name.required': 'Write your full name.',
  'field.phone.required': 'Write your phone number.',
  'field.too-short': 'Please write a little more detail (at least 10 characters).',
  'field.too-long': 'This field is too long.',
  'field.invalid': 'The value of this field is not valid.',
  'field.invalid-phone': 'Write a valid Turkish phone number (e.g. 0532 123 45 67).',
  'field.invalid-email': 'Write a valid e-mail address (e.g. name@example.com) or leave it empty.',
  'field.unknown-category': 'Choose a subject from the list.',
  'field.invalid-district': 'Choose a district from the list.',
  'field.invalid-neighbourhood': 'Choose a neighbourhood from the list.',
  'field.invalid-location': 'The location is not valid; remove it and try again.',
  'field.consent-required': 'To send your request, confirm that you have read the information notice.',
  'status.title': 'Alo 153 — Request status',
  'status.heading': 'Where my request stands',
  'status.intro': 'Write your request number and the last four digits of the phone number you gave with the request.',
  'status.number': 'Request number *',
  'status.numberHint': 'For example 153-2026-000026 or 2026-26',
  'status.lastFour': 'Last four digits of your phone *',
  'status.submit': 'Check',
  'status.searching': 'Checking…',
  'status.newRequest': 'Make a new request',
  'status.not-found': 'No request matches this request number and these last four digits of a phone number. Check them and try again.',
  'status.field.number': 'Write the request number as 153-2026-000026 or 2026-26.',
  'status.field.lastFour': 'Write the last four digits of your phone number (4 digits).',
  'status.result': 'Request {number}',
  'status.category': 'Subject: {category}',
  'status.created': 'Received on: {at}',
  'status.now': 'Current status: {status}',
  'status.state.received': 'Received',
  'status.state.in-progress': 'Being handled by the department',
  'status.state.answered': 'The department has answered; you will be told',
  'status.state.closed': 'Settled',
  'status.timeline': 'History of your request',
  'status.answer': "The municipality's answer",
  'step.received': 'Your request was received',
  'step.forwarded': 'Your request was passed to {department}',
  'step.forwardedPlain': 'Your request was passed to the department concerned',
  'step.in-progress': 'The department started working on your request',
  'step.info-requested': 'The department asked for more information; Alo 153 will contact you',
  'step.info-received': 'The information you gave was passed to the department',
  'step.answered': 'The department answered your request',
  'step.reopened': 'Your request was taken up again',
  'step.closed.informed': 'You were told the answer; your request is settled',
  'step.closed.resolved': 'Your request was settled on the call',
  'step.closed.unreachable': 'Your request was closed because you could not be reached',
};

/** @type {Record<Lang, Record<string, string>>} */
const DICTIONARIES = { tr, en };

/**
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @param {Lang} [lang]
 */
export function pt(key, params, lang = getLang()) {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.tr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
}

/** @param {string} key */
export const hasText = (key) => key in tr;

/** Sets `[data-t]` texts, `[data-t-label]` aria-labels and the document's title and language. @param {Document} doc */
export function translatePage(doc) {
  doc.documentElement.lang = getLang();
  doc.querySelectorAll('[data-t]').forEach((element) => {
    const key = element.getAttribute('data-t');
    if (key) element.textContent = pt(key);
  });
  doc.querySelectorAll('[data-t-label]').forEach((element) => {
    const key = element.getAttribute('data-t-label');
    if (key) element.setAttribute('aria-label', pt(key));
  });
}

/**
 * An instant on the Istanbul wall clock, "03.12.2026 14:05".
 * @param {string | number} at
 * @param {Lang} [lang]
 */
export function istanbulDateTime(at, lang = getLang()) {
  const epoch = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(epoch)) return '—';
  return new Intl.DateTimeFormat(lang === 'tr' ? 'tr-TR' : 'en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epoch);
}

/**
 * "14:05" on the Istanbul clock, `seconds` from now.
 * @param {number} seconds
 * @param {Lang} [lang]
 */
export function istanbulClockIn(seconds, lang = getLang()) {
  return new Intl.DateTimeFormat(lang === 'tr' ? 'tr-TR' : 'en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + seconds * 1000);
}

/**
 * A field's error in the page's language: the field's own wording for a missing value, else the code's.
 * @param {string} field
 * @param {string} code
 */
export function fieldMessage(field, code) {
  if (hasText(`field.${field}.${code}`)) return pt(`field.${field}.${code}`);
  return hasText(`field.${code}`) ? pt(`field.${code}`) : pt('field.invalid');
}
