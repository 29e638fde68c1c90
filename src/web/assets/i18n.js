/**
 * Screen texts in Turkish (default) and English, and every number, percentage, duration and time
 * as shown on a screen. Times are always on the Istanbul wall clock, whatever the PC's zone.
 * Importable from Node: the browser's storage and address are only read when present.
 */

import { siteQueueLabel } from './site-data.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {Record<string, string | number>} Params */

export const TIME_ZONE = 'Europe/Istanbul';
const STORAGE_KEY = 'alo153.lang';

/** @type {Record<Lang, string>} */
const LOCALES = { tr: 'tr-TR', en: 'en-GB' };

/** @type {Record<string, string>} */
const tr = {
  'app.title': 'Alo 153 Canlı Durum',
  'window.today': 'Bugün',
  'window.shift': 'Vardiya: {name}',
  'header.logout': 'Çıkış',
  'header.langToggle': 'Dili İngilizceye çevir',
  'connection.connecting': 'Bağlanıyor…',
  'banner.socket': 'Sunucu bağlantısı koptu — yeniden bağlanılıyor…',
  'banner.ami': 'Santral bağlantısı (AMI) koptu — rakamlar güncel olmayabilir',
  'banner.amiSince': 'Kopma: {time} · {duration} önce',
  'tile.total': 'TOPLAM',
  'tile.waiting': 'Bekleyen',
  'tile.longestWait': 'En uzun bekleme',
  'tile.offered': 'Gelen',
  'tile.answered': 'Cevaplanan',
  'tile.abandoned': 'Kaçan',
  'tile.serviceLevel': 'Hizmet düzeyi',
  'tile.asa': 'Ort. cevap',
  'tile.aht': 'Ort. görüşme',
  'tile.abandonmentRate': 'Kaçan oranı',
  'tile.agentsReady': 'Hazır',
  'tile.agentsOnCall': 'Görüşmede',
  'tile.agentsPaused': 'Molada',
  'agents.title': 'Temsilciler',
  'agents.name': 'Ad',
  'agents.state': 'Durum',
  'agents.duration': 'Süre',
  'agents.detail': 'Mola / Çağrı',
  'agents.queues': 'Kuyruklar',
  'agents.none': 'Oturum açmış temsilci yok',
  'state.logged-out': 'Çıkış yaptı',
  'state.ready': 'Hazır',
  'state.ringing': 'Çalıyor',
  'state.on-call': 'Görüşmede',
  'state.wrap-up': 'Çağrı sonrası',
  'state.paused': 'Molada',
  'state.unavailable': 'Ulaşılamıyor',
  'chart.hourly.title': 'Saatlik çağrılar',
  'chart.hourly.desc': 'Bugün saat başına gelen, cevaplanan ve kaçan çağrılar. Toplam: {offered} gelen, {answered} cevaplanan, {abandoned} kaçan.',
  'chart.hourly.bar': '{hour}:00 — {series}: {value}',
  'chart.offered': 'Gelen',
  'chart.answered': 'Cevaplanan',
  'chart.abandoned': 'Kaçan',
  'chart.axis.hour': 'Saat',
  'chart.axis.calls': 'Çağrı',
  'chart.sl.title': 'Saatlik hizmet düzeyi',
  'chart.sl.desc': 'Saat başına hizmet düzeyi; kesikli çizgi {target} hedefi.',
  'chart.sl.point': '{hour}:00 — {value}',
  'chart.sl.series': 'Hizmet düzeyi',
  'chart.sl.within': '{seconds} sn içinde cevaplanan',
  'chart.sl.target': 'Hedef {target}',
  'chart.noData': 'Henüz veri yok',
  'login.title': 'Alo 153 — Giriş',
  'login.heading': 'Alo 153 Girişi',
  'login.username': 'Kullanıcı adı',
  'login.password': 'Parola',
  'login.submit': 'Giriş yap',
  'login.submitting': 'Giriş yapılıyor…',
  'login.error.credentials': 'Kullanıcı adı veya parola hatalı.',
  'login.error.tooMany': 'Çok fazla başarısız deneme. {seconds} saniye sonra tekrar deneyin.',
  'login.error.busy': 'Şu anda çok sayıda giriş yapılıyor. {seconds} saniye sonra tekrar deneyin.',
  'login.error.inactive': 'Bu hesap devre dışı. Sistem yöneticinize başvurun.',
  'login.error.forbidden': 'Bu hesabın canlı duruma erişim yetkisi yok.',
  'login.error.missing': 'Kullanıcı adı ve parola gerekli.',
  'login.error.network': 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.',
  'login.error.unexpected': 'Beklenmeyen bir hata oluştu. Lütfen tekrar deneyin.',
  'login.ended.deactivated': 'Hesabınız devre dışı bırakıldı; oturumunuz kapatıldı.',
  'login.ended.passwordChanged': 'Parolanız değiştirildi; yeni parolanızla tekrar giriş yapın.',
  'login.ended.revoked': 'Oturumunuz kapatıldı. Lütfen tekrar giriş yapın.',
  'login.ended.expired': 'Oturumunuzun süresi doldu. Lütfen tekrar giriş yapın.',
  'lang.switchTo': 'EN',
  // ---------- agent desk ----------
  'desk.pageTitle': 'Alo 153 — Masa',
  'desk.title': 'Alo 153 Masa',
  'desk.status.logged-out': 'Çıkışta',
  'desk.status.ready': 'Hazır',
  'desk.status.ringing': 'Çalıyor',
  'desk.status.on-call': 'Görüşmede',
  'desk.status.wrap-up': 'Çağrı sonrası',
  'desk.status.paused': 'Molada: {reason}',
  'desk.status.unavailable': 'Ulaşılamıyor',
  'desk.status.label': 'Durumunuz',
  'desk.shiftStart': 'Vardiyaya başla',
  'desk.shiftEnd': 'Vardiyayı bitir',
  'desk.unpause': 'Hazırım',
  'desk.breaks': 'Molaya çık',
  'pause.wrap-up': 'Çağrı sonrası',
  'desk.pending': 'Santral bağlantısı yok — bağlandığında otomatik denenecek',
  'desk.pending.action': 'Bekleyen işlem: {action} · {since} önce',
  'desk.pending.login': 'vardiyaya başlama',
  'desk.pending.logout': 'vardiyayı bitirme',
  'desk.pending.pause': 'mola',
  'desk.pending.unpause': 'hazır olma',
  'desk.actionFailed': 'İşlem yapılamadı ({status}). Tekrar deneyin.',
  'desk.network': 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.',
  'desk.queues.title': 'Kuyruklarınız',
  'desk.queues.none': 'Vardiyada değilsiniz: kuyruk yok',
  'desk.queues.static': 'sabit üye',
  'desk.queues.staticHint': 'queues.conf’ta sabit üyesiniz: vardiyayı bitirmek bu kuyruktan çıkarmaz',
  'desk.queues.staticLabel': '{queue} (sabit)',
  'desk.logout.partial': 'Vardiya bitti, ama şu kuyruklarda kaldınız: {queues}. Bu kuyruklardan çağrı gelebilir.',
  'desk.logout.staticQueue': '{queue} (queues.conf’ta sabit üye — yönetici kaldırmalı)',
  'desk.logout.refusedQueue': '{queue} (santral reddetti: {message})',
  'desk.logout.pendingQueue': '{queue} (santral bekleniyor)',
  'desk.wrapUp.left': '{time} kaldı',
  'desk.wrapUp.hint': 'Kaydı tamamlayın. İsterseniz şimdiden molaya çıkabilirsiniz.',
  'desk.pop.title': 'Görüşme',
  'desk.pop.empty': 'Şu an görüşme yok.',
  'desk.pop.caller': 'Arayan',
  'desk.pop.withheld': 'Numara gizli',
  'desk.pop.ivr': 'Sesli menüde seçtikleri',
  'desk.pop.noIvr': 'Seçim yok',
  'desk.pop.ticket': 'Kayıt',
  'desk.pop.noTicket': 'Kayıt açılmadı',
  'desk.pop.queue': 'Kuyruk',
  'desk.pop.connectedAt': 'Bağlandı',
  'desk.pop.ended': 'Görüşme bitti',
  'desk.pop.history': 'Önceki kayıtları',
  'desk.pop.noHistory': 'Bu numaradan önceki kayıt yok.',
  'desk.newPop': 'Yeni çağrı: {caller}',
  'desk.newPop.ticket': 'kayıt {number}',
  'desk.newPop.switch': 'Bu çağrıya geç',
  'desk.newPop.keep': 'Yazdıklarınız kaybolmaz: geçince “Kaydedilmemiş” listesinde kalır.',
  'desk.parked': 'Kaydedilmemiş:',
  'desk.parked.new': 'yeni kayıt',
  'desk.parked.open': '{label} kaydına dön',
  'desk.newTicket': 'Yeni kayıt (çağrısız)',
  'desk.form.titleEdit': 'Kayıt {number}',
  'desk.form.titleNew': 'Yeni kayıt (çağrısız)',
  'desk.form.empty': 'Görüşme gelince kaydı burada açılır. Çağrısız bir kayıt için “Yeni kayıt (çağrısız)” düğmesini kullanın.',
  'desk.form.loading': 'Kayıt yükleniyor…',
  'desk.form.loadFailed': 'Kayıt yüklenemedi ({status}).',
  'desk.form.unsaved': 'Kaydedilmemiş değişiklik var',
  'desk.form.category': 'Konu',
  'desk.form.subcategory': 'Alt konu',
  'desk.form.department': 'Birim',
  'desk.form.district': 'İlçe',
  'desk.form.neighbourhood': 'Mahalle',
  'desk.form.address': 'Adres',
  'desk.form.description': 'Açıklama',
  'desk.form.priority': 'Öncelik',
  'desk.form.callerName': 'Vatandaşın adı',
  'desk.form.callerNumber': 'Telefon',
  'desk.form.resolution': 'Çözüm notu',
  'desk.form.outcome': 'Sonuç',
  'desk.form.source': 'Başvuru şekli',
  'desk.form.choose': '— Seçin —',
  'desk.form.noSubcategory': '— Yok —',
  'desk.form.save': 'Kaydet',
  'desk.form.saving': 'Kaydediliyor…',
  'desk.form.saved': 'Kaydedildi: {number} · {status}',
  'desk.form.created': 'Kayıt açıldı: {number} · {status}',
  'desk.form.invalid': 'Kaydedilemedi: işaretli alanları düzeltin. Yazdıklarınız duruyor.',
  'desk.form.conflict': 'Bu kayıt siz yazarken değişti. Yazdıklarınız duruyor; kayıttaki yeni değerler alanların altında. Kontrol edip yeniden kaydedin.',
  'desk.form.conflictValue': 'Kayıtta şimdi: {value}',
  'desk.form.conflictKept': 'Kayıtta şimdi: {value} — kaydederseniz sizinki geçerli olur',
  'desk.form.forbidden': 'Bu kaydı değiştirme yetkiniz yok.',
  'desk.form.failed': 'Kaydedilemedi ({status}). Yazdıklarınız duruyor; tekrar deneyin.',
  'desk.form.network': 'Sunucuya ulaşılamadı. Yazdıklarınız duruyor; tekrar deneyin.',
  'desk.form.noChanges': 'Değişiklik yok; sonuç kaydedilecek.',
  'desk.outcome.resolved-on-call': 'Çağrıda çözüldü',
  'desk.outcome.forwarded': 'Birime yönlendir',
  'desk.outcome.draft': 'Taslak olarak kaydet',
  'desk.value.empty': '(boş)',
  'desk.error.required': 'Bu alan zorunlu.',
  'desk.error.too-long': 'Çok uzun; kısaltın.',
  'desk.error.too-long-max': 'Çok uzun: en fazla {max} karakter.',
  'desk.error.invalid-type': 'Bu alanın değeri uygun değil.',
  'desk.error.invalid-text': 'Metinde geçersiz bir karakter var.',
  'desk.error.unknown-field': 'Bu alan kayıt formunda yok.',
  'desk.error.invalid-source': 'Listeden bir başvuru şekli seçin.',
  'desk.error.invalid-version': 'Kaydı yeniden açıp tekrar deneyin.',
  'desk.error.unknown-category': 'Bu konu listede yok; listeden seçin.',
  'desk.error.unknown-department': 'Bu birim listede yok; listeden seçin.',
  'desk.error.invalid-district': 'Kayseri ilçelerinden birini seçin.',
  'desk.error.invalid-phone': 'Telefon numarası geçersiz (ör. 05321234567).',
  'desk.error.invalid-priority': 'Listeden bir öncelik seçin.',
  'desk.error.invalid-outcome': 'Bir sonuç seçin.',
  'desk.error.invalid': 'Geçersiz değer.',
  'desk.search.label': 'Kayıt ara',
  'desk.search.placeholder': 'Telefon, kayıt no veya metin',
  'desk.search.more': 'Daha fazla',
  'desk.search.none': 'Sonuç yok.',
  'desk.search.count': '{total} kayıttan {shown} tanesi',
  'desk.search.failed': 'Arama yapılamadı ({status}).',
  'desk.search.hint': 'En az 2 karakter yazın.',
  'desk.panel.close': 'Kapat',
  'desk.panel.edit': 'Forma aç',
  'desk.panel.loading': 'Yükleniyor…',
  'desk.panel.readOnly': 'Salt okunur',
  'desk.panel.status': 'Durum',
  'desk.panel.source': 'Kaynak',
  'desk.panel.created': 'Açılış',
  'desk.panel.updated': 'Son değişiklik',
  'desk.panel.due': 'Son tarih',
  'desk.panel.updatedBy': 'Son değiştiren',
  'desk.panel.resolvedAt': 'Çözüldüğü an',
  'desk.panel.forwardedAt': 'Yönlendirildiği an',
  'desk.panel.caller': 'Arayan',
  'desk.panel.place': 'Yer',
  'desk.panel.events': 'Kayıt geçmişi',
  'desk.panel.noEvents': 'Geçmiş yok.',
  'ticket.status.open': 'Açık',
  'ticket.status.in_progress': 'İşlemde',
  'ticket.status.forwarded': 'Birime yönlendirildi',
  'ticket.status.resolved': 'Çözüldü',
  'ticket.status.closed': 'Kapandı',
  'ticket.status.abandoned': 'Yarıda kaldı',
  'ticket.priority.low': 'Düşük',
  'ticket.priority.normal': 'Normal',
  'ticket.priority.high': 'Yüksek',
  'ticket.priority.urgent': 'Acil',
  'ticket.source.phone': 'Telefon',
  'ticket.source.web': 'Web',
  'ticket.source.desk': 'Masa',
  'ticket.source.cimer': 'CİMER',
  'ticket.source.acik-kapi': 'Açık Kapı (yüz yüze)',
  'ticket.newSource.desk': 'Masa',
  'ticket.newSource.acik-kapi': 'Açık Kapı (yüz yüze başvuru)',
  'ticket.newSource.phone': 'Telefonla geri arama',
  'desk.sup.title': 'Temsilci masaları',
  'desk.sup.agent': 'Temsilci',
  'desk.sup.state': 'Durum',
  'desk.sup.queues': 'Kuyruklar',
  'desk.sup.call': 'Şu anki çağrı',
  'desk.sup.actions': 'İşlem',
  'desk.sup.pause': 'Molaya al',
  'desk.sup.pauseReason': 'Mola nedeni',
  'desk.sup.logout': 'Çıkış yaptır',
  'desk.sup.confirm': '{name} vardiyadan çıkarılsın mı?',
  'desk.sup.yes': 'Evet, çıkar',
  'desk.sup.no': 'Vazgeç',
  'desk.sup.none': 'Telefonu tanımlı temsilci yok.',
  'desk.sup.stale': 'Liste güncellenemedi — yeniden deneniyor',
  'desk.sup.updated': 'Güncellendi: {time}',
  'desk.sup.pending': 'Santral bekleniyor: {action}',
  'desk.sup.logoutPartial': '{name} vardiyadan çıkarıldı, ama şu kuyruklarda kaldı: {queues}',
  'desk.dept.title': 'Birim kayıtları',
  'desk.dept.pageTitle': 'Alo 153 — Birim kayıtları',
  'desk.dept.noDepartment': 'Hesabınıza birim atanmamış; gösterilecek kayıt yok. Sistem yöneticisine başvurun.',
  'desk.dept.filters': 'Kayıt süzgeci',
  'desk.dept.status': 'Durum',
  'desk.dept.statusAll': 'Tümü',
  'desk.dept.search': 'Ara',
  'desk.dept.searchPlaceholder': 'Kayıt no veya metin',
  'desk.dept.col.number': 'Kayıt no',
  'desk.dept.col.created': 'Tarih',
  'desk.dept.col.status': 'Durum',
  'desk.dept.col.category': 'Konu',
  'desk.dept.col.place': 'İlçe / Mahalle',
  'desk.dept.col.description': 'Açıklama',
  'desk.dept.col.priority': 'Öncelik',
  'desk.dept.col.due': 'Son tarih',
  'desk.dept.overdue': 'Süresi geçti',
  'desk.dept.loading': 'Yükleniyor…',
  'desk.dept.none': 'Bu süzgece uyan kayıt yok.',
  'desk.dept.range': '{total} kayıttan {from}–{to}',
  'desk.dept.failed': 'Kayıtlar alınamadı ({status}).',
  'desk.dept.updated': 'Güncellendi: {time}',
  'desk.dept.prev': 'Önceki',
  'desk.dept.next': 'Sonraki',
  'desk.dept.pages': 'Sayfalar',
  'desk.dept.pageOf': 'Sayfa {page} / {pages}',
  'ticket.event.opened': 'Açıldı',
  'ticket.event.handed-off': 'Kuyruğa aktarıldı',
  'ticket.event.call-ended': 'Çağrı bitti',
  'ticket.event.status-changed': 'Durum değişti',
  'ticket.event.agent-answered': 'Temsilci cevapladı',
  'ticket.event.agent-completed': 'Görüşme tamamlandı',
  'ticket.event.abandoned-in-queue': 'Kuyrukta kapattı',
  'ticket.event.updated': 'Güncellendi',
  'ticket.event.resolved': 'Çözüldü',
  'ticket.event.forwarded': 'Birime yönlendirildi',
  'ticket.event.owner-assigned': 'Sahibi atandı',
  // Site data and the desk fixes: login heading per page, queued break, shift-end confirmation, page links, the pop's wait.
  'login.heading.desk': 'Alo 153 Temsilci Girişi',
  'login.heading.wallboard': 'Alo 153 Yönetici Girişi',
  'desk.breakQueued': 'Mola çağrı bitince başlayacak: {reason}',
  'desk.breakQueued.cancel': 'Molayı iptal et',
  'desk.endConfirm.title': 'Vardiya bitirilsin mi?',
  'desk.endConfirm.on-call': 'Görüşmedesiniz. Vardiyayı bitirirseniz bu görüşme sürer, kuyruklardan yeni çağrı gelmez.',
  'desk.endConfirm.wrap-up': 'Çağrı sonrası işlemdesiniz. Kayıt tamamlanmadıysa önce kaydedin.',
  'desk.endConfirm.yes': 'Vardiyayı bitir',
  'desk.endConfirm.no': 'Vazgeç',
  'nav.wallboard': 'Canlı durum',
  'nav.desk': 'Masa',
  'desk.pop.waited': 'Bekleme: {time}',
};

