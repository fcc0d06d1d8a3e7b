/**
 * API Gateway errors. A `GatewayError` is an error API Gateway itself answers (route not found,
 * failed validation, unsupported media type, integration failure): it carries the gateway response
 * type and status, and the stage renders it through the API's gateway responses.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export type GatewayResponseType =
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_TOO_LARGE'
  | 'THROTTLED'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'API_CONFIGURATION_ERROR'
  | 'DEFAULT_5XX';

export class ApiGatewayError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiGatewayError';
  }
}

export class GatewayError extends ApiGatewayError {
  constructor(
    readonly responseType: GatewayResponseType,
    readonly statusCode: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/** No API or stage with that id or name is deployed. */
export class NotFoundException extends ApiGatewayError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundException';
  }
}

export const missingAuthenticationToken = () =>
  new GatewayError('MISSING_AUTHENTICATION_TOKEN', 403, 'Missing Authentication Token');
export const invalidRequestBody = () => new GatewayError('BAD_REQUEST_BODY', 400, 'Invalid request body');
export const unsupportedMediaType = () =>
  new GatewayError('UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type');
export const internalServerError = (cause?: unknown) =>
  new GatewayError('API_CONFIGURATION_ERROR', 500, 'Internal server error', { cause });
