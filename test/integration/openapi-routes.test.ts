import { expect } from 'chai';
import { openApiDocument } from '../../src/http/openapi/document.js';
import { isApiPath, listRoutes, type AppRoute } from '../../src/http/openapi/route-list.js';
import { documentedRoutes, openApiProblems } from '../support/openapi-check.js';
import { signIn, startSystem, type System } from '../support/system.js';

const key = (route: AppRoute): string => `${route.method} ${route.path}`;

/**
 * The document against the app the server really builds (src/server.ts: every optional route module present):
 * every route it serves under /api, /open311, /healthz and /metrics is documented, and nothing else is.
 * The other routes are the browser pages and their files, listed by the same rule (route-list.ts isApiPath).
 */
describe('the OpenAPI document describes every route of the server', function () {
  this.timeout(30000);
  let system: System;
  let served: AppRoute[];
  const doc = openApiDocument() as unknown as Record<string, unknown>;

  before(async () => {
    // With metrics.token the main port serves GET /metrics too: every optional route present.
    system = await startSystem({ agents: 0, config: { metrics: { token: 'openapi-route-test-metrics-token' } } });
    served = listRoutes(system.app.httpApp);
  });

  after(async () => {
    await system.stop();
  });

  it('documents every API route the app serves', () => {
    const documented = new Set(documentedRoutes(doc));
    const missing = served.filter((route) => isApiPath(route.path)).map(key).filter((route) => !documented.has(route));
    expect(missing, 'routes without an entry in the document: add them to a file of src/http/openapi/paths/').to.deep.equal([]);
  });

  it('documents no route the app does not serve', () => {
    const routes = new Set(served.map(key));
    expect(documentedRoutes(doc).filter((route) => !routes.has(route)), 'documented routes that do not exist').to.deep.equal([]);
  });

  it('leaves out only pages: GET routes outside /api and /open311', () => {
    const pages = served.filter((route) => !isApiPath(route.path));
    expect(pages.filter((route) => route.method !== 'get').map(key)).to.deep.equal([]);
    expect(pages.map(key)).to.include.members(['get /desk', 'get /login', 'get /basvuru', 'get /api-docs']);
    // The walk reached the nested routers and kept their mount paths.
    expect(served.map(key)).to.include.members(['get /open311/v2/services/{file}', 'post /api/tickets/{number}/actions', 'get /healthz', 'get /metrics', 'put /api/announcements/{id}/audio']);
  });

  it('is a structurally valid OpenAPI 3.1 document', () => {
    expect(openApiProblems(doc)).to.deep.equal([]);
    expect(doc.openapi).to.equal('3.1.0');
  });

  it('serves the document to signed-in users only, and the reference page', async () => {
    const base = system.app.url;
    expect((await fetch(`${base}/api/openapi.json`)).status).to.equal(401);
    const agent = await signIn(system, 'agent');
    const reply = await fetch(`${base}/api/openapi.json`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(reply.status).to.equal(200);
    expect(reply.headers.get('cache-control')).to.equal('no-store');
    const served = (await reply.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).to.equal('3.1.0');
    expect(Object.keys(served.paths)).to.include('/api/tickets/{number}/actions');
    const anonymousPage = await fetch(`${base}/api-docs`, { redirect: 'manual' });
    expect(anonymousPage.status).to.equal(302);
    expect(anonymousPage.headers.get('location')).to.equal('/login?next=%2Fapi-docs');
    const page = await fetch(`${base}/api-docs`, { headers: { cookie: `alo153_session=${agent.token}` } });
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('/assets/api-docs.js');
  });
});
