/**
 * The navigation shared by the administration pages (/yonetim…) and the reports page (/raporlar):
 * each page calls renderAdminNav(container, currentPath, lang) and owns everything else on it.
 */

/** @typedef {'tr' | 'en'} Lang */

/** @type {ReadonlyArray<{ path: string; tr: string; en: string }>} */
export const ADMIN_PAGES = [
  { path: '/yonetim', tr: 'Kullanıcılar', en: 'Users' },
  { path: '/yonetim/kuyruklar', tr: 'Kuyruklar', en: 'Queues' },
  { path: '/yonetim/menu', tr: 'Sesli menü', en: 'IVR menu' },
  { path: '/yonetim/katalog', tr: 'Katalog', en: 'Catalogue' },
  { path: '/raporlar', tr: 'Raporlar', en: 'Reports' },
];

/**
 * @param {HTMLElement} container
 * @param {string} currentPath
 * @param {Lang} lang
 */
export function renderAdminNav(container, currentPath, lang) {
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', lang === 'en' ? 'Administration' : 'Yönetim');
  nav.className = 'admin-nav';
  for (const page of ADMIN_PAGES) {
    const link = document.createElement('a');
    link.href = page.path;
    link.textContent = page[lang];
    if (page.path === currentPath) link.setAttribute('aria-current', 'page');
    nav.append(link);
  }
  container.replaceChildren(nav);
}
