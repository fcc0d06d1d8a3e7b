/**
 * Step 6: integration response. Selects the integration response whose selection pattern (a Java
 * regex over the whole status code) matches, else the default one; renders its template for the
 * client's Accept type (else application/json, else the first); maps response parameters; and
 * applies `$context.responseOverride` status and headers.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
 */
import { renderTemplate } from '../vtl';
import { internalServerError } from '../errors';
import type { Integration, IntegrationResponse } from '../rest-api';
import { header, type ApiResponse, type RoutedRequest } from './api-request';
import type { IntegrationResult } from './integration';
import { parameterValue } from './integration-request';

export function buildIntegrationResponse(
  routed: RoutedRequest,
  integration: Integration,
  result: IntegrationResult,
  context: Record<string, unknown>,
): ApiResponse {
  const selected = selectResponse(integration.integrationResponses ?? [], String(result.statusCode));
  if (!selected) {
    // API Gateway: "Execution failed due to configuration error: No match for output mapping".
    throw internalServerError(new Error(`No integration response matches status ${result.statusCode}`));
  }
  const templates = selected.responseTemplates ?? {};
  const accept = header(routed.request.headers, 'accept')?.split(',')[0]?.split(';')[0]?.trim();
  const contentType =
    (accept && templates[accept] !== undefined ? accept : undefined) ??
    (templates['application/json'] !== undefined ? 'application/json' : Object.keys(templates)[0]);
  let body = result.body;
  let override: { status?: number; header: Readonly<Record<string, string>> } = { header: {} };
  const template = contentType === undefined ? undefined : templates[contentType];
  if (template !== undefined && template !== '') {
    try {
      const rendered = renderTemplate(template, {
        body: result.body,
        headers: routed.request.headers,
        queryString: routed.request.query,
        pathParams: routed.pathParams,
        stageVariables: routed.stage.variables,
        context,
      });
      body = rendered.output;
      override = rendered.context.responseOverride;
    } catch (cause) {
      throw internalServerError(cause);
    }
  }
  const headers: Record<string, string> = { 'Content-Type': contentType ?? 'application/json' };
  for (const [target, source] of Object.entries(selected.responseParameters ?? {})) {
    const name = target.replace(/^method\.response\.header\./, '');
    const value = source.startsWith('integration.response.header.')
      ? header(result.headers, source.slice('integration.response.header.'.length))
      : parameterValue(source, routed, context);
    if (value !== undefined) headers[name] = value;
  }
  return {
    statusCode: override.status ?? Number(selected.statusCode),
    headers: { ...headers, ...override.header },
    body,
  };
}

export function selectResponse(
  responses: readonly IntegrationResponse[],
  statusCode: string,
): IntegrationResponse | undefined {
  const byPattern = responses.find(
    (r) =>
      r.selectionPattern !== undefined &&
      r.selectionPattern !== '' &&
      wholeMatch(r.selectionPattern, statusCode),
  );
  return byPattern ?? responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
}

function wholeMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test(value);
  } catch {
    return false;
  }
}