/** @type {Record<string, string>} */
const en = {
  'app.title': 'Alo 153 Live Status',
  'window.today': 'Today',
  'window.shift': 'Shift: {name}',
  'header.logout': 'Log out',
  'header.langToggle': 'Switch language to Turkish',
  'connection.connecting': 'Connecting…',
  'banner.socket': 'Connection to the server lost — reconnecting…',
  'banner.ami': 'Connection to the PBX (AMI) lost — figures may be out of date',
  'banner.amiSince': 'Lost at {time} · {duration} ago',
  'tile.total': 'TOTAL',
  'tile.waiting': 'Waiting',
  'tile.longestWait': 'Longest wait',
  'tile.offered': 'Offered',
  'tile.answered': 'Answered',
  'tile.abandoned': 'Abandoned',
  'tile.serviceLevel': 'Service level',
  'tile.asa': 'ASA',
  'tile.aht': 'AHT',
  'tile.abandonmentRate': 'Abandon rate',
  'tile.agentsReady': 'Ready',
  'tile.agentsOnCall': 'On call',
  'tile.agentsPaused': 'Paused',
  'agents.title': 'Agents',
  'agents.name': 'Name',
  'agents.state': 'State',
  'agents.duration': 'Time',
  'agents.detail': 'Pause / Call',
  'agents.queues': 'Queues',
  'agents.none': 'No agent is logged in',
  'state.logged-out': 'Logged out',
  'state.ready': 'Ready',
  'state.ringing': 'Ringing',
  'state.on-call': 'On call',
  'state.wrap-up': 'Wrap-up',
  'state.paused': 'Paused',
  'state.unavailable': 'Unavailable',
  'chart.hourly.title': 'Calls per hour',
  'chart.hourly.desc': 'Calls offered, answered and abandoned per hour today. Total: {offered} offered, {answered} answered, {abandoned} abandoned.',
  'chart.hourly.bar': '{hour}:00 — {series}: {value}',
  'chart.offered': 'Offered',
  'chart.answered': 'Answered',
  'chart.abandoned': 'Abandoned',
  'chart.axis.hour': 'Hour',
  'chart.axis.calls': 'Calls',
  'chart.sl.title': 'Service level per hour',
  'chart.sl.desc': 'Service level per hour; the dashed line is the {target} target.',
  'chart.sl.point': '{hour}:00 — {value}',
  'chart.sl.series': 'Service level',
  'chart.sl.within': 'answered within {seconds} s',
  'chart.sl.target': 'Target {target}',
  'chart.noData': 'No data yet',
  'login.title': 'Alo 153 — Sign in',
  'login.heading': 'Alo 153 sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.error.credentials': 'Wrong username or password.',
  'login.error.tooMany': 'Too many failed attempts. Try again in {seconds} seconds.',
  'login.error.busy': 'Many people are signing in right now. Try again in {seconds} seconds.',
  'login.error.inactive': 'This account is disabled. Please contact your administrator.',
  'login.error.forbidden': 'This account may not view the live status board.',
  'login.error.missing': 'Username and password are required.',
  'login.error.network': 'The server could not be reached. Check your connection and try again.',
  'login.error.unexpected': 'Something went wrong. Please try again.',
  'login.ended.deactivated': 'This account was deactivated; your session has ended.',
  'login.ended.passwordChanged': 'Your password was changed; sign in with the new one.',
  'login.ended.revoked': 'Your session was ended. Please sign in again.',
  'login.ended.expired': 'Your session has expired. Please sign in again.',
  'lang.switchTo': 'TR',
  // ---------- agent desk ----------
  'desk.pageTitle': 'Alo 153 — Desk',
  'desk.title': 'Alo 153 Desk',
  'desk.status.logged-out': 'Logged out',
  'desk.status.ready': 'Ready',
  'desk.status.ringing': 'Ringing',
  'desk.status.on-call': 'On call',
  'desk.status.wrap-up': 'Wrap-up',
  'desk.status.paused': 'On break: {reason}',
  'desk.status.unavailable': 'Unavailable',
  'desk.status.label': 'Your status',
  'desk.shiftStart': 'Start shift',
  'desk.shiftEnd': 'End shift',
  'desk.unpause': "I'm ready",
  'desk.breaks': 'Take a break',
  'pause.wrap-up': 'Wrap-up',
  'desk.pending': 'No connection to the PBX — will retry automatically once it is back',
  'desk.pending.action': 'Waiting: {action} · {since} ago',
  'desk.pending.login': 'start shift',
  'desk.pending.logout': 'end shift',
  'desk.pending.pause': 'break',
  'desk.pending.unpause': 'ready',
  'desk.actionFailed': 'That did not work ({status}). Please try again.',
  'desk.network': 'The server could not be reached. Check your connection and try again.',
  'desk.queues.title': 'Your queues',
  'desk.queues.none': 'Not on shift: no queues',
  'desk.queues.static': 'static member',
  'desk.queues.staticHint': 'You are a static member in queues.conf: ending the shift does not take you out of this queue',
  'desk.queues.staticLabel': '{queue} (static)',
  'desk.logout.partial': 'Shift ended, but you are still in: {queues}. Calls may still come from these queues.',
  'desk.logout.staticQueue': '{queue} (static member in queues.conf — an admin must remove it)',
  'desk.logout.refusedQueue': '{queue} (refused by the PBX: {message})',
  'desk.logout.pendingQueue': '{queue} (waiting for the PBX)',
  'desk.wrapUp.left': '{time} left',
  'desk.wrapUp.hint': 'Finish the ticket. You can already pick a break if you wish.',
  'desk.pop.title': 'Call',
  'desk.pop.empty': 'No call right now.',
  'desk.pop.caller': 'Caller',
  'desk.pop.withheld': 'Number withheld',
  'desk.pop.ivr': 'Chosen in the voice menu',
  'desk.pop.noIvr': 'No choice',
  'desk.pop.ticket': 'Ticket',
  'desk.pop.noTicket': 'No ticket opened',
  'desk.pop.queue': 'Queue',
  'desk.pop.connectedAt': 'Connected',
  'desk.pop.ended': 'Call ended',
  'desk.pop.history': 'Earlier tickets',
  'desk.pop.noHistory': 'No earlier tickets from this number.',
  'desk.newPop': 'New call: {caller}',
  'desk.newPop.ticket': 'ticket {number}',
  'desk.newPop.switch': 'Switch to this call',
  'desk.newPop.keep': 'Nothing you typed is lost: it stays in the “Unsaved” list.',
  'desk.parked': 'Unsaved:',
  'desk.parked.new': 'new ticket',
  'desk.parked.open': 'Back to {label}',
  'desk.newTicket': 'New ticket (no call)',
  'desk.form.titleEdit': 'Ticket {number}',
  'desk.form.titleNew': 'New ticket (no call)',
  'desk.form.empty': 'The ticket opens here when a call comes in. For a ticket without a call use “New ticket (no call)”.',
  'desk.form.loading': 'Loading the ticket…',
  'desk.form.loadFailed': 'The ticket could not be loaded ({status}).',
  'desk.form.unsaved': 'Unsaved changes',
  'desk.form.category': 'Topic',
  'desk.form.subcategory': 'Sub-topic',
  'desk.form.department': 'Department',
  'desk.form.district': 'District',
  'desk.form.neighbourhood': 'Neighbourhood',
  'desk.form.address': 'Address',
  'desk.form.description': 'Description',
  'desk.form.priority': 'Priority',
  'desk.form.callerName': "Citizen's name",
  'desk.form.callerNumber': 'Phone',
  'desk.form.resolution': 'Resolution note',
  'desk.form.outcome': 'Outcome',
  'desk.form.source': 'Channel',
  'desk.form.choose': '— Choose —',
  'desk.form.noSubcategory': '— None —',
  'desk.form.save': 'Save',
  'desk.form.saving': 'Saving…',
  'desk.form.saved': 'Saved: {number} · {status}',
  'desk.form.created': 'Ticket opened: {number} · {status}',
  'desk.form.invalid': 'Not saved: please correct the marked fields. Your input is kept.',
  'desk.form.conflict': 'This ticket changed while you were typing. Your input is kept; the new stored values are shown under the fields. Check them and save again.',
  'desk.form.conflictValue': 'Now stored: {value}',
  'desk.form.conflictKept': 'Now stored: {value} — saving will keep yours',
  'desk.form.forbidden': 'You may not change this ticket.',
  'desk.form.failed': 'Not saved ({status}). Your input is kept; please try again.',
  'desk.form.network': 'The server could not be reached. Your input is kept; please try again.',
  'desk.form.noChanges': 'No changes; only the outcome will be saved.',
  'desk.outcome.resolved-on-call': 'Resolved on the call',
  'desk.outcome.forwarded': 'Forward to department',
  'desk.outcome.draft': 'Save as draft',
  'desk.value.empty': '(empty)',
  'desk.error.required': 'This field is required.',
  'desk.error.too-long': 'Too long; please shorten it.',
  'desk.error.too-long-max': 'Too long: at most {max} characters.',
  'desk.error.invalid-type': 'This value is not suitable for the field.',
  'desk.error.invalid-text': 'The text contains an invalid character.',
  'desk.error.unknown-field': 'This field is not part of the ticket form.',
  'desk.error.invalid-source': 'Choose a channel from the list.',
  'desk.error.invalid-version': 'Reopen the ticket and try again.',
  'desk.error.unknown-category': 'This topic is not in the list; pick one from the list.',
  'desk.error.unknown-department': 'This department is not in the list; pick one from the list.',
  'desk.error.invalid-district': 'Choose one of the districts of Kayseri.',
  'desk.error.invalid-phone': 'Invalid phone number (e.g. 05321234567).',
  'desk.error.invalid-priority': 'Choose a priority from the list.',
  'desk.error.invalid-outcome': 'Choose an outcome.',
  'desk.error.invalid': 'Invalid value.',
  'desk.search.label': 'Search tickets',
  'desk.search.placeholder': 'Phone, ticket number or text',
  'desk.search.more': 'More',
  'desk.search.none': 'No results.',
  'desk.search.count': '{shown} of {total} tickets',
  'desk.search.failed': 'Search failed ({status}).',
  'desk.search.hint': 'Type at least 2 characters.',
  'desk.panel.close': 'Close',
  'desk.panel.edit': 'Open in the form',
  'desk.panel.loading': 'Loading…',
  'desk.panel.readOnly': 'Read-only',
  'desk.panel.status': 'Status',
  'desk.panel.source': 'Channel',
  'desk.panel.created': 'Opened',
  'desk.panel.updated': 'Last change',
  'desk.panel.due': 'Due',
  'desk.panel.updatedBy': 'Last changed by',
  'desk.panel.resolvedAt': 'Resolved at',
  'desk.panel.forwardedAt': 'Forwarded at',
  'desk.panel.caller': 'Caller',
  'desk.panel.place': 'Place',
  'desk.panel.events': 'History',
  'desk.panel.noEvents': 'No history.',
  'ticket.status.open': 'Open',
  'ticket.status.in_progress': 'In progress',
  'ticket.status.forwarded': 'Forwarded',
  'ticket.status.resolved': 'Resolved',
  'ticket.status.closed': 'Closed',
  'ticket.status.abandoned': 'Abandoned',
  'ticket.priority.low': 'Low',
  'ticket.priority.normal': 'Normal',
  'ticket.priority.high': 'High',
  'ticket.priority.urgent': 'Urgent',
  'ticket.source.phone': 'Phone',
  'ticket.source.web': 'Web',
  'ticket.source.desk': 'Desk',
  'ticket.source.cimer': 'CİMER',
  'ticket.source.acik-kapi': 'Open Door (in person)',
  'ticket.newSource.desk': 'Desk',
  'ticket.newSource.acik-kapi': 'Open Door (walk-in citizen)',
  'ticket.newSource.phone': 'Phone call-back',
  'desk.sup.title': 'Agent desks',
  'desk.sup.agent': 'Agent',
  'desk.sup.state': 'State',
  'desk.sup.queues': 'Queues',
  'desk.sup.call': 'Current call',
  'desk.sup.actions': 'Action',
  'desk.sup.pause': 'Put on break',
  'desk.sup.pauseReason': 'Break reason',
  'desk.sup.logout': 'Log out of shift',
  'desk.sup.confirm': 'Log {name} out of the shift?',
  'desk.sup.yes': 'Yes, log out',
  'desk.sup.no': 'Cancel',
  'desk.sup.none': 'No agent with a phone is set up.',
  'desk.sup.stale': 'The list could not be refreshed — retrying',
  'desk.sup.updated': 'Updated {time}',
  'desk.sup.pending': 'Waiting for the PBX: {action}',
  'desk.sup.logoutPartial': '{name} was logged out, but is still in: {queues}',
  'desk.dept.title': 'Department tickets',
  'desk.dept.pageTitle': 'Alo 153 — Department tickets',
  'desk.dept.noDepartment': 'Your account has no department, so there are no tickets to show. Please ask the administrator.',
  'desk.dept.filters': 'Ticket filter',
  'desk.dept.status': 'Status',
  'desk.dept.statusAll': 'All',
  'desk.dept.search': 'Search',
  'desk.dept.searchPlaceholder': 'Ticket number or text',
  'desk.dept.col.number': 'Ticket',
  'desk.dept.col.created': 'Date',
  'desk.dept.col.status': 'Status',
  'desk.dept.col.category': 'Topic',
  'desk.dept.col.place': 'District / neighbourhood',
  'desk.dept.col.description': 'Description',
  'desk.dept.col.priority': 'Priority',
  'desk.dept.col.due': 'Due',
  'desk.dept.overdue': 'Overdue',
  'desk.dept.loading': 'Loading…',
  'desk.dept.none': 'No tickets match this filter.',
  'desk.dept.range': '{from}–{to} of {total}',
  'desk.dept.failed': 'Could not load the tickets ({status}).',
  'desk.dept.updated': 'Updated {time}',
  'desk.dept.prev': 'Previous',
  'desk.dept.next': 'Next',
  'desk.dept.pages': 'Pages',
  'desk.dept.pageOf': 'Page {page} of {pages}',
  'ticket.event.opened': 'Opened',
  'ticket.event.handed-off': 'Handed to a queue',
  'ticket.event.call-ended': 'Call ended',
  'ticket.event.status-changed': 'Status changed',
  'ticket.event.agent-answered': 'Agent answered',
  'ticket.event.agent-completed': 'Call completed',
  'ticket.event.abandoned-in-queue': 'Hung up in the queue',
  'ticket.event.updated': 'Updated',
  'ticket.event.resolved': 'Resolved',
  'ticket.event.forwarded': 'Forwarded',
  'ticket.event.owner-assigned': 'Owner assigned',
  // Site data and the desk fixes: login heading per page, queued break, shift-end confirmation, page links, the pop's wait.
  'login.heading.desk': 'Alo 153 agent sign-in',
  'login.heading.wallboard': 'Alo 153 supervisor sign-in',
  'desk.breakQueued': 'Break starts when the call ends: {reason}',
  'desk.breakQueued.cancel': 'Cancel the break',
  'desk.endConfirm.title': 'End the shift?',
  'desk.endConfirm.on-call': 'You are on a call. If you end the shift this call goes on, but no new calls come from your queues.',
  'desk.endConfirm.wrap-up': 'You are in wrap-up. If the ticket is not finished, save it first.',
  'desk.endConfirm.yes': 'End the shift',
  'desk.endConfirm.no': 'Cancel',
  'nav.wallboard': 'Live status',
  'nav.desk': 'Desk',
  'desk.pop.waited': 'Waited: {time}',
};

