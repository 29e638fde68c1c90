import { z } from 'zod';
import { phoneDigits } from '../../requests/phone-numbers.js';
import { ATTRIBUTE_CODES, type AttributeCode } from './services.js';

/** A POST requests.json|xml after validation: GeoReport v2's fields, trimmed, blanks dropped. */
export interface Open311RequestParams {
  apiKey: string;
  jurisdictionId?: string;
  serviceCode: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  email?: string;
  deviceId?: string;
  accountId?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  description?: string;
  mediaUrl?: string;
  attributes: Partial<Record<AttributeCode, string>>;
}

export type ParamsResult = { ok: true; params: Open311RequestParams } | { ok: false; problems: string[] };

// eslint-disable-next-line no-control-regex -- NUL is what is refused.
const NO_NUL = (text: string): boolean => !/\u0000/.test(text);
const text = (max: number) =>
  z
    .union([z.string(), z.number().transform(String)])
    .transform((value) => value.trim())
    .refine(NO_NUL, 'must not contain NUL characters')
    .refine((value) => value.length <= max, `must be at most ${max} characters`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();
const DECIMAL = /^[-+]?\d{1,3}(\.\d{1,12})?$/;
const coordinate = (limit: number) =>
  z.preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      const trimmed = value.trim();
      if (trimmed === '') return undefined;
      return DECIMAL.test(trimmed) ? Number(trimmed) : value;
    },
    z
      .number({ error: 'must be a decimal number' })
      .refine((value) => Math.abs(value) <= limit, `must be between -${limit} and ${limit}`)
      .optional(),
  );

export const paramsSchema = z.object({
  api_key: z.string({ error: 'is required' }).min(1, 'is required').max(200, 'is invalid'),
  jurisdiction_id: text(100),
  service_code: text(60).refine((value) => value !== undefined, 'is required'),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: text(500),
  address_id: text(100),
  email: text(254).refine((value) => value === undefined || z.email().safeParse(value).success, 'must be an e-mail address'),
  device_id: text(100),
  account_id: text(100),
  first_name: text(60),
  last_name: text(60),
  phone: text(30).refine((value) => value === undefined || /^[0-9 +()-]+$/.test(value), 'may hold only digits, spaces, +, -, ( )').refine((value) => {
    const digits = value === undefined ? 10 : phoneDigits(value).length;
    return digits >= 7 && digits <= 20;
  }, 'must have 7 to 20 digits'),
  description: text(4000),
  media_url: text(500).refine((value) => value === undefined || z.url({ protocol: /^https?$/ }).safeParse(value).success, 'must be an http(s) URL'),
});

const ATTRIBUTE_KEY = /^attribute\[([^\]]*)\]$/;
const isAttributeCode = (code: string): code is AttributeCode => (ATTRIBUTE_CODES as readonly string[]).includes(code);

/**
 * The body of a POST (form fields, or a JSON object) checked field by field; every problem becomes one entry
 * of the spec's error list. Attributes come as `attribute[district]=Talas` (form) or either that or an
 * `attribute` object (JSON). A field sent twice is refused: which one would the client have meant?
 */
export function parseRequestParams(body: unknown): ParamsResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problems: ['the body must be form fields or a JSON object'] };
  const fields: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      problems.push(`${name.slice(0, 60)}: given more than once`);
      continue;
    }
    const attribute = ATTRIBUTE_KEY.exec(name);
    if (attribute) attributes[attribute[1] ?? ''] = value;
    else if (name === 'attribute' && typeof value === 'object' && value !== null) Object.assign(attributes, value);
    else fields[name] = value;
  }
  const parsed = paramsSchema.safeParse(fields);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  const chosen: Partial<Record<AttributeCode, string>> = {};
  for (const [code, value] of Object.entries(attributes)) {
    const checked = text(100).safeParse(value);
    if (!isAttributeCode(code)) problems.push(`attribute[${code.slice(0, 60)}]: not an attribute of this service`);
    else if (!checked.success) problems.push(`attribute[${code}]: ${checked.error.issues[0]?.message ?? 'is invalid'}`);
    else if (checked.data !== undefined) chosen[code] = checked.data;
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const p = parsed.data;
  if ((p.lat === undefined) !== (p.long === undefined)) problems.push('lat and long: give both or neither');
  if (p.lat === undefined && p.address_string === undefined && p.address_id === undefined) problems.push('lat/long, address_string or address_id: one location is required');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    params: {
      apiKey: p.api_key,
      jurisdictionId: p.jurisdiction_id,
      serviceCode: p.service_code ?? '',
      lat: p.lat,
      long: p.long,
      addressString: p.address_string,
      addressId: p.address_id,
      email: p.email,
      deviceId: p.device_id,
      accountId: p.account_id,
      firstName: p.first_name,
      lastName: p.last_name,
      phone: p.phone,
      description: p.description,
      mediaUrl: p.media_url,
      attributes: chosen,
    },
  };
}
