/**
 * The four report tabs as the ARIA tabs pattern has them: one tab in the focus order (roving tabindex), arrow
 * keys, Home and End move between tabs and open the one reached; the panel follows the selected tab.
 */

/**
 * @param {HTMLElement} tablist
 * @param {(report: string) => void} onSelect
 * @returns {{ select: (report: string, focus?: boolean) => void, selected: () => string }}
 */
export function bootTabs(tablist, onSelect) {
  const tabs = /** @type {HTMLButtonElement[]} */ (Array.from(tablist.querySelectorAll('[role="tab"]')));
  let current = tabs[0]?.dataset.report ?? 'calls';

  /** @param {string} report @param {boolean} [focus] */
  const select = (report, focus = false) => {
    const chosen = tabs.find((tab) => tab.dataset.report === report) ?? tabs[0];
    if (!chosen) return;
    current = chosen.dataset.report ?? current;
    for (const tab of tabs) {
      const on = tab === chosen;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !on;
    }
    if (focus) chosen.focus();
    onSelect(current);
  };

  tablist.addEventListener('click', (event) => {
    const tab = /** @type {HTMLElement | null} */ (event.target instanceof Element ? event.target.closest('[role="tab"]') : null);
    if (tab?.dataset.report) select(tab.dataset.report);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((tab) => tab.dataset.report === current);
    const moves = /** @type {Record<string, number>} */ ({ ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 });
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = tabs[((moves[event.key] ?? 0) + tabs.length) % tabs.length];
    if (next?.dataset.report) select(next.dataset.report, true);
  });
  return { select, selected: () => current };
}
