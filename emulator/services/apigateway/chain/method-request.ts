/**
 * Step 3: method request validation, when the method has a request validator. Required headers,
 * query strings and path parameters (400 BAD_REQUEST_PARAMETERS), and the body against the model
 * for its content type, a JSON Schema draft 4 (400 BAD_REQUEST_BODY "Invalid request body").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
 */
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { GatewayError, invalidRequestBody } from '../errors';
import type { RestApi } from '../rest-api';
import { header, type RoutedRequest } from './api-request';
import { requestContentType } from './content-type';

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

export function validateMethodRequest(routed: RoutedRequest): void {
  const { api, method, request } = routed;
  if (!method.requestValidatorId) return;
  const validator = api.validators.get(method.requestValidatorId);
  if (!validator) return;
  if (validator.validateRequestParameters) {
    const missing = Object.entries(method.requestParameters ?? {})
      .filter(([, required]) => required)
      .map(([name]) => name)
      .filter((name) => !present(name, routed))
      .map((name) => name.split('.').slice(3).join('.'));
    if (missing.length > 0) {
      throw new GatewayError(
        'BAD_REQUEST_PARAMETERS',
        400,
        `Missing required request parameters: [${missing.join(', ')}]`,
      );
    }
  }
  if (validator.validateRequestBody) {
    const schema = modelFor(api, method.requestModels ?? {}, requestContentType(request.headers));
    if (!schema) return;
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw invalidRequestBody();
    }
    if (!validatorFor(schema)(body)) throw invalidRequestBody();
  }
}

function present(name: string, routed: RoutedRequest): boolean {
  const [, , location, ...rest] = name.split('.');
  const key = rest.join('.');
  const value =
    location === 'header'
      ? header(routed.request.headers, key)
      : location === 'querystring'
        ? routed.request.query[key]
        : location === 'path'
          ? routed.pathParams[key]
          : 'unchecked';
  return value !== undefined && value !== '';
}

/** The model for the request's content type, or `$default`. */
function modelFor(
  api: RestApi,
  models: Readonly<Record<string, string>>,
  contentType: string,
): object | undefined {
  const name = models[contentType] ?? models.$default;
  return name === undefined ? undefined : api.models.get(name);
}

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
    validate = ajv.compile(rest);
    compiled.set(schema, validate);
  }
  return validate;
}
