/** The IVR editor's version list: every applied menu with who applied it and when, each restorable. */

import { TIME_ZONE, getLang, t } from './i18n.js';
import { el } from './admin-menu-dom.js';

/** @typedef {{ id: number, action: 'apply' | 'restore' | 'seed', restoredFrom: number | null, createdBy: string, createdAt: string | null }} VersionRow */

/** @param {string | null} iso */
function when(iso) {
  if (iso === null) return '—';
  const locale = getLang() === 'en' ? 'en-GB' : 'tr-TR';
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'medium' }).format(Date.parse(iso));
}

/** @param {VersionRow} row */
function actionText(row) {
  if (row.action === 'restore') return t('am.action.restore', { from: row.restoredFrom ?? 0 });
  return t(`am.action.${row.action}`);
}

/**
 * @param {HTMLElement} tbody
 * @param {{ current: number, versions: VersionRow[] }} list
 * @param {(id: number) => void} restore
 */
export function renderVersions(tbody, list, restore) {
  tbody.replaceChildren(
    ...list.versions.map((row) => {
      const inUse = row.id === list.current;
      const button = el('button', { type: 'button', class: 'btn btn-small', text: t('am.versions.restore'), 'aria-label': t('am.versions.restoreLabel', { version: row.id }), 'data-testid': `restore-${row.id}`, hidden: inUse });
      button.addEventListener('click', () => restore(row.id));
      return el('tr', { 'data-version': String(row.id), 'aria-current': inUse ? 'true' : undefined }, [
        el('td', { text: inUse ? `${row.id} (${t('am.versions.inUse')})` : String(row.id) }),
        el('td', { text: actionText(row) }),
        el('td', { text: row.createdBy }),
        el('td', { text: when(row.createdAt) }),
        el('td', {}, [button]),
      ]);
    }),
  );
}
