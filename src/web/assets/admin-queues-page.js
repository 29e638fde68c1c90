/**
 * /yonetim/kuyruklar: each queue's labels and order (admins; the boards and desks show them at once) and its members
 * with their penalties (admins; supervisors for agents). Every member change goes to app_queue over AMI at once: the
 * page shows what the PBX has (in it with which penalty, joins at desk login, waits for AMI, or what it refused).
 */

import './admin-users-texts.js';
import { getLang, onLangChange, t, toggleLang, translateStatic } from './i18n.js';
import { renderAdminNav } from './admin-nav.js';
import { call, me } from './supervisor-api.js';
import { el, field, select, showProblems, clearProblems } from './admin-menu-dom.js';
import { pbxText, refusalText } from './admin-users-common.js';

/** @typedef {{ userId: number, username: string, displayName: string, role: string, penalty: number, pbxState: string, pbxError: string | null, pbxPenalty: number | null }} MemberView */
/** @typedef {{ name: string, label: { tr: string, en: string }, position: number, members: MemberView[], others: { interface: string, name: string, penalty: number }[] }} QueueView */
/** @typedef {{ id: number, username: string, displayName: string, role: string, active: boolean }} UserRow */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {QueueView[]} */
let queues = [];
/** @type {UserRow[]} */
let users = [];
let role = 'supervisor';

/** @param {string} text @param {'ok' | 'bad'} tone */
function say(text, tone) {
  const status = byId('aq-status');
  status.className = `notice ${tone === 'ok' ? 'notice-info' : 'notice-bad'}`;
  status.textContent = text;
  status.hidden = false;
}

/**
 * @param {string} name
 * @param {string | number} value
 * @param {Record<string, string>} [attrs]
 */
const input = (name, value, attrs = {}) => {
  const element = /** @type {HTMLInputElement} */ (el('input', { name, ...attrs }));
  element.value = String(value);
  return element;
};

/** @param {{ ok: boolean, body: any }} answer @param {(body: any) => string} ok */
async function report(answer, ok) {
  if (answer.ok) say(ok(answer.body), 'ok');
  else say(t('au.failed', { error: refusalText(answer.body) }), 'bad');
  await reload();
}

/** @param {QueueView} queue @param {MemberView} member */
function memberRow(queue, member) {
  const penalty = input('penalty', member.penalty, { type: 'number', min: '0', max: '999', 'aria-label': t('aq.penalty'), 'data-testid': `penalty-${queue.name}-${member.username}` });
  const save = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': `set-penalty-${queue.name}-${member.username}`, text: t('aq.setPenalty') });
  save.addEventListener('click', () => void setMember(queue.name, member.userId, Number(penalty.value)));
  const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('aq.remove') });
  remove.addEventListener('click', async () => report(await call('DELETE', `/api/admin/queues/${encodeURIComponent(queue.name)}/members/${member.userId}`), (body) => pbxText(body.pbx)));
  return el('tr', { 'data-testid': `member-${queue.name}-${member.username}` }, [
    el('td', { text: `${member.displayName} (${member.username})` }),
    el('td', {}, [penalty, ' ', save]),
    el('td', { 'data-testid': 'pbx-state', text: pbxText({ state: member.pbxState, error: member.pbxError }, member.pbxPenalty) }),
    el('td', {}, [remove]),
  ]);
}

/** @param {string} queue @param {number} userId @param {number} penalty */
async function setMember(queue, userId, penalty) {
  await report(await call('PUT', `/api/admin/queues/${encodeURIComponent(queue)}/members/${userId}`, { penalty }), (body) => pbxText(body.pbx, penalty));
}

