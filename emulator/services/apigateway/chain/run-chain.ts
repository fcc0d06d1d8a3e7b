/**
 * The API Gateway chain, in order: parse → route → method request → integration request →
 * integration → integration response → method response. A `GatewayError` from any step becomes
 * the API's gateway response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, internalServerError, missingAuthenticationToken } from '../errors';
import { renderGatewayError } from '../gateway-response';
import type { RestApi, Stage } from '../rest-api';
import { requestContext, type ApiRequest, type ApiResponse, type RoutedRequest } from './api-request';
import { callIntegration, type IntegrationBackends } from './integration';
import { buildIntegrationRequest } from './integration-request';
import { buildIntegrationResponse } from './integration-response';
import { callLambdaProxy } from './lambda-proxy';
import { validateMethodRequest } from './method-request';
import { writeMethodResponse } from './method-response';
import { parseRequest } from './parse';
import { route } from './route';

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ChainDependencies {
  findApi(apiId: string): RestApi | undefined;
  /** False when the method's (or else the stage's) throttle has no token left. */
  admit(api: RestApi, stage: Stage, method: { httpMethod: string; resourcePath: string }): boolean;
  readonly backends: IntegrationBackends;
}

export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ChainDependencies,
): Promise<void> {
  const receivedAt = Date.now();
  let request: ApiRequest | undefined;
  let api: RestApi | undefined;
  let context: Record<string, unknown> = {};
  let response: ApiResponse;
  try {
    const body = await readLimitedBody(req);
    request = parseRequest(req, body, receivedAt);
    api = deps.findApi(request.apiId);
    const stage = api?.stage(request.stageName);
    if (!api || !stage) throw missingAuthenticationToken();
    const routed: RoutedRequest = { request, api, stage, ...route(api, request.path, request.httpMethod) };
    const method = { httpMethod: request.httpMethod, resourcePath: routed.resource.path };
    if (!deps.admit(api, stage, method)) throw new GatewayError('THROTTLED', 429, 'Too Many Requests');
    context = requestContext(routed);
    response = await runMethod(routed, context, deps.backends);
  } catch (error) {
    const gatewayError = error instanceof GatewayError ? error : internalServerError(error);
    if (gatewayError.statusCode >= 500 && gatewayError.cause) {
      console.error(`[apigateway] ${request?.httpMethod} ${request?.path}: ${String(gatewayError.cause)}`);
    }
    response = renderGatewayError(gatewayError, api, context);
  }
  writeMethodResponse(res, response, request?.requestId ?? 'none');
}

async function runMethod(
  routed: RoutedRequest,
  context: Record<string, unknown>,
  backends: IntegrationBackends,
): Promise<ApiResponse> {
  validateMethodRequest(routed);
  const integration = routed.method.integration;
  if (!integration) throw internalServerError(new Error(`${routed.resource.path} has no integration`));
  if (integration.type === 'AWS_PROXY') return callLambdaProxy(routed, integration, context, backends);
  const integrationRequest = buildIntegrationRequest(routed, integration, context);
  const result = await callIntegration(integration, integrationRequest, backends);
  return buildIntegrationResponse(routed, integration, result, context);
}

async function readLimitedBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GatewayError('REQUEST_TOO_LARGE', 413, 'Request Too Long');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
