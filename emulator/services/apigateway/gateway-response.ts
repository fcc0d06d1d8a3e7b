/**
 * Renders a `GatewayError` the way API Gateway does: the API's gateway response for that type,
 * else its DEFAULT_4XX / DEFAULT_5XX, else AWS's default body `{"message":$context.error.messageString}`.
 */
import type { ApiResponse } from './chain/api-request';
import type { GatewayError } from './errors';
import type { RestApi } from './rest-api';
import { renderTemplate } from './vtl';

const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

export function renderGatewayError(
  error: GatewayError,
  api: RestApi | undefined,
  context: Record<string, unknown> = {},
): ApiResponse {
  const family = error.statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const configured = api?.gatewayResponses.get(error.responseType) ?? api?.gatewayResponses.get(family);
  const templates = configured?.responseTemplates ?? {};
  const template = templates['application/json'] ?? Object.values(templates)[0] ?? DEFAULT_TEMPLATE;
  const errorContext = {
    ...context,
    error: {
      message: error.message,
      messageString: JSON.stringify(error.message),
      responseType: error.responseType,
    },
  };
  let body: string;
  try {
    body = renderTemplate(template, { body: '', context: errorContext }).output;
  } catch {
    body = JSON.stringify({ message: error.message });
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': errorType(error),
  };
  for (const [target, source] of Object.entries(configured?.responseParameters ?? {})) {
    if (source.startsWith("'") && source.endsWith("'")) {
      headers[target.replace(/^gatewayresponse\.header\./, '')] = source.slice(1, -1);
    }
  }
  return { statusCode: Number(configured?.statusCode ?? error.statusCode), headers, body };
}

function errorType(error: GatewayError): string {
  if (error.responseType === 'MISSING_AUTHENTICATION_TOKEN') return 'MissingAuthenticationTokenException';
  if (error.responseType === 'BAD_REQUEST_BODY' || error.responseType === 'BAD_REQUEST_PARAMETERS') {
    return 'BadRequestException';
  }
  if (error.responseType === 'UNSUPPORTED_MEDIA_TYPE') return 'UnsupportedMediaTypeException';
  if (error.responseType === 'THROTTLED') return 'TooManyRequestsException';
  return 'InternalServerErrorException';
}
