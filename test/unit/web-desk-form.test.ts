import { expect } from 'chai';
import { shippedSiteData } from '../../src/config/site.js';
import { siteCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { setSiteData } from '../../src/web/assets/site-data.js';
import { readFileSync } from 'node:fs';
import {
  changedFields,
  createBody,
  deskStatus,
  emptyFormValues,
  excerpt,
  fieldErrorMessage,
  fieldErrorMessages,
  formatDateTime,
  formatIvrChoices,
  formValuesFromTicket,
  isDirty,
  mergeConflict,
  normalisePhone,
  patchBody,
  pauseReasonLabel,
  proposedDepartment,
  searchQuery,
  splitCategory,
} from '../../src/web/assets/desk-form.js';
import type { Category, TicketJson } from '../../src/web/assets/desk-api.js';
import type { DeskState } from '../../src/agents/desk-protocol.js';

const categories: Category[] = [
  {
    code: 'ulasim',
    name: 'Ulaşım',
    departmentCode: 'ulasim',
    children: [
      { code: 'kentkart', name: 'Kentkart / seyahat kartı', departmentCode: 'kayseri-ulasim' },
      { code: 'kaybis', name: 'KAYBİS bisiklet', departmentCode: 'kayseri-ulasim' },
    ],
  },
  { code: 'cevre', name: 'Çevre ve temizlik', departmentCode: 'cevre', children: [] },
];

function ticket(overrides: Partial<TicketJson> = {}): TicketJson {
  return {
    id: 1,
    number: '153-2026-000123',
    year: 2026,
    seq: 123,
    source: 'phone',
    callerNumber: '05321234567',
    callerName: 'Mehmet Demir',
    categoryCode: 'kentkart',
    departmentCode: 'kayseri-ulasim',
    district: 'Talas',
    neighbourhood: null,
    address: null,
    description: 'Bakiye görünmüyor',
    status: 'open',
    priority: 'normal',
    dueAt: null,
    ownerUserId: 7,
    resolution: null,
    resolvedAt: null,
    forwardedAt: null,
    updatedBy: null,
    createdAt: '2026-11-28T09:00:00.000Z',
    updatedAt: '2026-11-28T09:00:00.000Z',
    version: 3,
    answer: null, question: null, closeReason: null, acceptedAt: null, answeredAt: null, informedAt: null, closedAt: null,
    ackDueAt: null, dueSoonAt: null, contactAttempts: 0, firstAttemptAt: null, callBackAt: null, reopenCount: 0, smsOptOut: false,
    email: null, latitude: null, longitude: null, kvkkConsentAt: null, fieldEvent: null, externalRef: null, appliedAt: null,
    ...overrides,
  };
}

function deskState(overrides: Partial<DeskState> = {}): DeskState {
  return { loggedIn: true, queues: ['alo153-genel'], paused: false, reason: null, boardState: 'ready', wrapUpUntil: null, pending: null, currentCall: null, staticQueues: [], ...overrides };
}

describe('desk form: loading a ticket', () => {
  it('splits a sub-category into its topic and sub-topic, and keeps a top-level or unknown code as the topic', () => {
    expect(splitCategory('kentkart', categories)).to.deep.equal({ category: 'ulasim', subcategory: 'kentkart' });
    expect(splitCategory('cevre', categories)).to.deep.equal({ category: 'cevre', subcategory: '' });
    expect(splitCategory('retired-code', categories)).to.deep.equal({ category: 'retired-code', subcategory: '' });
    expect(splitCategory(null, categories)).to.deep.equal({ category: '', subcategory: '' });
  });

  it('fills the form from the ticket with empty strings for missing values', () => {
    const values = formValuesFromTicket(ticket({ resolution: 'Bilgi verildi' }), categories);
    expect(values).to.deep.equal({
      category: 'ulasim',
      subcategory: 'kentkart',
      departmentCode: 'kayseri-ulasim',
      district: 'Talas',
      neighbourhood: '',
      address: '',
      description: 'Bakiye görünmüyor',
      priority: 'normal',
      callerName: 'Mehmet Demir',
      callerNumber: '05321234567',
      resolution: 'Bilgi verildi',
      smsConsent: 'allowed',
    });
  });

  it('proposes the department of the sub-topic, else of the topic', () => {
    expect(proposedDepartment(categories, 'ulasim', 'kaybis')).to.equal('kayseri-ulasim');
    expect(proposedDepartment(categories, 'ulasim', '')).to.equal('ulasim');
    expect(proposedDepartment(categories, 'nope', '')).to.equal(null);
  });
});

describe('desk form: dirty tracking', () => {
  const baseline = formValuesFromTicket(ticket(), categories);

  it('is clean as loaded and dirty once the agent types', () => {
    expect(isDirty(baseline, { ...baseline })).to.equal(false);
    expect(isDirty(baseline, { ...baseline, description: 'Bakiye görünmüyor, iki kez yüklemiş' })).to.equal(true);
    expect(isDirty(baseline, { ...baseline, resolution: 'Bilgi verildi' })).to.equal(true);
  });

  it('ignores edge whitespace and phone separators, which change nothing stored', () => {
    expect(isDirty(baseline, { ...baseline, description: '  Bakiye görünmüyor \n' })).to.equal(false);
    expect(isDirty(baseline, { ...baseline, callerNumber: '0532 123 45 67' })).to.equal(false);
  });

  it('sees a changed sub-topic as a changed category', () => {
    expect(changedFields(baseline, { ...baseline, subcategory: 'kaybis' })).to.deep.equal(['categoryCode']);
  });
});

describe('desk form: save bodies', () => {
  const baseline = formValuesFromTicket(ticket(), categories);

  it('PATCHes only the changed fields, trimmed, with the outcome and the version read', () => {
    const typed = { ...baseline, subcategory: '', category: 'cevre', departmentCode: 'cevre', address: '  Mevlana Mah. 12 ', callerNumber: '(0532) 999-88-77' };
    expect(patchBody(baseline, typed, 3, 'forwarded')).to.deep.equal({
      version: 3,
      changes: { outcome: 'forwarded', categoryCode: 'cevre', departmentCode: 'cevre', address: 'Mevlana Mah. 12', callerNumber: '05329998877' },
    });
  });

  it('sends only the outcome when nothing was changed', () => {
    expect(patchBody(baseline, { ...baseline }, 3, 'resolved-on-call')).to.deep.equal({ version: 3, changes: { outcome: 'resolved-on-call' } });
  });

  it('sends null for a field the agent emptied', () => {
    expect(patchBody(baseline, { ...baseline, district: '' }, 3, 'draft').changes).to.deep.equal({ outcome: 'draft', district: null });
  });

  it('POSTs every filled field of a new ticket with its source', () => {
    const values = emptyFormValues({ category: 'ulasim', subcategory: 'kentkart', description: 'Kart kayıp ', callerNumber: '0532 111 22 33' });
    expect(createBody(values, 'draft', 'acik-kapi')).to.deep.equal({
      source: 'acik-kapi',
      outcome: 'draft',
      categoryCode: 'kentkart',
      description: 'Kart kayıp',
      priority: 'normal',
      callerNumber: '05321112233',
      smsConsent: 'allowed',
    });
  });

  it('normalises phone numbers as read out', () => {
    expect(normalisePhone(' +90 (532) 123-45.67 ')).to.equal('+905321234567');
  });
});

describe('desk form: merging a 409', () => {
  const baseline = formValuesFromTicket(ticket(), categories);
  const typed = { ...baseline, description: 'Agent wrote this', district: 'Melikgazi', resolution: 'Bilgi verildi' };
  const current = ticket({ version: 4, description: 'Supervisor wrote that', priority: 'urgent', district: 'Melikgazi' });
  const merge = mergeConflict(baseline, typed, current, categories);

  it('keeps what the agent typed and takes what only someone else changed', () => {
    expect(merge.values.description).to.equal('Agent wrote this');
    expect(merge.values.resolution).to.equal('Bilgi verildi');
    expect(merge.values.priority).to.equal('urgent');
    expect(merge.values.district).to.equal('Melikgazi');
  });

  it('moves the baseline and the version to the stored ticket', () => {
    expect(merge.version).to.equal(4);
    expect(merge.baseline.priority).to.equal('urgent');
    expect(merge.baseline.description).to.equal('Supervisor wrote that');
  });

  it('lists the fields changed meanwhile, those where the typed value wins, and what the next save sends', () => {
    expect(merge.changed).to.deep.equal(['district', 'description', 'priority']);
    expect(merge.kept).to.deep.equal(['description']);
    expect(merge.differing).to.deep.equal(['description', 'resolution']);
    expect(patchBody(merge.baseline, merge.values, merge.version, 'draft')).to.deep.equal({
      version: 4,
      changes: { outcome: 'draft', description: 'Agent wrote this', resolution: 'Bilgi verildi' },
    });
  });

  it('keeps a typed sub-topic as a whole when the category changed on both sides', () => {
    const mine = { ...baseline, subcategory: 'kaybis' };
    const result = mergeConflict(baseline, mine, ticket({ version: 5, categoryCode: 'cevre' }), categories);
    expect(result.values.category).to.equal('ulasim');
    expect(result.values.subcategory).to.equal('kaybis');
    expect(result.kept).to.deep.equal(['categoryCode']);
  });
});

describe('desk form: 400 field messages', () => {
  it('maps each field code to a message in Turkish and English', () => {
    const fields = { callerNumber: { code: 'invalid-phone', message: 'digits only' }, description: { code: 'required', message: 'required' } };
    expect(fieldErrorMessages(fields, 'tr')).to.deep.equal({
      callerNumber: 'Telefon numarası geçersiz (ör. 05321234567).',
      description: 'Bu alan zorunlu.',
    });
    expect(fieldErrorMessages(fields, 'en')).to.deep.equal({
      callerNumber: 'Invalid phone number (e.g. 05321234567).',
      description: 'This field is required.',
    });
  });

  it('has a message for every documented code and a general one for others', () => {
    for (const code of ['required', 'too-long', 'unknown-category', 'unknown-department', 'invalid-district', 'invalid-phone']) {
      expect(fieldErrorMessage(code, 'tr')).to.not.equal(fieldErrorMessage('something-new', 'tr'), code);
      expect(fieldErrorMessage(code, 'en')).to.not.equal(fieldErrorMessage('something-new', 'en'), code);
    }
    expect(fieldErrorMessage('something-new', 'tr')).to.equal('Geçersiz değer.');
    expect(fieldErrorMessage('something-new', 'en')).to.equal('Invalid value.');
  });

  it('repeats a length limit the server names', () => {
    expect(fieldErrorMessage('too-long', 'tr', 'address is too long (at most 500 characters)')).to.equal('Çok uzun: en fazla 500 karakter.');
    expect(fieldErrorMessage('too-long', 'en', 'address is too long')).to.equal('Too long; please shorten it.');
  });
});

describe('desk: pop and status formatting', () => {
  it('joins the IVR choices with arrows and drops blanks', () => {
    expect(formatIvrChoices(['Ulaşım', ' Kentkart / seyahat kartı ', ''])).to.equal('Ulaşım → Kentkart / seyahat kartı');
    expect(formatIvrChoices([])).to.equal('');
  });

  it('shows ticket times on the Istanbul clock', () => {
    expect(formatDateTime('2026-11-28T21:30:00.000Z', 'tr')).to.equal('29.11.2026 00:30');
    expect(formatDateTime('not a date', 'tr')).to.equal('—');
  });

  it('cuts long descriptions to one line with an ellipsis', () => {
    expect(excerpt('Çöp\n  konteyneri boşaltılmadı', 100)).to.equal('Çöp konteyneri boşaltılmadı');
    expect(excerpt('abcdefghij', 6)).to.equal('abcde…');
  });

  it('puts a call before a pause, and wrap-up before a pause', () => {
    expect(deskStatus(deskState({ loggedIn: false, boardState: 'logged-out' })).kind).to.equal('logged-out');
    expect(deskStatus(deskState({ paused: true, reason: 'mola', boardState: 'on-call' })).kind).to.equal('on-call');
    expect(deskStatus(deskState({ paused: true, reason: 'wrap-up', boardState: 'paused' })).kind).to.equal('wrap-up');
    expect(deskStatus(deskState({ paused: true, reason: 'yemek', boardState: 'paused' }))).to.deep.equal({ kind: 'paused', reason: 'yemek' });
    expect(deskStatus(deskState()).kind).to.equal('ready');
  });

  it('names pause reasons, and shows an unknown one as the PBX has it', () => {
    // Labels are site data: the screens get them from GET /api/catalogue, built from config/site.json.
    setSiteData(siteCatalogue(shippedSiteData()));
    expect(pauseReasonLabel('eğitim', 'tr')).to.equal('Eğitim');
    expect(pauseReasonLabel('toplantı', 'en')).to.equal('Meeting');
    expect(pauseReasonLabel('Özel', 'en')).to.equal('Özel');
  });
});

describe('desk: search box', () => {
  it('tells a ticket number, a phone number and free text apart', () => {
    expect(searchQuery(' 153-2026-000123 ')).to.deep.equal({ number: '153-2026-000123' });
    expect(searchQuery('153-2026-')).to.deep.equal({ number: '153-2026-' });
    expect(searchQuery('0532 123 45 67')).to.deep.equal({ phone: '05321234567' });
    expect(searchQuery('çöp konteyneri')).to.deep.equal({ q: 'çöp konteyneri' });
    expect(searchQuery('a')).to.equal(null);
  });
});

describe('desk: translations', () => {
  const source = readFileSync(new URL('../../src/web/assets/i18n.js', import.meta.url), 'utf8');
  const page = readFileSync(new URL('../../src/web/desk.html', import.meta.url), 'utf8');

  it('has every desk key in both Turkish and English', () => {
    const counts = new Map<string, number>();
    for (const match of source.matchAll(/^\s+'((?:desk|pause|ticket)\.[^']+)':/gm)) counts.set(match[1] ?? '', (counts.get(match[1] ?? '') ?? 0) + 1);
    expect(counts.size).to.be.greaterThan(100);
    expect([...counts].filter(([, count]) => count !== 2).map(([key]) => key)).to.deep.equal([]);
  });

  it('knows every key the desk page names', () => {
    const keys = [...page.matchAll(/data-i18n(?:-aria-label|-placeholder)?="([^"]+)"/g)].map((match) => match[1]);
    const known = (key: string | undefined) => key !== undefined && new RegExp(`^\\s+'${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}':`, 'm').test(source);
    expect(keys.filter((key) => !known(key))).to.deep.equal([]);
  });
});
