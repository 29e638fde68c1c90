/** A small builder for Swagger 1.1 API declarations in the shape ari-client's swagger-client reads. */

export interface SwaggerParameter {
  name: string;
  paramType: 'path' | 'query' | 'body';
  required: boolean;
  allowMultiple: boolean;
  dataType: string;
}

export interface SwaggerOperation {
  httpMethod: string;
  summary: string;
  nickname: string;
  responseClass: string;
  parameters: SwaggerParameter[];
}

export interface SwaggerApi {
  path: string;
  description: string;
  operations: SwaggerOperation[];
}

export type SwaggerModels = Record<string, { id: string; description: string; properties: Record<string, { type: string; required: boolean }> }>;

export interface ResourceDeclaration {
  name: string;
  description: string;
  apis: SwaggerApi[];
  models: SwaggerModels;
}

/**
 * `'channelId:path!'` is a required path parameter, `'media:query[]!'` a required multi-valued query
 * parameter (swagger-client joins arrays with commas, which is what Asterisk parses), `'lang:query'` optional.
 */
export function param(spec: string): SwaggerParameter {
  const match = /^(\w+):(path|query|body)(\[\])?(!)?(?:=(\w+))?$/.exec(spec);
  if (!match) throw new Error(`bad parameter spec ${spec}`);
  return {
    name: match[1] ?? '',
    paramType: (match[2] ?? 'query') as SwaggerParameter['paramType'],
    allowMultiple: match[3] !== undefined,
    required: match[4] !== undefined,
    dataType: match[5] ?? (match[2] === 'body' ? 'containers' : 'string'),
  };
}

export function op(httpMethod: string, nickname: string, responseClass: string, summary: string, params: string[] = []): SwaggerOperation {
  return { httpMethod, nickname, responseClass, summary, parameters: params.map(param) };
}

/** `'id:string!, caller:CallerID!'` → a model with those properties. */
export function model(id: string, description: string, properties: string): SwaggerModels[string] {
  const props: SwaggerModels[string]['properties'] = {};
  for (const part of properties.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', typeSpec = 'string'] = part.split(':');
    props[name] = { type: typeSpec.replace('!', ''), required: typeSpec.endsWith('!') };
  }
  return { id, description, properties: props };
}

export function declarationJson(resource: ResourceDeclaration, baseUrl: string): Record<string, unknown> {
  return {
    apiVersion: '10.0.0',
    swaggerVersion: '1.1',
    basePath: `${baseUrl}/ari`,
    resourcePath: `/api-docs/${resource.name}.{format}`,
    apis: resource.apis,
    models: resource.models,
  };
}

export function resourceListingJson(resources: ResourceDeclaration[], baseUrl: string): Record<string, unknown> {
  return {
    apiVersion: '10.0.0',
    swaggerVersion: '1.1',
    basePath: `${baseUrl}/ari`,
    apis: resources.map((r) => ({ path: `/api-docs/${r.name}.{format}`, description: r.description })),
  };
}
