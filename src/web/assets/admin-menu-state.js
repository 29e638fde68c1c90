/**
 * The IVR editor's working copy: config/ivr.json's shape with each menu's options as an ordered list (a key can be
 * renamed without losing its place), turned back into the JSON the API checks with the engine's schema.
 */

/** @typedef {{ key: string, label: string, kind: 'menu' | 'queue' | 'status', menu: string, queue: string, category: string }} OptionRow */
/** @typedef {{ name: string, prompt: string, firstDigitTimeoutMs: string, interDigitTimeoutMs: string, maxRetries: string, options: OptionRow[] }} MenuRow */
/** @typedef {{ menus: MenuRow[], rest: Record<string, any> }} MenuDraft */

/** @param {any} option @param {string} key @returns {OptionRow} */
function optionRow(option, key) {
  const kind = option.action === 'status' ? 'status' : option.menu !== undefined ? 'menu' : 'queue';
  return { key, label: option.label ?? '', kind, menu: option.menu ?? '', queue: option.queue ?? '', category: option.category ?? '' };
}

/** @param {unknown} value */
const text = (value) => (value === undefined || value === null ? '' : String(value));

/** @param {Record<string, any>} definition @returns {MenuDraft} */
export function draftOf(definition) {
  const { menus, ...rest } = structuredClone(definition);
  return {
    menus: Object.entries(menus ?? {}).map(([name, menu]) => ({
      name,
      prompt: menu.prompt ?? '',
      firstDigitTimeoutMs: text(menu.firstDigitTimeoutMs),
      interDigitTimeoutMs: text(menu.interDigitTimeoutMs),
      maxRetries: text(menu.maxRetries),
      options: Object.entries(menu.options ?? {}).map(([key, option]) => optionRow(option, key)),
    })),
    rest,
  };
}

/** An empty number field means "the global value": the field is left out. @param {string} value */
function optionalNumber(value) {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

/** @param {OptionRow} row */
function optionJson(row) {
  if (row.kind === 'status') return { action: 'status', label: row.label };
  if (row.kind === 'menu') return { menu: row.menu, label: row.label };
  return { queue: row.queue, category: row.category, label: row.label };
}

/** @param {MenuDraft} draft @returns {Record<string, any>} */
export function definitionOf(draft) {
  /** @type {Record<string, any>} */
  const menus = {};
  for (const menu of draft.menus) {
    /** @type {Record<string, any>} */
    const options = {};
    for (const row of menu.options) options[row.key] = optionJson(row);
    /** @type {Record<string, any>} */
    const json = { prompt: menu.prompt, options };
    for (const field of /** @type {const} */ (['firstDigitTimeoutMs', 'interDigitTimeoutMs', 'maxRetries'])) {
      const value = optionalNumber(menu[field]);
      if (value !== undefined) json[field] = value;
    }
    menus[menu.name] = json;
  }
  return { ...structuredClone(draft.rest), menus };
}

/**
 * What the JSON cannot carry: a key or menu name given twice (one would silently replace the other).
 * @param {MenuDraft} draft
 * @returns {{ path: string, message: string }[]}
 */
export function localProblems(draft) {
  /** @type {{ path: string, message: string }[]} */
  const problems = [];
  const names = new Set();
  draft.menus.forEach((menu) => {
    if (names.has(menu.name)) problems.push({ path: `menus.${menu.name}`, message: `"${menu.name}" adlı iki menü var` });
    names.add(menu.name);
    const keys = new Set();
    for (const row of menu.options) {
      if (keys.has(row.key)) problems.push({ path: `menus.${menu.name}.options.${row.key}`, message: `${row.key} tuşu bu menüde iki kez var` });
      keys.add(row.key);
    }
  });
  return problems;
}

/** @param {Record<string, any>} object @param {string} path */
export function getAt(object, path) {
  return path.split('.').reduce((value, part) => (value === undefined || value === null ? undefined : value[part]), /** @type {any} */ (object));
}

/** @param {Record<string, any>} object @param {string} path @param {unknown} value */
export function setAt(object, path, value) {
  const parts = path.split('.');
  const last = /** @type {string} */ (parts.pop());
  let target = object;
  for (const part of parts) target = target[part] ??= {};
  target[last] = value;
}
