import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { SESSION_COOKIE } from '../auth-middleware.js';
import { PATH_FILES } from './paths/index.js';

/** The API's version in the document (info.version); raised when a route changes shape in a way clients see. */
export const API_VERSION = '1.0.0';

const DESCRIPTION = [
  'The HTTP API of alo153, the Alo 153 call-centre server.',
  'Staff routes need a session: POST /api/auth/login answers a token, also set as the HttpOnly cookie `alo153_session`; scripts send `Authorization: Bearer <token>`.',
  'Every state-changing request from a browser must come from the server\'s own origin (else 403 cross-origin), and a body must be application/json unless the operation says otherwise (else 415).',
  'Refusals are JSON `{ error, details? }`; a validation refusal (400) lists `details: [{ path, message }]`. `x-roles` on each operation names the roles that may call it (`any`: every signed-in user).',
].join('\n\n');

function registryWithEveryPath(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login (HttpOnly, SameSite=Strict).' });
  registry.registerComponent('securitySchemes', 'bearerToken', { type: 'http', scheme: 'bearer', description: 'The `token` of POST /api/auth/login.' });
  registry.registerComponent('securitySchemes', 'open311Key', { type: 'apiKey', in: 'query', name: 'api_key', description: 'An Open311 key from POST /api/open311/keys (in the body for a POST).' });
  registry.registerComponent('securitySchemes', 'metricsToken', { type: 'http', scheme: 'bearer', description: 'config metrics.token: GET /metrics on the main port exists only when it is set.' });
  for (const register of PATH_FILES) register(registry);
  return registry;
}

/** openapi3-ts's OpenAPIObject, named through the generator: that package is the generator's, not ours. */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/**
 * A path parameter is always required (OpenAPI 3.1 §4.8.12.2) and never null. The generator takes a parameter as
 * optional when `null` parses, which `z.coerce.number().min(0)` allows (Number(null) is 0): say it as it is.
 */
function pathParametersRequired(doc: OpenApiDocument): OpenApiDocument {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) {
      for (const parameter of op?.parameters ?? []) {
        if (!('in' in parameter) || parameter.in !== 'path') continue;
        parameter.required = true;
        const schema = parameter.schema;
        if (schema && 'type' in schema && Array.isArray(schema.type)) {
          const types = schema.type.filter((type) => type !== 'null');
          schema.type = types.length === 1 && types[0] ? types[0] : types;
        }
      }
    }
  }
  return doc;
}

let built: OpenApiDocument | undefined;

/** The whole document, built once from the route modules' zod schemas (src/http/openapi/paths/*). */
export function openApiDocument(): OpenApiDocument {
  built ??= pathParametersRequired(new OpenApiGeneratorV31(registryWithEveryPath().definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'alo153 API', version: API_VERSION, description: DESCRIPTION, license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' } },
    // Relative to the address the document was fetched from: the same server.
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
  }));
  return built;
}
