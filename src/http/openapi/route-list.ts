import { METHODS } from 'node:http';
import type { Express } from 'express';

/** One route the app answers: an HTTP method (lower case) and its path in OpenAPI form (`/api/tickets/{number}`). */
export interface AppRoute {
  method: string;
  path: string;
}

/**
 * Express `:param` (and path-to-regexp 8's `*wildcard`) as OpenAPI `{param}`. Optional groups (`{...}`), arrays
 * and regular expressions have no one OpenAPI path: they are refused, so a route written that way is noticed.
 */
export function toOpenApiPath(expressPath: string): string {
  if (/[{}()?+]/.test(expressPath)) throw new Error(`route path ${expressPath} has optional or pattern parts: no single OpenAPI path`);
  const path = expressPath.replace(/[:*]([A-Za-z_$][\w$]*)/g, '{$1}').replace(/\/{2,}/g, '/');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/* The internals read here are router 2.x's (Express 5): `app.router.stack`; a layer has `route` (its `path` and
 * `methods`) or a nested router as `handle` (with its own `stack`) mounted at `rawPath`; `slash` marks `use('/')`. */
interface RouteLike {
  path: unknown;
  methods: Record<string, boolean>;
}
interface LayerLike {
  route?: RouteLike;
  handle?: { stack?: unknown; name?: string };
  rawPath?: unknown;
  slash?: boolean;
  name?: string;
}

function mountOf(layer: LayerLike): string {
  if (layer.slash || layer.rawPath === undefined) return '';
  if (typeof layer.rawPath !== 'string') throw new Error(`a router is mounted at ${String(layer.rawPath)}: only string mount paths are listed`);
  return layer.rawPath;
}

function walk(stack: readonly LayerLike[], prefix: string, into: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const { path, methods } = layer.route;
      if (typeof path !== 'string') throw new Error(`a route under ${prefix || '/'} has a non-string path: list it by hand`);
      const on = Object.keys(methods).filter((method) => methods[method]);
      // router.all sets `_all`; Express's app.all adds every method Node knows one by one.
      if (on.includes('_all') || on.length >= METHODS.length) throw new Error(`${prefix}${path} is an app.all route: give it its methods`);
      for (const method of on) into.push({ method, path: toOpenApiPath(`${prefix}${path}`) });
    } else if (Array.isArray(layer.handle?.stack)) {
      walk(layer.handle.stack as LayerLike[], `${prefix}${mountOf(layer)}`, into);
    } else if (layer.name === 'mounted_app') {
      // app.use(express()) hides the sub-app in a closure: its routes could not be seen, so say so.
      throw new Error(`an Express sub-app is mounted at ${prefix}${mountOf(layer)}: mount a Router instead`);
    }
  }
}

/** Every (method, path) the app routes, nested routers included, sorted and without duplicates (HEAD is GET's). */
export function listRoutes(app: Express): AppRoute[] {
  const router = (app as unknown as { router?: { stack?: unknown } }).router;
  if (!router || !Array.isArray(router.stack)) throw new Error('not an Express 5 app: app.router.stack is missing');
  const found: AppRoute[] = [];
  walk(router.stack as LayerLike[], '', found);
  const unique = new Map(found.map((route) => [`${route.method} ${route.path}`, route]));
  return [...unique.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/**
 * The paths that are API (documented in /api/openapi.json): everything under /api and /open311, /healthz and
 * /metrics. The rest are the browser pages and their files (/desk, /login, /assets/…): HTML, not an API.
 */
export function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/open311/') || path === '/healthz' || path === '/metrics';
}
