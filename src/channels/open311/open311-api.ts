import type { Logger } from '../../logging/logger.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { TicketValidationError } from '../../requests/ticket-form.js';
import type { Open311Keys } from './api-keys.js';
import type { Open311Config } from './config.js';
import { Open311Error, type Open311Value } from './format.js';
import type { Open311Limits } from './limits.js';
import type { Open311Intake } from './open311-intake.js';
import { parseRequestParams } from './request-params.js';
import { parseRequestQuery, type QueryInput } from './request-query.js';
import type { Open311ReadAccess } from './read-access.js';
import type { Open311RequestReader } from './request-reader.js';
import { serviceDefinition, servicesOf } from './services.js';

export interface Open311ApiOptions {
  config: Open311Config;
  keys: Open311Keys;
  limits: Open311Limits;
  intake: Open311Intake;
  reader: Open311RequestReader;
  /** Who may read which requests (api_key, readAll, publicReads). */
  readAccess: Open311ReadAccess;
  catalogue: CatalogueSource;
  logger: Logger;
  now?: () => Date;
}

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** The discovery document's changeset: when this endpoint's behaviour last changed. */
const CHANGESET = '2026-12-03T00:00:00+03:00';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** GeoReport v2's six methods and discovery, apart from HTTP: each answers a value or throws Open311Error. */
export class Open311Api {
  private readonly now: () => Date;

  constructor(private readonly options: Open311ApiOptions) {
    this.now = options.now ?? (() => new Date());
  }

  discovery(endpointUrl: string): Open311Value {
    const { contact, keyService } = this.options.config;
    return {
      changeset: CHANGESET,
      contact,
      key_service: keyService,
      endpoints: [{ specification: SPECIFICATION, url: endpointUrl, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
  }

  async services(jurisdiction: unknown): Promise<Open311Value> {
    this.checkJurisdiction(jurisdiction);
    return servicesOf(await this.options.catalogue.catalogue()) as unknown as Open311Value;
  }

  async definition(code: string, jurisdiction: unknown): Promise<Open311Value> {
    this.checkJurisdiction(jurisdiction);
    await this.checkService(code);
    return serviceDefinition(code, await this.options.catalogue.catalogue());
  }

  /** POST requests: 201 with the new request, 200 with the first one's for a repeat. */
  async submit(body: unknown, idempotencyKey: string | undefined): Promise<{ status: number; value: Open311Value }> {
    const apiKey = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).api_key : undefined;
    if (typeof apiKey !== 'string' || apiKey === '') throw new Open311Error(403, 'api_key was not provided');
    const key = await this.options.keys.verify(apiKey);
    if (!key) throw new Open311Error(403, 'Invalid api_key received -- can\'t proceed with create_request.');
    const retryAfterS = await this.options.limits.key(key.id);
    if (retryAfterS !== undefined) throw new Open311Error(429, `api_key over its limit of ${this.options.config.perKey.points} requests in ${this.options.config.perKey.durationS} s`, retryAfterS);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) throw new Open311Error(400, 'Idempotency-Key: 1 to 200 printable ASCII characters');
    const parsed = parseRequestParams(body);
    if (!parsed.ok) throw new Open311Error(400, parsed.problems);
    this.checkJurisdiction(parsed.params.jurisdictionId);
    await this.checkService(parsed.params.serviceCode);
    if (parsed.params.description === undefined) throw new Open311Error(400, 'description: is required');
    try {
      const taken = await this.options.intake.take(parsed.params, key.id, idempotencyKey);
      this.options.logger.info('open311 request taken', { ticket: taken.ticket.number, keyId: key.id, created: taken.created });
      const notice = this.options.config.serviceNotice;
      return {
        status: taken.created ? 201 : 200,
        value: [{ service_request_id: taken.ticket.number, token: taken.token, service_notice: notice === '' ? null : notice, account_id: parsed.params.accountId ?? null }],
      };
    } catch (error) {
      if (!(error instanceof TicketValidationError)) throw error;
      throw new Open311Error(400, Object.entries(error.fields).map(([field, problem]) => `${fieldName(field)}: ${problem.message}`));
    }
  }

  /** The reads take the whole query: its api_key decides which requests they may see. */
  async list(query: QueryInput): Promise<Open311Value> {
    const scope = await this.options.readAccess.scope(query, 'get_service_requests');
    const parsed = parseRequestQuery(query, this.now());
    this.checkJurisdiction(query.jurisdiction_id);
    return this.options.reader.list(parsed, scope);
  }

  async one(id: string, query: QueryInput): Promise<Open311Value> {
    const scope = await this.options.readAccess.scope(query, 'get_service_request');
    this.checkJurisdiction(query.jurisdiction_id);
    const request = await this.options.reader.one(id, scope);
    if (request === undefined) throw new Open311Error(404, `service_request_id ${id.slice(0, 40)} not found`);
    return [request];
  }

  async token(token: string, query: QueryInput): Promise<Open311Value> {
    const scope = await this.options.readAccess.scope(query, 'get_service_request_id');
    this.checkJurisdiction(query.jurisdiction_id);
    const found = /^[0-9a-f]{32}$/.test(token) ? await this.options.reader.byToken(token, scope) : undefined;
    if (found === undefined) throw new Open311Error(404, 'token not found');
    return [found];
  }

  private checkJurisdiction(jurisdiction: unknown): void {
    if (jurisdiction === undefined || jurisdiction === '') return;
    if (jurisdiction !== this.options.config.jurisdictionId) throw new Open311Error(404, 'jurisdiction_id not found');
  }

  private async checkService(code: string): Promise<void> {
    const index = await this.options.catalogue.index();
    if (!index.categoryDepartments.has(code)) throw new Open311Error(404, `service_code ${code.slice(0, 60)} not found`);
  }
}

/** The intake's field names as the spec's parameters. */
function fieldName(field: string): string {
  if (field === 'district' || field === 'neighbourhood') return `attribute[${field}]`;
  if (field === 'callerNumber') return 'phone';
  if (field === 'categoryCode') return 'service_code';
  return field;
}