/** @param {QueueView} queue */
function queuePanel(queue) {
  const children = [el('h2', { text: `${queue.label[getLang()]} — ${queue.name}` })];
  if (role === 'admin') {
    const form = /** @type {HTMLFormElement} */ (el('form', { class: 'au-form', novalidate: true, 'data-testid': `labels-${queue.name}` }));
    form.append(
      field(t('aq.labelTr'), input('tr', queue.label.tr, { maxlength: '80' }), 'label.tr'),
      field(t('aq.labelEn'), input('en', queue.label.en, { maxlength: '80' }), 'label.en'),
      field(t('aq.position'), input('position', queue.position, { type: 'number', min: '1', max: '1000' }), 'position'),
      el('button', { type: 'submit', class: 'btn', text: t('aq.saveLabels') }),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const body = { label: { tr: String(data.get('tr')), en: String(data.get('en')) }, position: Number(data.get('position')) };
      const answer = await call('PATCH', `/api/admin/queues/${encodeURIComponent(queue.name)}`, body);
      if (!answer.ok && Array.isArray(answer.body.details)) showProblems(form, answer.body.details);
      await report(answer, () => t('au.saved'));
    });
    children.push(form);
  }
  const candidates = users.filter((user) => user.active && !queue.members.some((member) => member.userId === user.id) && (role === 'admin' || user.role === 'agent'));
  const pick = select([{ value: '', label: t('aq.pickUser') }, ...candidates.map((user) => ({ value: String(user.id), label: `${user.displayName} (${user.username})` }))], '', { 'aria-label': t('aq.member'), 'data-testid': `add-user-${queue.name}` });
  const penalty = input('penalty', 0, { type: 'number', min: '0', max: '999', 'aria-label': t('aq.penalty'), 'data-testid': `add-penalty-${queue.name}` });
  const add = el('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': `add-member-${queue.name}`, text: t('aq.addMember') });
  add.addEventListener('click', () => {
    const select = /** @type {HTMLSelectElement} */ (pick);
    if (select.value) void setMember(queue.name, Number(select.value), Number(penalty.value));
  });
  children.push(
    el('table', { class: 'sup-table aq-members' }, [
      el('caption', { class: 'visually-hidden', text: t('aq.members') }),
      el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: t('aq.member') }), el('th', { scope: 'col', text: t('aq.penalty') }), el('th', { scope: 'col', text: t('aq.pbx') }), el('th', { scope: 'col' })])]),
      el('tbody', {}, queue.members.map((member) => memberRow(queue, member))),
    ]),
    el('div', { class: 'au-actions' }, [pick, penalty, add]),
  );
  if (queue.others.length > 0) children.push(el('p', { class: 'muted', text: t('aq.others', { list: queue.others.map((other) => `${other.name} (${other.interface}, ${other.penalty})`).join(', ') }) }));
  return el('section', { class: 'panel', 'data-testid': `queue-${queue.name}` }, children);
}

function render() {
  byId('aq-queues').replaceChildren(...queues.map(queuePanel));
}

async function reload() {
  const [answer, userList] = await Promise.all([call('GET', '/api/admin/queues'), call('GET', '/api/admin/users')]);
  if (answer.ok) queues = answer.body.items;
  if (userList.ok) users = userList.body.items;
  render();
}

function renderCreate() {
  const form = /** @type {HTMLFormElement} */ (byId('aq-create'));
  form.replaceChildren(
    field(t('aq.name'), input('name', '', { maxlength: '80' }), 'name'),
    field(t('aq.labelTr'), input('tr', '', { maxlength: '80' }), 'label.tr'),
    field(t('aq.labelEn'), input('en', '', { maxlength: '80' }), 'label.en'),
    el('button', { type: 'submit', class: 'btn btn-primary', text: t('aq.add') }),
  );
}

byId('aq-create').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (byId('aq-create'));
  clearProblems(form);
  const data = new FormData(form);
  const answer = await call('POST', '/api/admin/queues', { name: String(data.get('name')).trim(), label: { tr: String(data.get('tr')), en: String(data.get('en')) } });
  if (!answer.ok && Array.isArray(answer.body.details)) showProblems(form, answer.body.details);
  if (answer.ok) renderCreate();
  await report(answer, () => t('au.saved'));
});

function renderLangToggle() {
  byId('lang-toggle').querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === getLang()));
}

async function start() {
  const self = await me();
  role = self.ok ? self.body.user.role : 'supervisor';
  if (self.ok) byId('user-name').textContent = self.body.user.displayName;
  byId('aq-create-panel').hidden = role !== 'admin';
  byId('au-supervisor-note').hidden = role === 'admin';
  renderCreate();
  await reload();
  document.body.dataset.ready = 'true';
}

byId('lang-toggle').addEventListener('click', toggleLang);
onLangChange(() => {
  document.documentElement.lang = getLang();
  translateStatic(document);
  renderAdminNav(byId('admin-nav'), '/yonetim/kuyruklar', getLang());
  renderLangToggle();
  renderCreate();
  render();
});
document.documentElement.lang = getLang();
translateStatic(document);
renderAdminNav(byId('admin-nav'), '/yonetim/kuyruklar', getLang());
renderLangToggle();
void start();
