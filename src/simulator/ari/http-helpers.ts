import type { Request, Response } from 'express';
import { pretty } from './event-hub.js';

/** Headers every Asterisk HTTP reply carries. */
function baseHeaders(res: Response): Response {
  return res.set('Server', 'Asterisk').set('Cache-Control', 'no-cache, no-store');
}

/** What a route answered when it ran for a RESTRequest (no HTTP: Asterisk drops the headers there). */
export interface CapturedReply {
  status: number;
  body?: unknown;
}

const CAPTURE = Symbol('rest-over-ws capture');
type Capturing = { [CAPTURE]?: (reply: CapturedReply) => void };

/** The route's reply goes to `onReply` as a value: not serialised, framed or parsed again. */
export function captureResponses(res: object, onReply: (reply: CapturedReply) => void): void {
  (res as Capturing)[CAPTURE] = onReply;
}

function captured(res: Response, status: number, body?: unknown): boolean {
  const onReply = (res as Capturing)[CAPTURE];
  if (!onReply) return false;
  onReply({ status, body });
  return true;
}

export function sendJson(res: Response, status: number, body: unknown): void {
  if (captured(res, status, body)) return;
  baseHeaders(res).status(status).type('application/json').send(pretty(body));
}

export function sendError(res: Response, status: number, message: string): void {
  sendJson(res, status, { message });
}

export function sendNoContent(res: Response): void {
  if (captured(res, 204)) return;
  baseHeaders(res).status(204).end();
}

/** Asterisk's HTML error page, as its HTTP server writes it before ARI is loaded (06, restart). */
export function htmlErrorPage(status: number, title: string, text: string): string {
  return (
    `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>${status} ${title}</title>\r\n</head><body>\r\n` +
    `<h1>${title}</h1>\r\n<p>${text}</p>\r\n<hr />\r\n<address>Asterisk</address>\r\n</body></html>\r\n`
  );
}

/** A query parameter as one string; repeated keys are joined with commas like Asterisk's list parameters. */
export function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').join(',');
  return undefined;
}

export function pathParam(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A body parameter the way ast_http_get_json reads it: only an `application/json` body counts (anything else,
 * or an empty body, is no body at all); undecodable JSON is 'unparsable' (400 "Error parsing request body").
 * Needs the route's `express.text` middleware.
 */
export function readJsonBody(req: Request): unknown {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return undefined;
  const text: unknown = req.body;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 'unparsable';
  }
}
