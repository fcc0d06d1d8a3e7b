/**
 * Lambda's REST-JSON API over the local runtime: Invoke (RequestResponse, Event, DryRun),
 * GetFunction, GetFunctionConfiguration, ListFunctions and the EventInvokeConfig operations,
 * mounted on the edge at `/2015-03-31/functions` and `/2019-09-25/functions`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, asAwsError } from '../../protocol/errors';
import {
  matchRestRoute,
  serializeRestJsonError,
  type RestResponse,
  type RestRoute,
} from '../../protocol/rest-json';
import { readBody } from '../../server/body';
import { InvalidRequestContentException, LambdaError } from './errors';
import type { LambdaService } from './lambda-service';
import { LambdaApi } from './lambda-api';

export const LAMBDA_API_PREFIX = '/2015-03-31/functions';
export const LAMBDA_INVOKE_CONFIG_PREFIX = '/2019-09-25/functions';

type Operation =
  | 'Invoke'
  | 'GetFunction'
  | 'GetFunctionConfiguration'
  | 'ListFunctions'
  | 'GetFunctionEventInvokeConfig'
  | 'PutFunctionEventInvokeConfig';

const ROUTES: readonly RestRoute<Operation>[] = [
  { method: 'POST', path: '/2015-03-31/functions/{FunctionName}/invocations', operation: 'Invoke' },
  { method: 'GET', path: '/2015-03-31/functions/', operation: 'ListFunctions' },
  { method: 'GET', path: '/2015-03-31/functions/{FunctionName}', operation: 'GetFunction' },
  {
    method: 'GET',
    path: '/2015-03-31/functions/{FunctionName}/configuration',
    operation: 'GetFunctionConfiguration',
  },
  {
    method: 'GET',
    path: '/2019-09-25/functions/{FunctionName}/event-invoke-config',
    operation: 'GetFunctionEventInvokeConfig',
  },
  {
    method: 'PUT',
    path: '/2019-09-25/functions/{FunctionName}/event-invoke-config',
    operation: 'PutFunctionEventInvokeConfig',
  },
];

/** HTTP status of each runtime error Lambda's API returns. */
const STATUS: Readonly<Record<string, number>> = {
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
};

/** Serves Lambda's API on the edge's two Lambda path prefixes. */
export function mountLambdaApi(
  edge: { mount(prefix: string, handler: ReturnType<typeof createLambdaRestHandler>): void },
  service: LambdaService,
): void {
  const handler = createLambdaRestHandler(service);
  edge.mount(LAMBDA_API_PREFIX, handler);
  edge.mount(LAMBDA_INVOKE_CONFIG_PREFIX, handler);
}

export function createLambdaRestHandler(service: LambdaService) {
  const api = new LambdaApi(service);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    let response: RestResponse;
    try {
      const body = await readBody(req);
      response = await route(api, req, body);
    } catch (error) {
      response = serializeRestJsonError(toAwsError(error));
    }
    const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
    res.writeHead(response.status, {
      ...response.headers,
      'x-amzn-requestid': requestId,
      'content-length': body.length,
    });
    res.end(body);
  };
}

async function route(api: LambdaApi, req: IncomingMessage, body: Buffer): Promise<RestResponse> {
  const match = matchRestRoute(ROUTES, req.method ?? 'GET', req.url ?? '/');
  if (!match) {
    throw new AwsError(
      'UnknownOperationException',
      `Lambda operation ${req.method} ${req.url} is not implemented by the local emulator; ` +
        `it serves ${[...new Set(ROUTES.map((r) => r.operation))].sort().join(', ')}.`,
    );
  }
  const name = match.labels.FunctionName ?? '';
  const json = (value: unknown, status = 200): RestResponse => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });
  switch (match.operation) {
    case 'Invoke': {
      const out = await api.invoke({
        functionName: name,
        qualifier: match.query.get('Qualifier') ?? undefined,
        invocationType: header(req, 'x-amz-invocation-type') ?? 'RequestResponse',
        payload: body.length === 0 ? '{}' : body.toString('utf8'),
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (out.executedVersion) headers['x-amz-executed-version'] = out.executedVersion;
      if (out.functionError) headers['x-amz-function-error'] = out.functionError;
      return { status: out.statusCode, headers, body: out.payload };
    }
    case 'GetFunction':
      return json(api.getFunction(name));
    case 'GetFunctionConfiguration':
      return json(api.functionConfiguration(name));
    case 'ListFunctions':
      return json(
        api.listFunctions(match.query.get('Marker') ?? undefined, numberOr(match.query.get('MaxItems'))),
      );
    case 'GetFunctionEventInvokeConfig':
      return json(api.getEventInvokeConfig(name));
    case 'PutFunctionEventInvokeConfig':
      return json(api.putEventInvokeConfig(name, parseJson(body)));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function numberOr(value: string | null): number | undefined {
  return value === null || value === '' ? undefined : Number(value);
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidRequestContentException(
      `Could not parse request body into json: ${(error as Error).message}`,
    );
  }
}

function toAwsError(error: unknown): AwsError {
  if (error instanceof LambdaError && STATUS[error.name] !== undefined) {
    return new AwsError(error.name, error.message, { statusCode: STATUS[error.name], cause: error });
  }
  return asAwsError(error);
}
