import type { Response } from 'express';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

/** GeoReport v2's two formats, chosen by the resource's extension (services.json, services.xml). */
export type Open311Format = 'json' | 'xml';

export type Open311Value = string | number | boolean | null | readonly Open311Value[] | { readonly [field: string]: Open311Value };

/** How the spec's XML names the elements of a list field (`<attributes><attribute>…`). */
const LIST_ITEM = new Map([
  ['attributes', 'attribute'],
  ['values', 'value'],
  ['endpoints', 'endpoint'],
  ['formats', 'format'],
]);

const CONTENT_TYPE: Record<Open311Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** `services.json` → { name: 'services', format: 'json' }; undefined without a known extension. */
export function splitResource(file: string): { name: string; format: Open311Format } | undefined {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match?.[1] || (match[2] !== 'json' && match[2] !== 'xml')) return undefined;
  return { name: match[1], format: match[2] };
}

function addValue(parent: XMLBuilder, name: string, value: Open311Value): void {
  const element = parent.ele(name);
  if (value === null) return;
  if (Array.isArray(value)) {
    const item = LIST_ITEM.get(name) ?? 'item';
    for (const entry of value as readonly Open311Value[]) addValue(element, item, entry);
    return;
  }
  if (typeof value === 'object') {
    for (const [field, inner] of Object.entries(value as Record<string, Open311Value>)) addValue(element, field, inner);
    return;
  }
  element.txt(String(value));
}

/**
 * The spec's XML: `<root>` holding one `<item>` per entry (services → service), or the fields of one object
 * (service_definition, discovery). xmlbuilder2 escapes every text; characters XML 1.0 cannot carry (control
 * characters a client sent) are dropped rather than failing the whole answer.
 */
export function toXml(root: string, item: string | null, value: Open311Value): string {
  const document = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const top = document.ele(root);
  if (item !== null && Array.isArray(value)) for (const entry of value as readonly Open311Value[]) addValue(top, item, entry);
  else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [field, inner] of Object.entries(value as Record<string, Open311Value>)) addValue(top, field, inner);
  }
  return document.end({ prettyPrint: false });
}

export interface Open311Shape {
  /** XML root element: services, service_definition, service_requests, discovery. */
  root: string;
  /** XML element of each list entry (service, request); null when the answer is one object. */
  item: string | null;
}

export function sendOpen311(res: Response, format: Open311Format, status: number, shape: Open311Shape, value: Open311Value): void {
  res.status(status).type(CONTENT_TYPE[format]);
  res.send(format === 'json' ? JSON.stringify(value) : toXml(shape.root, shape.item, value));
}

/** An error the spec's way: HTTP status = the code; the body lists `{ code, description }`. */
export class Open311Error extends Error {
  readonly descriptions: readonly string[];

  constructor(
    readonly status: number,
    description: string | readonly string[],
    /** Seconds, for 429. */
    readonly retryAfterS?: number,
  ) {
    const descriptions = typeof description === 'string' ? [description] : description;
    super(descriptions.join('; '));
    this.name = 'Open311Error';
    this.descriptions = descriptions;
  }
}

export function sendOpen311Error(res: Response, format: Open311Format, error: Open311Error): void {
  if (error.retryAfterS !== undefined) res.setHeader('Retry-After', String(error.retryAfterS));
  sendOpen311(res, format, error.status, { root: 'errors', item: 'error' }, error.descriptions.map((description) => ({ code: error.status, description })));
}
