import type { ApplicationField } from './application-fields.js';
import { normaliseName } from './name-lookup.js';

/**
 * The columns of a CİMER / Açık Kapı list export, by their Turkish headers read without case or Turkish letters
 * ("BAŞVURU NO", "Basvuru No", "başvuru_no" are one column). Other columns are ignored and listed in the report.
 */
const HEADERS: Readonly<Record<ApplicationField, readonly string[]>> = {
  externalRef: ['Başvuru No', 'Başvuru Numarası'],
  appliedAt: ['Başvuru Tarihi'],
  callerName: ['Ad Soyad', 'Adı Soyadı'],
  callerNumber: ['Telefon', 'Telefon No', 'Cep Telefonu'],
  email: ['E-posta', 'E-mail', 'Eposta Adresi'],
  address: ['Adres'],
  district: ['İlçe'],
  categoryCode: ['Konu'],
  description: ['Başvuru Metni', 'Metin'],
  source: ['Kaynak'],
};

/** The columns a file must have; the rest may be absent. */
export const REQUIRED_COLUMNS: readonly ApplicationField[] = ['externalRef', 'appliedAt', 'callerName', 'categoryCode', 'description'];

/** The header a report names a column by (the export's own spelling). */
export const COLUMN_TITLES: Readonly<Record<ApplicationField, string>> = Object.fromEntries(
  Object.entries(HEADERS).map(([field, names]) => [field, names[0] ?? field]),
) as Record<ApplicationField, string>;

const BY_KEY = new Map<string, ApplicationField>(
  Object.entries(HEADERS).flatMap(([field, names]) => names.map((name) => [normaliseName(name), field as ApplicationField] as const)),
);

export interface ColumnMap {
  /** Column index (0-based) → the field it fills. */
  fields: Map<number, ApplicationField>;
  /** Required columns the header lacks (the file is refused). */
  missing: ApplicationField[];
  /** Headers that name no field. */
  ignored: string[];
  /** Fields named by two columns (the file is refused: which one would be meant?). */
  repeated: ApplicationField[];
}

export function mapColumns(headers: readonly string[]): ColumnMap {
  const fields = new Map<number, ApplicationField>();
  const seen = new Set<ApplicationField>();
  const ignored: string[] = [];
  const repeated: ApplicationField[] = [];
  headers.forEach((header, index) => {
    const field = BY_KEY.get(normaliseName(header));
    if (field === undefined) {
      if (header.trim() !== '') ignored.push(header.trim().slice(0, 60));
      return;
    }
    if (seen.has(field)) repeated.push(field);
    seen.add(field);
    fields.set(index, field);
  });
  return { fields, missing: REQUIRED_COLUMNS.filter((field) => !seen.has(field)), ignored, repeated };
}
