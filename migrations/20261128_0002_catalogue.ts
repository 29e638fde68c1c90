import type { Knex } from 'knex';

/** The hotline's departments and topics. Codes are referenced by config/ivr.json (`category`). */
export const DEPARTMENTS = [
  { code: 'beyaz-masa', name: 'Beyaz Masa' },
  { code: 'ulasim', name: 'Ulaşım Dairesi Başkanlığı' },
  { code: 'kayseri-ulasim', name: 'Kayseri Ulaşım A.Ş.' },
  { code: 'cevre', name: 'Çevre Koruma ve Kontrol Dairesi Başkanlığı' },
  { code: 'veteriner', name: 'Veteriner İşleri Dairesi Başkanlığı' },
  { code: 'sosyal', name: 'Sosyal Hizmetler Dairesi Başkanlığı' },
  { code: 'kaski', name: 'KASKİ Genel Müdürlüğü' },
  { code: 'zabita', name: 'Zabıta Dairesi Başkanlığı' },
];

export const CATEGORIES: { code: string; name: string; parent_code: string | null; department_code: string }[] = [
  { code: 'ulasim', name: 'Ulaşım', parent_code: null, department_code: 'ulasim' },
  { code: 'ulasim-sefer', name: 'Otobüs ve tramvay seferleri / hat bilgisi', parent_code: 'ulasim', department_code: 'kayseri-ulasim' },
  { code: 'kentkart', name: 'Kentkart / seyahat kartı', parent_code: 'ulasim', department_code: 'kayseri-ulasim' },
  { code: 'kaybis', name: 'KAYBİS bisiklet', parent_code: 'ulasim', department_code: 'kayseri-ulasim' },
  { code: 'otopark', name: 'Otopark ve trafik', parent_code: null, department_code: 'ulasim' },
  { code: 'cevre', name: 'Çevre ve temizlik', parent_code: null, department_code: 'cevre' },
  { code: 'hayvan', name: 'Yaralı veya sahipsiz hayvan', parent_code: null, department_code: 'veteriner' },
  { code: 'sosyal', name: 'Sosyal yardımlar', parent_code: null, department_code: 'sosyal' },
  { code: 'sosyal-sut', name: 'Süt yardımı', parent_code: 'sosyal', department_code: 'sosyal' },
  { code: 'sosyal-kirtasiye', name: 'Kırtasiye yardımı', parent_code: 'sosyal', department_code: 'sosyal' },
  { code: 'sosyal-ulasim', name: 'Ulaşım yardımı', parent_code: 'sosyal', department_code: 'sosyal' },
  { code: 'sosyal-egitim', name: 'Eğitim yardımı', parent_code: 'sosyal', department_code: 'sosyal' },
  { code: 'su', name: 'Su ve kanalizasyon', parent_code: null, department_code: 'kaski' },
  { code: 'zabita', name: 'Zabıta', parent_code: null, department_code: 'zabita' },
  { code: 'genel', name: 'Genel', parent_code: null, department_code: 'beyaz-masa' },
];

export async function up(db: Knex): Promise<void> {
  await db('departments').insert(DEPARTMENTS);
  // Parents first: the self-reference is checked row by row.
  await db('categories').insert(CATEGORIES.filter((category) => category.parent_code === null));
  await db('categories').insert(CATEGORIES.filter((category) => category.parent_code !== null));
}

export async function down(db: Knex): Promise<void> {
  const codes = CATEGORIES.map((category) => category.code);
  await db('categories').whereIn('code', codes).whereNotNull('parent_code').delete();
  await db('categories').whereIn('code', codes).delete();
  await db('departments').whereIn('code', DEPARTMENTS.map((department) => department.code)).delete();
}
