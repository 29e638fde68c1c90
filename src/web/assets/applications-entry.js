/**
 * The entry form of /basvurular: POST /api/applications. A number stored already opens that application
 * (200, created false) instead of a new one; field problems show under their fields in Turkish or English.
 */

import { t } from './i18n.js';
import { catalogue } from './desk-catalogue.js';
import { call } from './supervisor-api.js';
import { showProblems } from './applications-format.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('entry-form'));
const status = /** @type {HTMLElement} */ (document.getElementById('entry-status'));
const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;

/** Fills the subject and district choices from the catalogue (names in the page's language where it has them). */
export function renderEntryChoices() {
  const category = /** @type {HTMLSelectElement} */ (form.elements.namedItem('categoryCode'));
  const chosen = category.value;
  category.replaceChildren(
    new Option('—', ''),
    ...catalogue.categories.flatMap((top) => [new Option(top.name, top.code), ...top.children.map((child) => new Option(`${top.name} › ${child.name}`, child.code))]),
  );
  category.value = chosen;
  const district = /** @type {HTMLSelectElement} */ (form.elements.namedItem('district'));
  const place = district.value;
  district.replaceChildren(new Option(t('apps.field.noDistrict'), ''), ...catalogue.districts.map((name) => new Option(name, name)));
  district.value = place;
}

/** @param {(number: string) => void} open @param {() => void} changed */
export function bootEntry(open, changed) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const time = value('appliedTime');
    const body = {
      source: value('source'),
      externalRef: value('externalRef'),
      // The form's date and time are Istanbul's; the API reads a zone-less date the same way.
      appliedAt: value('appliedDate') ? `${value('appliedDate')}${time ? `T${time}` : ''}` : '',
      callerName: value('callerName'),
      callerNumber: value('callerNumber') || null,
      email: value('email') || null,
      address: value('address') || null,
      district: value('district') || null,
      categoryCode: value('categoryCode'),
      description: value('description'),
      forward: /** @type {HTMLInputElement} */ (form.elements.namedItem('forward')).checked,
    };
    let result;
    try {
      result = await call('POST', '/api/applications', body);
    } catch {
      status.textContent = t('sup.error.network');
      return;
    }
    if (result.status === 400) {
      showProblems(form, result.body.fields ?? {});
      status.textContent = t('apps.entry.invalid');
      return;
    }
    showProblems(form);
    if (!result.ok) {
      status.textContent = t('sup.error.failed', { status: result.status });
      return;
    }
    const number = result.body.ticket.number;
    status.textContent = t(result.body.created ? 'apps.entry.created' : 'apps.entry.existing', { number });
    if (result.body.created) form.reset();
    changed();
    open(number);
  });
}