/** @type {Record<Lang, Record<string, string>>} */
const DICTIONARIES = { tr, en };

/**
 * @param {unknown} value
 * @returns {value is Lang}
 */
export function isLang(value) {
  return value === 'tr' || value === 'en';
}

/** `?lang=` wins over the stored choice so that a link can force a language on a shared screen. */
function initialLang() {
  const fromQuery = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  const stored = readStoredLang();
  return isLang(stored) ? stored : 'tr';
}

function readStoredLang() {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be blocked (private mode, policy); the default language still works.
    return null;
  }
}

/** @type {Lang} */
let currentLang = initialLang();
/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();

/** @returns {Lang} */
export function getLang() {
  return currentLang;
}

/** @param {Lang} lang */
export function setLang(lang) {
  if (lang === currentLang) return;
  currentLang = lang;
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is acceptable; switching still works for this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

export function toggleLang() {
  setLang(currentLang === 'tr' ? 'en' : 'tr');
}

/**
 * @param {(lang: Lang) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * @param {string} key
 * @param {Params} [params]
 * @param {Lang} [lang]
 */
export function t(key, params, lang = currentLang) {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.tr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Sets the text of every `[data-i18n]` element under `root` (and `[data-i18n-aria-label]` labels). @param {ParentNode} root */
export function translateStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    const key = element.getAttribute('data-i18n');
    if (key) element.textContent = t(key);
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((element) => {
    const key = element.getAttribute('data-i18n-aria-label');
    if (key) element.setAttribute('aria-label', t(key));
  });
}

/**
 * @param {number} value
 * @param {Lang} [lang]
 */
export function formatNumber(value, lang = currentLang) {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }).format(value);
}

