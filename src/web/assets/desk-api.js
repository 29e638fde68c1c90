/**
 * The desk's REST calls (same origin; the HttpOnly session cookie authenticates them). Every call
 * resolves to the status and the parsed body instead of throwing on 4xx, because for the desk a 400
 * or a 409 is an answer to show, not a failure. Only a dead network rejects (with ApiNetworkError).
 */

/** @typedef {import('../../agents/desk-protocol.js').DeskState} DeskState */
/** @typedef {import('../../agents/desk-protocol.js').DeskLogoutResult} DeskLogoutResult */
/** @typedef {import('../../agents/desk-protocol.js').ScreenPop} ScreenPop */
/** @typedef {import('../../agents/desk-protocol.js').PauseReason} PauseReason */
/** @typedef {import('../../requests/ticket-store-type.js').TicketView} TicketView */
/** @typedef {import('../../requests/ticket-store-type.js').TicketEventView} TicketEventView */

/**
 * A ticket as JSON: its dates arrive as ISO strings.
 * @typedef {{ [K in keyof TicketView]: TicketView[K] extends Date ? string : TicketView[K] extends Date | null ? string | null : TicketView[K] }} TicketJson
 */
/** @typedef {Omit<TicketEventView, 'at'> & { at: string }} TicketEventJson */
/** @typedef {TicketJson & { events: TicketEventJson[] }} TicketDetailJson */

/** @typedef {{ code: string, name: string, departmentCode: string }} SubCategory */
/** @typedef {SubCategory & { children: SubCategory[] }} Category */
/** @typedef {import('../../requests/catalogue/catalogue.js').Catalogue} Catalogue GET /api/catalogue */

/** @typedef {'draft' | 'resolved-on-call' | 'forwarded'} Outcome */
/** @typedef {'desk' | 'acik-kapi' | 'phone'} NewTicketSource */
/**
 * @typedef {object} TicketChanges
 * @property {string | null} [categoryCode]
 * @property {string | null} [departmentCode]
 * @property {string | null} [district]
 * @property {string | null} [neighbourhood]
 * @property {string | null} [address]
 * @property {string | null} [description]
 * @property {string | null} [priority]
 * @property {string | null} [callerName]
 * @property {string | null} [callerNumber]
 * @property {string | null} [resolution]
 * @property {string | null} [smsConsent]
 * @property {Outcome} outcome
 */
/** @typedef {{ version: number, changes: TicketChanges }} TicketPatch */
/** @typedef {TicketChanges & { source: NewTicketSource }} NewTicket */
/** @typedef {{ code: string, message: string }} FieldProblem */

/**
 * @typedef {{ kind: 'saved', ticket: TicketJson }
 *   | { kind: 'invalid', fields: Record<string, FieldProblem>, error: string }
 *   | { kind: 'conflict', current: TicketJson }
 *   | { kind: 'forbidden' }
 *   | { kind: 'failed', status: number, error: string }} SaveResult
 */

/** @typedef {{ items: TicketJson[], total: number, limit: number, offset: number }} TicketPage */
/** @typedef {{ id: number, username: string, displayName: string, phoneInterface: string | null }} DeskUserJson */
/** @typedef {{ user: DeskUserJson, state: DeskState, pop: ScreenPop | null }} AgentDesk */
/** @typedef {{ id: number, username: string, displayName: string, role: string }} MeUser */

/**
 * @template T
 * @typedef {{ ok: true, status: number, body: T } | { ok: false, status: number, body: ErrorBody }} ApiResult
 */
/** @typedef {{ error: string, details?: unknown, [key: string]: unknown }} ErrorBody */

export class ApiNetworkError extends Error {
  /** @param {unknown} cause */
  constructor(cause) {
    super('the server could not be reached', { cause });
    this.name = 'ApiNetworkError';
  }
}

/** Called on any 401: the page decides what to keep before it leaves for the login page. */
let onUnauthorized = () => {};

/** @param {() => void} handler */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/**
 * @template T
 * @param {'GET' | 'POST' | 'PATCH'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<ApiResult<T>>}
 */
async function request(method, path, body) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiNetworkError(error);
  }
  if (response.status === 401) onUnauthorized();
  const parsed = await readJson(response);
  if (response.ok) return { ok: true, status: response.status, body: /** @type {T} */ (parsed) };
  return { ok: false, status: response.status, body: errorBody(parsed, response.status) };
}

/** For the desk's feature modules (desk-relay-api.js) that keep their own calls. */
export { request as apiRequest };

