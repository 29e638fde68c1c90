import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../logging/logger.js';
import { bridgeRoutes } from './bridge-routes.js';
import { channelRoutes } from './channel-routes.js';
import type { AriCore } from './core.js';
import { RESOURCES } from './declarations.js';
import { pretty } from './event-hub.js';
import { htmlErrorPage, sendError, sendJson } from './http-helpers.js';
import { miscRoutes } from './misc-routes.js';
import { answerRestFrame } from './rest-over-ws.js';
import { declarationJson, resourceListingJson } from './swagger-dsl.js';

/** What a restarting Asterisk answers, phase by phase (README fact 14). */
export type AriPhase = 'refusing' | 'http-404' | 'not-booted' | 'up';

export interface AriServerOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  logger: Logger;
}

const NOT_FOUND_PAGE = htmlErrorPage(404, 'Not Found', 'The requested URL was not found on this server.');
const KNOWN_PATHS = [/^\/ari\/channels(\/[^/]+(\/(answer|continue|dtmf|play|variable)(\/[^/]+)?)?)?$/, /^\/ari\/playbacks\/[^/]+(\/control)?$/, /^\/ari\/applications(\/[^/]+(\/eventFilter)?)?$/, /^\/ari\/asterisk\/(info|ping|variable)$/, /^\/ari\/bridges(\/[^/]+(\/(addChannel|removeChannel))?)?$/];

export class AriServer {
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Socket>();
  private phase: AriPhase = 'up';
  private port: number;

  constructor(
    private readonly options: AriServerOptions,
    private readonly core: AriCore,
  ) {
    this.port = options.port;
    this.restApp = this.routes(express());
  }

  get boundPort(): number {
    return this.port;
  }

  private authorised(req: IncomingMessage): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const apiKey = url.searchParams.get('api_key');
    const expected = `${this.options.username}:${this.options.password}`;
    if (apiKey !== null) return apiKey === expected;
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    return Buffer.from(header.slice(6), 'base64').toString('utf8') === expected;
  }

  /** The resources without the HTTP gate (phase, credentials): a RESTRequest comes on a socket already let in. */
  private readonly restApp: express.Express;

  private app(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (this.phase === 'http-404') return void res.status(404).set('Server', 'Asterisk').type('text/html').send(NOT_FOUND_PAGE);
      if (this.phase === 'not-booted') return sendError(res.set('Connection', 'close'), 503, 'Asterisk not booted');
      if (!this.authorised(req)) return sendError(res.set('WWW-Authenticate', 'Basic realm="Asterisk REST Interface"'), 401, 'Authentication required');
      next();
    });
    return this.routes(app);
  }

  private routes(app: express.Express): express.Express {
    const baseUrl = (req: Request): string => `http://${req.headers.host ?? `${this.options.host}:${this.port}`}`;
    app.get('/ari/api-docs/resources.json', (req, res) => sendJson(res, 200, resourceListingJson(RESOURCES, baseUrl(req))));
    for (const resource of RESOURCES) {
      app.get(`/ari/api-docs/${resource.name}.json`, (req, res) => sendJson(res, 200, declarationJson(resource, baseUrl(req))));
    }
    app.use('/ari', channelRoutes(this.core));
    app.use('/ari', miscRoutes(this.core));
    app.use('/ari', bridgeRoutes(this.core));
    app.use((req: Request, res: Response) => {
      if (KNOWN_PATHS.some((pattern) => pattern.test(req.path))) return sendError(res, 405, 'Invalid method');
      sendError(res, 404, 'Resource not found');
    });
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      this.options.logger.error('simulator ARI route failed', { error });
      sendError(res, 500, 'Internal Server Error');
    });
    return app;
  }

  private rejectUpgrade(socket: Socket, status: string, contentType: string, body: string, extraHeaders = ''): void {
    socket.end(
      `HTTP/1.1 ${status}\r\nServer: Asterisk\r\nCache-Control: no-cache, no-store\r\n${extraHeaders}` +
        `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (this.phase === 'http-404' || url.pathname !== '/ari/events') return this.rejectUpgrade(socket, '404 Not Found', 'text/html', NOT_FOUND_PAGE);
    if (this.phase === 'not-booted') return this.rejectUpgrade(socket, '503 Service Unavailable', 'application/json', pretty({ message: 'Asterisk not booted' }));
    if (!this.authorised(req)) {
      return this.rejectUpgrade(socket, '401 Unauthorized', 'application/json', pretty({ message: 'Authentication required' }), 'WWW-Authenticate: Basic realm="Asterisk REST Interface"\r\n');
    }
    const apps = (url.searchParams.get('app') ?? '').split(',').filter(Boolean);
    if (apps.length === 0) return this.rejectUpgrade(socket, '400 Bad Request', 'text/html', htmlErrorPage(400, 'Bad Request', 'HTTP request is missing param: [app]'));
    const subscribeAll = url.searchParams.get('subscribeAll') === 'true';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const inUse = (app: string): boolean => [...this.core.pbx.channels.values()].some((c) => c.subscribedApp === app || c.stasisApp === app);
      for (const app of apps) this.core.hub.register(app, ws, subscribeAll, inUse(app));
      ws.on('message', (data, isBinary) => {
        // session_read ignores every frame but TEXT.
        if (isBinary) return;
        const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
        void answerRestFrame(text, (request, response) => this.dispatchRest(request, response)).then((frame) => {
          if (frame) this.core.hub.sendRestResponse(ws, apps[0] ?? '', frame);
        });
      });
    });
  }

  /** A RESTRequest's request, past the WebSocket layer: into the same resources as HTTP (the bench's probe counts it here). */
  private dispatchRest(req: IncomingMessage, res: ServerResponse): void {
    void this.restApp(req, res);
  }

  async listen(): Promise<number> {
    const server = createServer(this.app());
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head));
    server.on('connection', (socket: Socket) => {
      this.connections.add(socket);
      socket.on('close', () => this.connections.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.options.host, () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
    return this.port;
  }

  /** Stops listening and cuts every TCP connection (no WebSocket close frame: clients see 1006). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.core.hub.terminateAll();
    for (const socket of this.connections) socket.destroy();
    this.connections.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Restart phases: `refusing` closes the port, the others answer HTTP the way a booting Asterisk does. */
  async setPhase(phase: AriPhase): Promise<void> {
    this.phase = phase;
    if (phase === 'refusing') await this.close();
    else if (!this.server) await this.listen();
  }
}