/**
 * A ratio 0..1 as a whole percentage ("%85" in Turkish, "85%" in English); "—" when undefined.
 * @param {number | null | undefined} ratio
 * @param {Lang} [lang]
 */
export function formatPercent(ratio, lang = currentLang) {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/**
 * mm:ss, or h:mm:ss from an hour on; "—" when undefined. Negative values (clock skew) show as zero.
 * @param {number | null | undefined} ms
 */
export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** @type {Map<string, Intl.DateTimeFormat>} */
const dateFormats = new Map();

/**
 * @param {Lang} lang
 * @param {string} name
 * @param {Intl.DateTimeFormatOptions} options
 */
function dateFormat(lang, name, options) {
  const cacheKey = `${lang}:${name}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, ...options });
    dateFormats.set(cacheKey, format);
  }
  return format;
}

/**
 * HH:mm:ss on the Istanbul clock.
 * @param {number} epochMs
 * @param {Lang} [lang]
 */
export function formatTime(epochMs, lang = currentLang) {
  return dateFormat(lang, 'time', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/**
 * HH:mm on the Istanbul clock.
 * @param {number} epochMs
 * @param {Lang} [lang]
 */
export function formatHourMinute(epochMs, lang = currentLang) {
  return dateFormat(lang, 'hm', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/**
 * The Istanbul calendar date with weekday ("28 Kasım 2025 Cuma").
 * @param {number} epochMs
 * @param {Lang} [lang]
 */
export function formatDate(epochMs, lang = currentLang) {
  return dateFormat(lang, 'date', { dateStyle: 'full' }).format(epochMs);
}

/**
 * The Istanbul hour 0–23 of an instant.
 * @param {number} epochMs
 */
export function istanbulHour(epochMs) {
  return Number(dateFormat('en', 'hour', { hour: '2-digit', hourCycle: 'h23' }).format(epochMs));
}

/**
 * The friendly name of a queue; a queue this screen does not know is shown by its PBX name.
 * @param {string} name
 * @param {Lang} [lang]
 */
export function queueLabel(name, lang = currentLang) {
  // Queue labels are site data (config/site.json via GET /api/catalogue), not dictionary entries.
  return siteQueueLabel(name, lang);
}

/**
 * @param {string} state
 * @param {Lang} [lang]
 */
export function agentStateLabel(state, lang = currentLang) {
  const key = `state.${state}`;
  return DICTIONARIES[lang][key] ?? state;
}
