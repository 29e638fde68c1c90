import { IncomingMessage, ServerResponse, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { captureResponses, type CapturedReply } from './http-helpers.js';

/** What the socket's RESTResponse carries before the hub stamps application, timestamp and asterisk_id. */
export interface RestResponseFrame {
  type: 'RESTResponse';
  transaction_id: string;
  request_id: string;
  status_code: number;
  reason_phrase: string;
  uri: string;
  content_type?: string;
  message_body?: string;
}

/** ast_http_methods_text: matched case-sensitively by ast_get_http_method_from_string (main/http.c). */
const METHODS = new Set(['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

interface ParsedRequest {
  transactionId: string;
  requestId: string;
  uri: string;
  method: string;
  query: Array<[string, string]>;
  contentType?: string;
  body?: string;
}

/** Never connected: it only satisfies IncomingMessage's constructor, and makes body-parser see a finished request. */
const NO_SOCKET = new Socket();

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * ARI REST over the events WebSocket (Asterisk 20.14/21.9/22.4+), as res/ari/ari_websockets.c (session_read) and
 * res/ari/ari_websocket_requests.c (parse_rest_request_msg, send_rest_response) handle a TEXT frame: the request
 * goes to the same resource handlers as HTTP (ast_ari_invoke), the answer is a RESTResponse on the same socket.
 * Binary and other frames are ignored (session_read); `null` means no answer at all.
 */
export type RestDispatch = (req: IncomingMessage, res: ServerResponse) => void;

export async function answerRestFrame(text: string, app: RestDispatch): Promise<RestResponseFrame | null> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    message = undefined;
  }
  // jansson's json_loadb without JSON_DECODE_ANY: only an object or an array is a document.
  if (typeof message !== 'object' || message === null) return frame('', '', 400, 'Failed to parse request message JSON', '');
  const parsed = parseRequest(message as Record<string, unknown>);
  if ('error' in parsed) return parsed.error;
  const reply = await invoke(app, parsed);
  return frame(parsed.transactionId, parsed.requestId, reply.status, STATUS_CODES[reply.status] ?? '', parsed.uri, reply.body);
}

/** send_rest_response's field order; content_type and message_body only with a body (not for 204). */
function frame(transactionId: string, requestId: string, status: number, reason: string, uri: string, body?: unknown): RestResponseFrame {
  const result: RestResponseFrame = { type: 'RESTResponse', transaction_id: transactionId, request_id: requestId, status_code: status, reason_phrase: reason, uri };
  if (body !== undefined && body !== null) {
    result.content_type = 'application/json';
    // AST_JSON_COMPACT, whatever ari.conf's pretty says for the frame itself.
    result.message_body = JSON.stringify(body);
  }
  return result;
}

/** parse_rest_request_msg, check for check: an error answers 400 with Asterisk's `{"message"}`. */
function parseRequest(msg: Record<string, unknown>): ParsedRequest | { error: RestResponseFrame } {
  const transactionId = str(msg.transaction_id) ?? '';
  const requestId = str(msg.request_id) ?? '';
  let uri = '';
  const fail = (message: string): { error: RestResponseFrame } => ({ error: frame(transactionId, requestId, 400, 'Bad request', uri, { message }) });
  const type = str(msg.type);
  if (!type) return fail("No 'type' property.");
  if (type !== 'RESTRequest') return fail('Unknown request type.');
  const fullUri = str(msg.uri);
  if (!fullUri) return fail("Empty or missing 'uri' property.");
  const question = fullUri.indexOf('?');
  // The answer's uri is the one cut at '?' (the query string is parsed off in place).
  uri = question < 0 ? fullUri : fullUri.slice(0, question);
  const query: Array<[string, string]> = question < 0 ? [] : [...new URLSearchParams(fullUri.slice(question + 1))];
  const method = str(msg.method) ?? '';
  if (!METHODS.has(method)) return fail("Unknown or missing 'method' property.");
  const list = msg.query_strings;
  if (Array.isArray(list)) {
    for (const item of list) {
      const name = typeof item === 'object' && item !== null ? str((item as Record<string, unknown>).name) : undefined;
      const value = typeof item === 'object' && item !== null ? str((item as Record<string, unknown>).value) : undefined;
      if (name === undefined || value === undefined) return fail("Unable to parse 'query_strings' array.");
      query.push([name, value]);
    }
  }
  const body = str(msg.message_body);
  if (!body) return { transactionId, requestId, uri, method, query };
  const contentType = str(msg.content_type);
  if (!contentType) return fail("No 'content_type' for 'message_body'.");
  if (contentType === 'application/x-www-form-urlencoded') {
    query.push(...new URLSearchParams(body));
    return { transactionId, requestId, uri, method, query };
  }
  if (contentType !== 'application/json') return fail('Unknown content type.');
  try {
    JSON.parse(body);
  } catch {
    return fail("Unable to parse 'message_body' as 'application/json'.");
  }
  return { transactionId, requestId, uri, method, query, contentType, body };
}

/**
 * Runs the request through the express app that holds the HTTP routes, with a request no socket ever carried: the
 * handlers read method, url, query, params, headers and a pre-read body (body-parser skips a finished request).
 */
function invoke(app: RestDispatch, request: ParsedRequest): Promise<CapturedReply> {
  const search = new URLSearchParams(request.query).toString();
  const req = new IncomingMessage(NO_SOCKET);
  req.method = request.method;
  req.url = `/ari/${request.uri}${search ? `?${search}` : ''}`;
  req.headers = request.contentType ? { 'content-type': request.contentType } : {};
  Object.assign(req, { body: request.body });
  return new Promise((resolve) => {
    const res = new ServerResponse(req);
    captureResponses(res, resolve);
    // The routes' catch-alls answer everything through sendJson; this only guards against a route that does not.
    res.end = ((): ServerResponse => {
      resolve({ status: res.statusCode });
      return res;
    }) as ServerResponse['end'];
    app(req, res);
  });
}
