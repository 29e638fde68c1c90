import { expect } from 'chai';
import { AnnouncementError, checkScope, checkText, checkWindow } from '../../src/announcements/announcement-rules.js';

const refusal = (work: () => unknown): { code: string; message: string; field?: string } => {
  try {
    work();
  } catch (error) {
    if (error instanceof AnnouncementError) return { code: error.code, message: error.message, field: error.field };
    throw error;
  }
  throw new Error('not refused');
};

describe('announcement rules: what a supervisor may set', () => {
  const now = new Date('2026-12-03T09:00:00.000Z');
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

  it('takes a trimmed text up to the limit and refuses empty, too long and control characters (which espeak-ng would read)', () => {
    expect(checkText(20, '  Su kesintisi.  ')).to.equal('Su kesintisi.');
    expect(refusal(() => checkText(20, '   '))).to.deep.equal({ code: 'bad-text', message: 'Duyuru metni boş olamaz', field: 'text' });
    expect(refusal(() => checkText(20, 'a'.repeat(21))).message).to.equal('Duyuru metni en çok 20 karakter olabilir');
    expect(refusal(() => checkText(20, 'su\u0007kesintisi')).message).to.equal('Duyuru metninde denetim karakteri olamaz');
    expect(checkText(40, 'Satır bir\nsatır iki')).to.equal('Satır bir\nsatır iki');
  });

  it('takes a window that ends after it starts, not in the past, at most a year', () => {
    expect(() => checkWindow(at(-1), at(1), now)).to.not.throw();
    expect(refusal(() => checkWindow(at(2), at(1), now)).message).to.equal('Bitiş zamanı başlangıçtan sonra olmalı');
    expect(refusal(() => checkWindow(at(-3), at(-1), now)).message).to.equal('Bitiş zamanı geçmiş olamaz');
    expect(refusal(() => checkWindow(at(0), at(367 * 24), now)).message).to.equal('Bir duyuru en çok bir yıl sürebilir');
  });

  it('takes `all` or a branch menu', () => {
    expect(() => checkScope(new Set(['ulasim']), 'all')).to.not.throw();
    expect(() => checkScope(new Set(['ulasim']), 'ulasim')).to.not.throw();
    expect(refusal(() => checkScope(new Set(['ulasim']), 'main'))).to.deep.equal({ code: 'bad-scope', message: 'Bilinmeyen kapsam: main', field: 'scope' });
  });
});
