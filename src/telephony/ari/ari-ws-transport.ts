import { z } from 'zod';
import { TelephonyError } from '../ports.js';
import { ariBodyOf, type AriResponse } from './ari-rest.js';

/** The part of ari-client's `ws` socket the transport writes to. */
export interface RestSocket {
  readonly readyState: number;
  send(data: string, callback?: (error?: Error) => void): void;
  once(event: 'close', listener: () => void): unknown;
}

const WS_OPEN = 1;

/** events.json's RESTResponse; the rest of the frame (application, timestamp...) is not read. */
const restResponseSchema = z.object({
  request_id: z.string(),
  status_code: z.number().int(),
  content_type: z.string().optional(),
  message_body: z.string().optional(),
});

interface Pending {
  socket: RestSocket;
  operation: string;
  timer: NodeJS.Timeout;
  resolve: (response: AriResponse) => void;
  reject: (error: TelephonyError) => void;
}

/**
 * ARI REST over the events WebSocket (Asterisk 20.14/21.9/22.4+): a RESTRequest TEXT frame out, the RESTResponse
 * event back on the same socket, matched by request_id (Asterisk answers in its own order). It saves an HTTP
 * request per command on both sides. A request lives on the socket it was written to: that socket closing fails
 * it at once (Asterisk will never answer it), so the caller's retry runs now and not at the timeout.
 */
export class AriWsTransport {
  private socket: RestSocket | undefined;
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;

  constructor(private readonly timeoutMs: number) {}

  /** An open socket to write to; without one the caller goes over HTTP. */
  get ready(): boolean {
    return this.socket !== undefined && this.socket.readyState === WS_OPEN;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  attach(socket: RestSocket): void {
    this.socket = socket;
    socket.once('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.failPending(socket, 'websocket closed before the answer');
    });
  }

  /** Back to HTTP (a new client, a server found not to support it); what is in flight still gets its answer. */
  detach(): void {
    this.socket = undefined;
  }

  request(method: string, path: string, query: Record<string, string | number>, operation: string, body?: unknown): Promise<AriResponse> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WS_OPEN) return Promise.reject(new TelephonyError(`${operation}: no ARI websocket`, operation));
    this.sequence += 1;
    const requestId = String(this.sequence);
    const frame: Record<string, unknown> = { type: 'RESTRequest', request_id: requestId, method, uri: path.startsWith('/') ? path.slice(1) : path };
    const names = Object.keys(query);
    // query_strings, not the uri's query string: no percent-encoding to agree on with ast_http_parse_post_form.
    if (names.length > 0) frame.query_strings = names.map((name) => ({ name, value: String(query[name]) }));
    if (body !== undefined) {
      frame.content_type = 'application/json';
      frame.message_body = JSON.stringify(body);
    }
    return new Promise<AriResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(requestId)) reject(new TelephonyError(`${operation} timed out after ${this.timeoutMs} ms`, operation));
      }, this.timeoutMs);
      this.pending.set(requestId, { socket, operation, timer, resolve, reject });
      socket.send(JSON.stringify(frame), (error) => {
        if (error) this.settle(requestId, (entry) => entry.reject(new TelephonyError(`${operation}: ${error.message}`, operation)));
      });
    });
  }

  /** A RESTResponse frame off the socket; false when it answers nothing we wait for (late, foreign, malformed). */
  handle(frame: unknown): boolean {
    const parsed = restResponseSchema.safeParse(frame);
    if (!parsed.success) return false;
    const { request_id: requestId, status_code: status, content_type: contentType, message_body: text } = parsed.data;
    return this.settle(requestId, (entry) => entry.resolve({ status, body: ariBodyOf(text ?? '', contentType ?? '') }));
  }

  /** Stopping: nothing more will be answered. */
  close(): void {
    this.socket = undefined;
    for (const requestId of [...this.pending.keys()]) this.settle(requestId, (entry) => entry.reject(new TelephonyError(`${entry.operation}: ARI stopped`, entry.operation)));
  }

  private settle(requestId: string, finish: (entry: Pending) => void): boolean {
    const entry = this.pending.get(requestId);
    if (!entry) return false;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    finish(entry);
    return true;
  }

  private failPending(socket: RestSocket, reason: string): void {
    for (const [requestId, entry] of this.pending) {
      if (entry.socket !== socket) continue;
      this.settle(requestId, () => entry.reject(new TelephonyError(`${entry.operation}: ${reason}`, entry.operation)));
    }
  }
}
