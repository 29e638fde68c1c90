/**
 * Structural checks of an OpenAPI 3.1 document (what a generator bug or a hand edit could break): the version,
 * every `$ref` resolving inside the document, every `{param}` of a path declared as a required path parameter
 * (and no path parameter that the path lacks), every operation with a summary, responses, `x-roles` and only
 * declared security schemes. Returns the problems as sentences; none: the document passes.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let at: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(at) || !(key in at)) return undefined;
    at = at[key];
  }
  return at;
}

function refsIn(value: unknown, found: string[]): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

export function openApiProblems(doc: Json): string[] {
  const problems: string[] = [];
  if (doc.openapi !== '3.1.0') problems.push(`openapi is ${String(doc.openapi)}, not 3.1.0`);
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') problems.push('info.title and info.version are required');
  for (const ref of new Set(refsIn(doc, []))) if (pointer(doc, ref) === undefined) problems.push(`$ref ${ref} does not resolve`);
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const paths = isObject(doc.paths) ? doc.paths : {};
  if (Object.keys(paths).length === 0) problems.push('no paths');
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    if (!isObject(item)) continue;
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const parameters = (Array.isArray(op.parameters) ? op.parameters : []).map((p) => (isObject(p) && typeof p.$ref === 'string' ? pointer(doc, p.$ref) : p)).filter(isObject);
      const inPath = parameters.filter((p) => p.in === 'path');
      for (const name of templated) {
        const declared = inPath.find((p) => p.name === name);
        if (!declared) problems.push(`${where}: path parameter {${name}} is not declared`);
        else if (declared.required !== true) problems.push(`${where}: path parameter {${name}} must be required`);
      }
      for (const p of inPath) if (!templated.includes(String(p.name))) problems.push(`${where}: path parameter ${String(p.name)} is not in the path`);
      const seen = new Set<string>();
      for (const p of parameters) {
        const key = `${String(p.in)}:${String(p.name)}`;
        if (seen.has(key)) problems.push(`${where}: parameter ${key} twice`);
        seen.add(key);
        if (!['query', 'header', 'path', 'cookie'].includes(String(p.in))) problems.push(`${where}: parameter ${String(p.name)} has in=${String(p.in)}`);
      }
      if (typeof op.summary !== 'string' || op.summary === '') problems.push(`${where}: no summary`);
      if (!Array.isArray(op['x-roles'])) problems.push(`${where}: no x-roles`);
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) problems.push(`${where}: no responses`);
      else for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[1-5]\d\d$|^default$/.test(status)) problems.push(`${where}: response key ${status}`);
        if (!isObject(response) || typeof response.description !== 'string') problems.push(`${where}: response ${status} has no description`);
      }
      for (const requirement of Array.isArray(op.security) ? op.security : []) {
        for (const scheme of Object.keys(isObject(requirement) ? requirement : {})) if (!(scheme in schemes)) problems.push(`${where}: security scheme ${scheme} is not declared`);
      }
    }
  }
  return problems;
}

/** Every (method, path) the document describes, as `get /api/tickets/{number}`. */
export function documentedRoutes(doc: Json): string[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  return Object.entries(paths).flatMap(([path, item]) => METHODS.filter((method) => isObject(item) && isObject(item[method])).map((method) => `${method} ${path}`));
}
