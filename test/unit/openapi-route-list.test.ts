import { expect } from 'chai';
import express, { Router } from 'express';
import { listRoutes, toOpenApiPath } from '../../src/http/openapi/route-list.js';

describe('listing the routes of an Express 5 app', () => {
  it('walks nested routers with their mount paths and turns :params into {params}', () => {
    const app = express();
    const inner = Router();
    inner.get('/v2/services/:file', (_req, res) => res.end());
    inner.post('/v2/:file', (_req, res) => res.end());
    const api = Router();
    api.use('/field', (_req, _res, next) => next());
    api.route('/tickets/:number').get((_req, res) => res.end()).patch((_req, res) => res.end());
    const outer = Router();
    outer.use('/open311', inner);
    app.use(outer);
    app.use('/api', api);
    app.get('/healthz', (_req, res) => res.end());
    expect(listRoutes(app)).to.deep.equal([
      { method: 'get', path: '/api/tickets/{number}' },
      { method: 'patch', path: '/api/tickets/{number}' },
      { method: 'get', path: '/healthz' },
      { method: 'post', path: '/open311/v2/{file}' },
      { method: 'get', path: '/open311/v2/services/{file}' },
    ]);
  });

  it('refuses what it cannot list rather than leave it out: a mounted sub-app, app.all, a pattern path', () => {
    const withSubApp = express();
    withSubApp.use('/metrics', express());
    expect(() => listRoutes(withSubApp)).to.throw(/sub-app is mounted at \/metrics/);
    const withAll = express();
    withAll.all('/api/any', (_req, res) => res.end());
    expect(() => listRoutes(withAll)).to.throw(/app.all route/);
    expect(() => toOpenApiPath('/files{/:name}')).to.throw(/no single OpenAPI path/);
    expect(toOpenApiPath('/api/agents/:id/sessions/')).to.equal('/api/agents/{id}/sessions');
  });
});
