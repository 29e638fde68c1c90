import { SaxesParser } from 'saxes';
import { ChannelIntake } from '../../src/channels/intake.js';
import { shippedOpen311Config, type Open311Config } from '../../src/channels/open311/config.js';
import { createOpen311, type Open311 } from '../../src/channels/open311/create-open311.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

export const T0 = Date.parse('2026-12-03T07:00:00.000Z');

export interface RawReply {
  status: number;
  type: string;
  text: string;
  headers: Headers;
}

/** The Open311 endpoint on a real app (origin guard, auth, the admin key routes) over one test database. */
export interface Open311Harness {
  test: TestDatabase;
  app: TestHttpApp;
  open311: Open311;
  requests: Requests;
  /** The clock of the intake, the lifecycle and the 90-day window (ms); tests move it. */
  clock: { now: number };
  /** A key created through the admin REST route. */
  key: string;
  keyId: number;
  /** POST a form (the spec's encoding). */
  form(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<RawReply>;
  get(path: string): Promise<RawReply>;
  /** GET with an api_key query parameter (the harness's key unless another is given). */
  read(path: string, key?: string): Promise<RawReply>;
  /** Another key, created through the admin REST route. */
  createKey(fields: { name: string; owner?: string; readAll?: boolean }): Promise<{ id: number; key: string }>;
  /** JSON of a reply that must be JSON. */
  json<T = unknown>(reply: RawReply): T;
  close(): Promise<void>;
}

export const agent: RequestActor = { kind: 'user', userId: 1, username: 'ayse', role: 'agent', department: null };
export const vet: RequestActor = { kind: 'user', userId: 2, username: 'vet', role: 'department', department: 'veteriner' };

async function raw(response: Response): Promise<RawReply> {
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text(), headers: response.headers };
}

export async function startOpen311(overrides: Partial<Open311Config> = {}): Promise<Open311Harness> {
  const test = await createTestDatabase();
  const clock = { now: T0 };
  const now = (): Date => new Date(clock.now);
  const { logger } = capturingLogger();
  const catalogue = new KnexCatalogue(test.db);
  const requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger, catalogue, now, tasks: { run: async () => undefined } });
  const intake = new ChannelIntake({ db: test.db, service: requests.service, catalogue, now });
  const open311 = createOpen311({ db: test.db, intake, catalogue, config: { ...shippedOpen311Config(), ...overrides }, logger, now });
  const app = await startTestHttpApp({
    db: test.db,
    logger,
    accounts: [
      { username: 'admin', role: 'admin' },
      { username: 'ayse', role: 'agent' },
    ],
    deps: { open311: open311.http },
  });
  const createKey = async (fields: { name: string; owner?: string; readAll?: boolean }): Promise<{ id: number; key: string }> => {
    const created = await app.call<{ key: { id: number; key: string } }>('POST', '/api/open311/keys', 'admin', { owner: 'Kent Bilgi A.Ş.', ...fields });
    if (created.status !== 201) throw new Error(`key not created: ${created.status}`);
    return created.body.key;
  };
  const first = await createKey({ name: 'Kent uygulaması' });
  return {
    test,
    app,
    open311,
    requests,
    clock,
    key: first.key,
    keyId: first.id,
    form: async (path, fields, headers = {}) =>
      raw(await fetch(`${app.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() })),
    get: async (path) => raw(await fetch(`${app.base}${path}`)),
    read: async (path, key = first.key) => raw(await fetch(`${app.base}${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}`)),
    createKey,
    json: <T>(reply: RawReply): T => {
      if (!reply.type.startsWith('application/json')) throw new Error(`not JSON (${reply.type}): ${reply.text.slice(0, 200)}`);
      return JSON.parse(reply.text) as T;
    },
    close: async () => {
      await app.close();
      await test.destroy();
    },
  };
}

/** An element of a parsed answer: its name, child elements and own text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

/**
 * A strict XML 1.0 parse (saxes, exceljs's parser): a malformed answer, an undeclared entity or text outside
 * the root throws, so a passing parse means well-formed XML.
 */
export function parseXml(text: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  let declaredUtf8 = false;
  parser.on('xmldecl', (decl) => {
    declaredUtf8 = decl.encoding === 'UTF-8';
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, children: [], text: '' };
    stack[stack.length - 1]?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (chunk) => {
    const top = stack[stack.length - 1];
    if (top) top.text += chunk;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  if (!declaredUtf8) throw new Error('no <?xml … encoding="UTF-8"?> declaration');
  const root = stack[0]?.children[0];
  if (!root) throw new Error('no root element');
  return root;
}

export const xmlChildren = (node: XmlNode, name: string): XmlNode[] => node.children.filter((child) => child.name === name);

export function xmlChild(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((child) => child.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

/** The leaf children of an element as name → text (an empty element is ''). */
export function xmlFields(node: XmlNode): Record<string, string> {
  return Object.fromEntries(node.children.filter((child) => child.children.length === 0).map((child) => [child.name, child.text]));
}
