/**
 * Step 4: integration request. Chooses the request template by content type (passthrough
 * behaviours: WHEN_NO_MATCH passes an unmatched body through; WHEN_NO_TEMPLATES passes it only when
 * no template is defined; NEVER answers 415), renders it with the VTL renderer, and maps the
 * integration's request parameters (`'literal'`, `method.request.*`, `context.*`, `stageVariables.*`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 */
import { renderTemplate } from '../vtl';
import { internalServerError, unsupportedMediaType } from '../errors';
import type { Integration } from '../rest-api';
import { header, type RoutedRequest } from './api-request';
import { requestContentType } from './content-type';

export interface IntegrationRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
  readonly path: Record<string, string>;
}

export function buildIntegrationRequest(
  routed: RoutedRequest,
  integration: Integration,
  context: Record<string, unknown>,
): IntegrationRequest {
  const { request } = routed;
  const templates = integration.requestTemplates ?? {};
  const contentType = requestContentType(request.headers);
  const template = templates[contentType];
  const raw = request.body.toString('utf8');
  let body = raw;
  let overrides = { header: {}, querystring: {}, path: {} } as {
    header: Record<string, string>;
    querystring: Record<string, string>;
    path: Record<string, string>;
  };
  if (template !== undefined) {
    let rendered;
    try {
      rendered = renderTemplate(template, {
        body: raw,
        headers: request.headers,
        queryString: request.query,
        pathParams: routed.pathParams,
        stageVariables: routed.stage.variables,
        context,
      });
    } catch (cause) {
      throw internalServerError(cause);
    }
    body = rendered.output;
    overrides = rendered.context.requestOverride;
  } else {
    const behavior = integration.passthroughBehavior ?? 'WHEN_NO_MATCH';
    if (behavior === 'NEVER') throw unsupportedMediaType();
    if (behavior === 'WHEN_NO_TEMPLATES' && Object.keys(templates).length > 0) throw unsupportedMediaType();
  }
  const mapped = { header: {}, querystring: {}, path: {} } as Record<string, Record<string, string>>;
  for (const [target, source] of Object.entries(integration.requestParameters ?? {})) {
    const [, , location, ...name] = target.split('.');
    const value = parameterValue(source, routed, context);
    if (value !== undefined && mapped[location]) mapped[location][name.join('.')] = value;
  }
  return {
    body,
    headers: { ...mapped.header, ...overrides.header },
    query: { ...mapped.querystring, ...overrides.querystring },
    path: { ...mapped.path, ...overrides.path },
  };
}

/** The value of a mapping expression: `'literal'`, `method.request.<where>.<name>`, `context.x`, `stageVariables.x`. */
export function parameterValue(
  source: string,
  routed: RoutedRequest,
  context: Record<string, unknown>,
): string | undefined {
  if (source.startsWith("'") && source.endsWith("'") && source.length >= 2) return source.slice(1, -1);
  const [root, ...rest] = source.split('.');
  if (root === 'method' && rest[0] === 'request') {
    const [, location, ...name] = rest;
    const key = name.join('.');
    if (location === 'header') return header(routed.request.headers, key);
    if (location === 'querystring') return routed.request.query[key];
    if (location === 'path') return routed.pathParams[key];
    return undefined;
  }
  if (root === 'context') {
    let value: unknown = context;
    for (const part of rest) value = (value as Record<string, unknown> | undefined)?.[part];
    return value === undefined ? undefined : String(value);
  }
  if (root === 'stageVariables') return routed.stage.variables[rest.join('.')];
  return undefined;
}
