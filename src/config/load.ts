import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type AppConfig } from './schema.js';
import { productionProblems } from './production.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJsonFile(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new ConfigError(`${file}: must hold a JSON object`);
  return parsed;
}

function merge(base: JsonObject, override: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] = isObject(current) && isObject(value) ? merge(current, value) : value;
  }
  return result;
}

const toEnvName = (segments: string[]): `ALO153_${string}` =>
  `ALO153_${segments.map((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_')}`;

/** Every leaf of the defaults can be set as ALO153_<PATH>, e.g. ari.commandTimeoutMs ← ALO153_ARI_COMMAND_TIMEOUT_MS. */
function applyEnvironment(config: JsonObject, env: NodeJS.ProcessEnv, prefix: string[] = []): JsonObject {
  const result: JsonObject = { ...config };
  for (const [key, value] of Object.entries(config)) {
    const segments = [...prefix, key];
    if (isObject(value)) {
      result[key] = applyEnvironment(value, env, segments);
      continue;
    }
    const name = toEnvName(segments);
    const raw = env[name];
    if (raw === undefined) continue;
    result[key] = coerce(raw, value, name);
  }
  return result;
}

function coerce(raw: string, example: Json, name: string): Json {
  if (typeof example === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`${name}: expected a number, got "${raw}"`);
    return n;
  }
  if (typeof example === 'boolean') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    // Some switches also take a value (http.trustProxy: loopback, an address); the schema decides.
    return raw;
  }
  if (Array.isArray(example)) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      throw new ConfigError(`${name}: expected a JSON array, got "${raw}"`);
    }
  }
  return raw;
}

export interface LoadConfigOptions {
  /** The folder holding default.json and the optional local.json. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Applied last; used by tests and the demo. */
  overrides?: JsonObject;
}

/** default.json ← local.json ← ALO153_* / DATABASE_URL ← overrides; validated with zod. */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const configDir = options.configDir ?? path.resolve('config');
  const env = options.env ?? process.env;
  let merged = readJsonFile(path.join(configDir, 'default.json'));
  const localFile = env.ALO153_CONFIG_FILE ?? path.join(configDir, 'local.json');
  if (existsSync(localFile)) merged = merge(merged, readJsonFile(localFile));
  merged = applyEnvironment(merged, env);
  const database = merged.database;
  if (env.DATABASE_URL !== undefined && isObject(database)) merged.database = { ...database, url: env.DATABASE_URL };
  if (options.overrides) merged = merge(merged, options.overrides);
  const config = validateConfig(merged);
  if (env.NODE_ENV === 'production') {
    const problems = productionProblems(config);
    if (problems.length > 0) throw new ConfigError(`not fit for production: ${problems.join('; ')}`);
  }
  return config;
}

export function validateConfig(raw: unknown): AppConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${key}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
