/**
 * Lambda proxy integration (AWS_PROXY): the request as a REST API proxy event (payload 1.0) to the
 * function, and its `{statusCode, headers, multiValueHeaders, body, isBase64Encoded}` back as the
 * response. A failed function or a malformed answer is API Gateway's 502 "Internal server error".
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
import { GatewayError, internalServerError } from '../errors';
import type { Integration } from '../rest-api';
import type { ApiResponse, RoutedRequest } from './api-request';
import { withTimeout, type IntegrationBackends } from './integration';

export async function callLambdaProxy(
  routed: RoutedRequest,
  integration: Integration,
  context: Record<string, unknown>,
  backends: IntegrationBackends,
): Promise<ApiResponse> {
  const functionArn = /functions\/(.+)\/invocations$/.exec(integration.uri ?? '')?.[1];
  if (!functionArn || !backends.lambda) {
    throw internalServerError(new Error(`Cannot invoke the Lambda of integration URI ${integration.uri}`));
  }
  const event = proxyEvent(routed, context);
  let output: string | null;
  try {
    output = await withTimeout(
      backends.lambda.invokeSync(functionArn, JSON.stringify(event)),
      integration.timeoutMillis,
    );
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw badGateway(error);
  }
  return proxyResponse(output);
}

function proxyEvent(routed: RoutedRequest, context: Record<string, unknown>) {
  const { request, resource } = routed;
  const orNull = <T extends object>(value: T) => (Object.keys(value).length > 0 ? value : null);
  const text = request.body.toString('utf8');
  const binary = request.body.length > 0 && Buffer.from(text, 'utf8').compare(request.body) !== 0;
  return {
    resource: resource.path,
    path: request.path,
    httpMethod: request.httpMethod,
    headers: orNull(request.headers),
    multiValueHeaders: orNull(request.multiValueHeaders),
    queryStringParameters: orNull(request.query),
    multiValueQueryStringParameters: orNull(request.multiValueQuery),
    pathParameters: orNull(routed.pathParams),
    stageVariables: orNull(routed.stage.variables),
    requestContext: { ...context, resourceId: resource.id },
    body: request.body.length === 0 ? null : binary ? request.body.toString('base64') : text,
    isBase64Encoded: binary,
  };
}

function proxyResponse(output: string | null): ApiResponse {
  let parsed: unknown;
  try {
    parsed = output === null ? null : JSON.parse(output);
  } catch (cause) {
    throw badGateway(cause);
  }
  const response = parsed as {
    statusCode?: unknown;
    headers?: Record<string, unknown>;
    multiValueHeaders?: Record<string, unknown[]>;
    body?: unknown;
    isBase64Encoded?: unknown;
  } | null;
  if (!response || typeof response !== 'object' || !Number.isInteger(Number(response.statusCode))) {
    throw badGateway(new Error('Malformed Lambda proxy response'));
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {}))
    headers[name] = values.join(',');
  const body = response.body === undefined || response.body === null ? '' : String(response.body);
  return {
    statusCode: Number(response.statusCode),
    headers: { 'Content-Type': 'application/json', ...headers },
    body: response.isBase64Encoded === true ? Buffer.from(body, 'base64') : body,
  };
}

function badGateway(cause: unknown): GatewayError {
  return new GatewayError('DEFAULT_5XX', 502, 'Internal server error', { cause });
}
