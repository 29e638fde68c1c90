/** Lower case without diacritics, Turkish dotless ı as i, every space, hyphen and punctuation mark dropped. */
export function normaliseName(text: string): string {
  return text
    .toLocaleLowerCase('tr-TR')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Finds a catalogue entry by what a person or a spreadsheet typed: any case, with or without Turkish letters
 * ("Çevre Temizliği", "CEVRE TEMIZLIGI", "cevre-temizligi"), by its code or its name.
 */
export class NameLookup {
  private readonly byKey = new Map<string, string>();

  /** `entries`: [the value to answer, …the other spellings that name it]. The first entry to claim a spelling keeps it. */
  constructor(entries: Iterable<readonly [string, ...string[]]>) {
    for (const [value, ...names] of entries) {
      for (const name of [value, ...names]) {
        const key = normaliseName(name);
        if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, value);
      }
    }
  }

  find(typed: string): string | undefined {
    return this.byKey.get(normaliseName(typed));
  }
}