/** @param {Response} response */
async function readJson(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return /** @type {unknown} */ (JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * @param {unknown} parsed
 * @param {number} status
 * @returns {ErrorBody}
 */
function errorBody(parsed, status) {
  if (isRecord(parsed) && typeof parsed.error === 'string') return /** @type {ErrorBody} */ (parsed);
  return { error: `HTTP ${status}` };
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @returns {Promise<ApiResult<{ user: MeUser, expiresAt: number }>>} */
export const getMe = () => request('GET', '/api/auth/me');
export const endSession = () => request('POST', '/api/auth/logout');

/** @returns {Promise<ApiResult<DeskState>>} */
export const getDeskState = () => request('GET', '/api/desk/state');
/** @returns {Promise<ApiResult<DeskState>>} 202 when it waits for AMI (state.pending set) */
export const startShift = () => request('POST', '/api/desk/login', {});
/** @returns {Promise<ApiResult<DeskLogoutResult>>} 200 also when some queues refused (`logout.complete` false) */
export const endShift = () => request('POST', '/api/desk/logout', {});
/**
 * @param {string} reason a code of the catalogue's pauseReasons
 * @returns {Promise<ApiResult<DeskState>>}
 */
export const pause = (reason) => request('POST', '/api/desk/pause', { reason });
/** @returns {Promise<ApiResult<DeskState>>} */
export const unpause = () => request('POST', '/api/desk/unpause', {});
/** @returns {Promise<ApiResult<ScreenPop | null>>} null on 204: no call */
export const getPop = () => request('GET', '/api/desk/pop');

/** @returns {Promise<ApiResult<Catalogue>>} */
export const getCatalogue = () => request('GET', '/api/catalogue');

/**
 * @param {string} number
 * @returns {Promise<ApiResult<TicketDetailJson>>}
 */
export const getTicket = (number) => request('GET', `/api/tickets/${encodeURIComponent(number)}`);

/**
 * @param {Record<string, string | number>} query phone / number / q, limit, offset
 * @returns {Promise<ApiResult<TicketPage>>}
 */
export function searchTickets(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  return request('GET', `/api/tickets?${params}`);
}

/**
 * @param {string} number
 * @param {TicketPatch} patch
 * @returns {Promise<SaveResult>}
 */
export async function saveTicket(number, patch) {
  return saveResult(await request('PATCH', `/api/tickets/${encodeURIComponent(number)}`, patch));
}

/**
 * @param {NewTicket} ticket
 * @returns {Promise<SaveResult>}
 */
export async function createTicket(ticket) {
  return saveResult(await request('POST', '/api/tickets', ticket));
}

/**
 * @param {ApiResult<unknown>} result
 * @returns {SaveResult}
 */
function saveResult(result) {
  if (result.ok) {
    if (!isTicket(result.body)) return { kind: 'failed', status: result.status, error: 'unexpected answer' };
    return { kind: 'saved', ticket: result.body };
  }
  const body = result.body;
  if (result.status === 400) return { kind: 'invalid', fields: { ...detailProblems(body.details), ...fieldProblems(body.fields) }, error: body.error };
  if (result.status === 409 && isTicket(body.current)) return { kind: 'conflict', current: body.current };
  if (result.status === 403) return { kind: 'forbidden' };
  return { kind: 'failed', status: result.status, error: body.error };
}

/**
 * @param {unknown} fields
 * @returns {Record<string, FieldProblem>}
 */
function fieldProblems(fields) {
  /** @type {Record<string, FieldProblem>} */
  const problems = {};
  if (!isRecord(fields)) return problems;
  for (const [field, problem] of Object.entries(fields)) {
    if (isRecord(problem) && typeof problem.code === 'string') {
      problems[field] = { code: problem.code, message: typeof problem.message === 'string' ? problem.message : '' };
    }
  }
  return problems;
}

/**
 * A 400 from the generic request check (`details: [{ path: 'changes.callerNumber', message }]`)
 * names the field only in its path; its last part is the field.
 * @param {unknown} details
 * @returns {Record<string, FieldProblem>}
 */
function detailProblems(details) {
  /** @type {Record<string, FieldProblem>} */
  const problems = {};
  if (!Array.isArray(details)) return problems;
  for (const detail of details) {
    if (!isRecord(detail) || typeof detail.path !== 'string') continue;
    const field = detail.path.split('.').pop() || detail.path;
    problems[field] = { code: 'invalid', message: typeof detail.message === 'string' ? detail.message : '' };
  }
  return problems;
}

/**
 * @param {unknown} value
 * @returns {value is TicketJson}
 */
export function isTicket(value) {
  return isRecord(value) && typeof value.number === 'string' && typeof value.version === 'number' && typeof value.status === 'string';
}

/** @returns {Promise<ApiResult<{ items: AgentDesk[] }>>} */
export const listAgents = () => request('GET', '/api/agents');
/**
 * @param {number} userId
 * @param {string} reason
 * @returns {Promise<ApiResult<DeskState>>}
 */
export const pauseAgent = (userId, reason) => request('POST', `/api/agents/${userId}/pause`, { reason });
/**
 * @param {number} userId
 * @returns {Promise<ApiResult<DeskLogoutResult>>}
 */
export const logoutAgent = (userId) => request('POST', `/api/agents/${userId}/logout`, {});
