/**
 * /yonetim/katalog: the SMS texts. Each is checked for its placeholders and counted in parts by the relay's own
 * encoder on the server as it is typed (POST …/sms-templates/preview stores nothing), then saved together.
 */

import { t } from './i18n.js';
import { call } from './supervisor-api.js';
import { el } from './admin-menu-dom.js';
import { send } from './admin-catalogue-tables.js';

/** @typedef {{ key: string, text: string, shipped: string, placeholders: string[], coding: string, parts: number, characters: number }} SmsText */

/** @param {HTMLElement} root @param {SmsText[]} texts @param {() => void} reload */
export function renderSms(root, texts, reload) {
  /** @type {Record<string, string>} */
  const draft = Object.fromEntries(texts.map((text) => [text.key, text.text]));
  /** @type {Map<string, HTMLElement>} */
  const counts = new Map();
  /** @param {SmsText} text */
  const countText = (text) => t('ac.sms.parts', { parts: text.parts, coding: text.coding.toUpperCase(), characters: text.characters });
  let timer = 0;
  const preview = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const answer = await call('POST', '/api/admin/catalogue/sms-templates/preview', { texts: draft });
      if (!answer.ok) return;
      for (const text of /** @type {SmsText[]} */ (answer.body.texts)) {
        const count = counts.get(text.key);
        if (count) count.textContent = countText(text);
      }
      for (const key of counts.keys()) {
        const slot = /** @type {HTMLElement | null} */ (root.querySelector(`[data-error-for="texts.${CSS.escape(key)}"]`));
        const messages = answer.body.problems.filter((/** @type {{ path: string }} */ p) => p.path === `texts.${key}`).map((/** @type {{ message: string }} */ p) => p.message);
        if (slot) {
          slot.textContent = messages.join(' · ');
          slot.hidden = messages.length === 0;
        }
      }
    }, 200);
  };
  const fields = texts.map((text) => {
    const area = /** @type {HTMLTextAreaElement} */ (el('textarea', { rows: '3', 'data-testid': `sms-${text.key}`, 'data-path': `texts.${text.key}`, 'aria-describedby': `sms-count-${text.key}` }));
    area.value = text.text;
    area.addEventListener('input', () => ((draft[text.key] = area.value), preview()));
    const count = el('span', { class: 'muted', id: `sms-count-${text.key}`, 'data-testid': `sms-count-${text.key}`, text: countText(text) });
    counts.set(text.key, count);
    return el('label', { class: 'field field-wide' }, [
      el('span', { text: t(`ac.sms.${text.key}`) }),
      area,
      el('span', { class: 'muted', text: t('ac.sms.placeholders', { list: text.placeholders.map((p) => `{${p}}`).join(', ') }) }),
      count,
      el('span', { class: 'field-error', 'data-error-for': `texts.${text.key}`, hidden: true }),
    ]);
  });
  const status = el('p', { class: 'form-status', role: 'status', 'data-testid': 'sms-status' });
  const save = el('button', { type: 'button', class: 'btn btn-primary', text: t('ac.save'), 'data-testid': 'sms-save' });
  save.addEventListener('click', async () => {
    if (await send(root, status, 'PUT', '/api/admin/catalogue/sms-templates', { texts: draft })) reload();
  });
  root.replaceChildren(el('div', { class: 'form-grid' }, fields), el('div', { class: 'form-actions' }, [save, status]));
}
