import http from 'node:http';
import https from 'node:https';
import { TelephonyError } from '../ports.js';
import type { AriWsTransport } from './ari-ws-transport.js';

export interface AriRestOptions {
  /** Asterisk's HTTP server, e.g. http://127.0.0.1:8088 */
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
  /** Used instead of HTTP while it has an open events socket (the supervisor decides when it may). */
  webSocket?: AriWsTransport;
}

export interface AriResponse {
  status: number;
  /** Asterisk's `{"message": ...}` for errors, the resource for 200. */
  body: unknown;
}

/**
 * The per-call REST commands, on a keep-alive connection pool. ari-client stays in charge of the
 * connection (API declarations, events WebSocket, its reconnect); its generated operations are not
 * used on the call path because they drop the HTTP status (`new Error(body)`), have no timeout,
 * open a new TCP connection per request and cost several times the CPU (swagger-client + request).
 */
export class AriRest {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly authorization: string;

  constructor(private readonly options: AriRestOptions) {
    this.base = new URL(options.url);
    this.agent = new (this.base.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 32 });
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /** `body`: a JSON body parameter (eventFilter's `filter`); the per-call commands take query parameters only. */
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, query: Record<string, string | number> = {}, operation = path, body?: unknown): Promise<AriResponse> {
    const webSocket = this.options.webSocket;
    if (webSocket?.ready) return webSocket.request(method, path, query, operation, body);
    const url = new URL(`/ari${path}`, this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    const transport = url.protocol === 'https:' ? https : http;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: ariBodyOf(Buffer.concat(chunks).toString('utf8'), res.headers['content-type'] ?? '') });
        });
        res.on('error', (error) => reject(new TelephonyError(`${operation}: ${error.message}`, operation)));
      });
      req.setTimeout(this.options.timeoutMs, () => req.destroy(new TelephonyError(`${operation} timed out after ${this.options.timeoutMs} ms`, operation)));
      req.on('error', (error) => reject(error instanceof TelephonyError ? error : new TelephonyError(`${operation}: ${error.message}`, operation)));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A response body as both transports read it: JSON when its content type says so, the text otherwise. */
export function ariBodyOf(text: string, contentType: string): unknown {
  if (!text || !contentType.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Asterisk answered with a broken body: keep the text for the error message.
    return text;
  }
}

export function asteriskMessageOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  return typeof body === 'string' ? body.slice(0, 200) : '';
}
