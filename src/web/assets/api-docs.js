/**
 * /api-docs: the OpenAPI document (GET /api/openapi.json) as a page, one section per tag, one collapsible entry
 * per operation (method, path, summary; inside: who may call it, parameters, body, responses), with a filter.
 * The document's own words are English; the page's headings follow the TR/EN toggle.
 */

import './api-docs-texts.js';
import { getLang, onLangChange, t, toggleLang, translateStatic } from './i18n.js';
import { element, renderSchema, typeLine } from './api-docs-schema.js';

/** @typedef {Record<string, { schema?: unknown }>} Content */
/** @typedef {{ name: string, in: string, required?: boolean, schema?: Record<string, unknown> }} Param */
/** @typedef {{ summary?: string, description?: string, tags?: string[], 'x-roles'?: string[], parameters?: Param[], requestBody?: { content?: Content }, responses?: Record<string, { description?: string, content?: Content }> }} Op */
/** @typedef {{ openapi: string, info: { title: string, version: string, description?: string }, paths?: Record<string, Record<string, Op | undefined>>, components?: Record<string, unknown> }} Doc */
/** @typedef {{ method: string, path: string, op: Op, tag: string }} Operation */

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** @param {Doc} doc @returns {Operation[]} */
export function operationsOf(doc) {
  /** @type {Operation[]} */
  const list = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) list.push({ method, path, op, tag: op.tags?.[0] ?? 'other' });
    }
  }
  return list;
}

/** Does the operation match every word of the filter (path, summary, method, tag, roles)? @param {Operation} entry @param {string} filter */
export function matches(entry, filter) {
  const haystack = [entry.method, entry.path, entry.tag, entry.op.summary ?? '', ...(entry.op['x-roles'] ?? [])].join(' ').toLowerCase();
  return filter.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** @param {string[]} roles */
function rolesText(roles) {
  if (roles.length === 0) return t('apidocs.roles.public');
  return roles.map((role) => (['any', 'open311-client', 'metrics-scraper'].includes(role) ? t(`apidocs.roles.${role}`) : role)).join(', ');
}

/** @param {Op} op */
function parametersTable(op) {
  const table = element('table', 'api-params');
  const head = element('tr');
  for (const key of ['apidocs.param.name', 'apidocs.param.in', 'apidocs.param.schema']) head.append(element('th', undefined, t(key)));
  const thead = element('thead');
  const tbody = element('tbody');
  thead.append(head);
  table.append(thead, tbody);
  for (const param of op.parameters ?? []) {
    const row = element('tr');
    const name = element('td');
    name.append(element('code', undefined, param.name), ...(param.required ? [element('span', 'schema-required', t('apidocs.param.required'))] : []));
    const value = element('td');
    value.append(element('code', 'schema-type', typeLine(param.schema ?? {})));
    row.append(name, element('td', undefined, param.in), value);
    tbody.append(row);
  }
  return table;
}

/** @param {Content | undefined} content @param {Record<string, unknown>} components */
function contentOf(content, components) {
  const box = element('div', 'api-content');
  if (!content) {
    box.append(element('span', 'schema-label', t('apidocs.noBody')));
    return box;
  }
  for (const [type, media] of Object.entries(content)) box.append(element('code', 'api-media', type), renderSchema(media.schema, components));
  return box;
}

/** @param {Operation} entry @param {Record<string, unknown>} components */
function operationView(entry, components) {
  const { method, path, op } = entry;
  const details = element('details', 'api-op');
  details.dataset.testid = `op-${method}-${path}`;
  const summary = element('summary');
  summary.append(element('span', `api-method api-method-${method}`, method.toUpperCase()), element('code', 'api-path', path), element('span', 'api-summary', op.summary ?? ''));
  details.append(summary);
  const body = element('div', 'api-op-body');
  body.append(element('h4', undefined, t('apidocs.roles')), element('p', 'api-roles', rolesText(op['x-roles'] ?? [])));
  for (const paragraph of String(op.description ?? '').split('\n\n').filter(Boolean)) body.append(element('p', 'api-description', paragraph));
  if ((op.parameters ?? []).length > 0) body.append(element('h4', undefined, t('apidocs.parameters')), parametersTable(op));
  if (op.requestBody) body.append(element('h4', undefined, t('apidocs.body')), contentOf(op.requestBody.content, components));
  body.append(element('h4', undefined, t('apidocs.responses')));
  const responses = element('dl', 'api-responses');
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const term = element('dt');
    term.append(element('span', `api-status api-status-${status[0]}xx`, status), document.createTextNode(` ${response.description ?? ''}`));
    const definition = element('dd');
    if (response.content) definition.append(contentOf(response.content, components));
    responses.append(term, definition);
  }
  body.append(responses);
  details.append(body);
  return details;
}

/** @param {Doc} doc */
function render(doc) {
  const operations = operationsOf(doc);
  const components = doc.components ?? {};
  const filter = /** @type {HTMLInputElement} */ (document.getElementById('api-filter')).value;
  const shown = operations.filter((entry) => matches(entry, filter));
  const meta = document.getElementById('api-meta');
  if (meta) meta.textContent = `${t('apidocs.meta', { title: doc.info.title, version: doc.info.version, openapi: doc.openapi, count: operations.length })}${filter ? ` — ${t('apidocs.shown', { shown: shown.length, count: operations.length })}` : ''}`;
  const description = document.getElementById('api-description');
  description?.replaceChildren(...String(doc.info.description ?? '').split('\n\n').map((paragraph) => element('p', undefined, paragraph)));
  const tags = [...new Set(operations.map((entry) => entry.tag))];
  const toc = document.querySelector('#api-toc ul');
  const container = document.getElementById('api-operations');
  toc?.replaceChildren();
  container?.replaceChildren();
  for (const tag of tags) {
    const inTag = shown.filter((entry) => entry.tag === tag);
    if (inTag.length === 0) continue;
    const link = element('a', undefined, `${tag} (${inTag.length})`);
    link.setAttribute('href', `#tag-${tag}`);
    const item = element('li');
    item.append(link);
    toc?.append(item);
    const section = element('section', 'api-tag');
    section.id = `tag-${tag}`;
    section.append(element('h2', undefined, tag), ...inTag.map((entry) => operationView(entry, components)));
    container?.append(section);
  }
}

async function start() {
  translateStatic(document);
  const toggle = document.getElementById('lang-toggle');
  const showLang = () => toggle?.querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === getLang()));
  showLang();
  toggle?.addEventListener('click', toggleLang);
  const status = document.getElementById('api-status');
  const response = await fetch('/api/openapi.json', { headers: { accept: 'application/json' } });
  if (!response.ok) {
    if (status) status.textContent = t('apidocs.failed', { status: response.status });
    return;
  }
  /** @type {Doc} */
  const doc = await response.json();
  status?.setAttribute('hidden', '');
  document.getElementById('api-intro')?.removeAttribute('hidden');
  render(doc);
  document.getElementById('api-filter')?.addEventListener('input', () => render(doc));
  document.body.dataset.ready = 'true';
  onLangChange(() => {
    translateStatic(document);
    showLang();
    render(doc);
  });
}

if (typeof document !== 'undefined') void start();
