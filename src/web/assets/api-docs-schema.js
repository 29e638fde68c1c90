/**
 * A JSON Schema (OpenAPI 3.1) as a short nested list: each property with its type, constraints and description,
 * `$ref`s resolved once by name (a schema met again further down shows only its name, so cycles end).
 * Text only: every value from the document goes in with textContent.
 */

import { t } from './i18n.js';

/** @typedef {Record<string, unknown>} Schema */

const MAX_DEPTH = 5;

/** @param {unknown} value @returns {value is Schema} */
const isSchema = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @param {string} tag @param {string} [className] @param {string} [text] */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** `#/components/schemas/Ticket` → its schema and name. @param {Schema} schema @param {Schema} components */
function resolved(schema, components) {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : null;
  if (!ref) return { schema, name: null };
  const name = ref.replace('#/components/schemas/', '');
  const schemas = isSchema(components.schemas) ? components.schemas : {};
  const target = schemas[name];
  return { schema: isSchema(target) ? target : {}, name };
}

/** The type and constraints on one line: `string · pattern ^153-… · max 40`. @param {Schema} schema */
export function typeLine(schema) {
  const parts = [];
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : typeof schema.type === 'string' ? schema.type : '';
  if (type) parts.push(type);
  if (typeof schema.format === 'string') parts.push(schema.format);
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map(String).join(' | '));
  if ('const' in schema) parts.push(`= ${JSON.stringify(schema.const)}`);
  if (typeof schema.pattern === 'string') parts.push(`/${schema.pattern}/`);
  /** @type {[string, string][]} */
  const limits = [['minimum', '≥'], ['exclusiveMinimum', '>'], ['maximum', '≤'], ['exclusiveMaximum', '<'], ['minLength', 'min'], ['maxLength', 'max'], ['minItems', 'min'], ['maxItems', 'max']];
  for (const [key, label] of limits) {
    if (typeof schema[key] === 'number') parts.push(`${label} ${String(schema[key])}`);
  }
  if ('default' in schema) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(' · ');
}

/**
 * @param {unknown} input the schema
 * @param {Schema} components the document's components
 * @param {ReadonlySet<string>} [seen] the named schemas above this one
 * @param {number} [depth]
 * @returns {HTMLElement}
 */
export function renderSchema(input, components, seen = new Set(), depth = 0) {
  const box = element('div', 'schema');
  if (!isSchema(input)) return box;
  const { schema, name } = resolved(input, components);
  if (name) box.append(element('span', 'schema-name', name));
  if (name && (seen.has(name) || depth >= MAX_DEPTH)) return box;
  const below = name ? new Set([...seen, name]) : seen;
  const line = typeLine(schema);
  if (line) box.append(element('code', 'schema-type', line));
  if (typeof schema.description === 'string') box.append(element('p', 'schema-description', schema.description));
  const choices = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (choices) {
    box.append(element('span', 'schema-label', t('apidocs.oneOf')));
    const list = element('ul', 'schema-choices');
    for (const choice of choices) list.append(listItem(renderSchema(choice, components, below, depth + 1)));
    box.append(list);
  }
  if (isSchema(schema.items)) {
    box.append(element('span', 'schema-label', t('apidocs.arrayOf')), renderSchema(schema.items, components, below, depth + 1));
  }
  const properties = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  if (properties.length > 0) {
    const list = element('ul', 'schema-properties');
    for (const [property, value] of properties) {
      const item = element('li');
      item.append(element('code', 'schema-property', property));
      if (required.has(property)) item.append(element('span', 'schema-required', t('apidocs.param.required')));
      item.append(renderSchema(value, components, below, depth + 1));
      list.append(item);
    }
    box.append(list);
  } else if (schema.type === 'object' && !isSchema(schema.additionalProperties)) {
    box.append(element('span', 'schema-label', t('apidocs.anyField')));
  }
  if (isSchema(schema.additionalProperties)) box.append(element('span', 'schema-label', '{ key: … }'), renderSchema(schema.additionalProperties, components, below, depth + 1));
  return box;
}

/** @param {HTMLElement} child */
function listItem(child) {
  const item = element('li');
  item.append(child);
  return item;
}

export { element };
