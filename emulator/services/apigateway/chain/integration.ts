/**
 * Step 5: the integration. AWS service integrations call the local provider in-process
 * (`arn:aws:apigateway:<region>:events:action/PutEvents` → `events.dispatch('PutEvents', body)`),
 * answering with the status and error body the service would send over the wire; MOCK answers the
 * `statusCode` its request template chose. Lambda proxy lives in `lambda-proxy.ts`.
 */
import { AwsError } from '../../../protocol/errors';
import { GatewayError, internalServerError } from '../errors';
import type { Integration } from '../rest-api';
import type { IntegrationRequest } from './integration-request';

/** The in-process provider contract of emulator/README.md. */
export interface JsonService {
  dispatch(operation: string, input: Record<string, unknown>): Promise<object>;
}

export interface LambdaBackend {
  invokeSync(nameOrArn: string, payloadJson: string): Promise<string | null>;
}

export interface IntegrationBackends {
  /** JSON-protocol services by the service name in integration URIs (`events`, `sqs`, …). */
  readonly services: Readonly<Record<string, JsonService>>;
  readonly lambda?: LambdaBackend;
}

export interface IntegrationResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const DEFAULT_TIMEOUT_MS = 29_000;

export async function callIntegration(
  integration: Integration,
  request: IntegrationRequest,
  backends: IntegrationBackends,
): Promise<IntegrationResult> {
  switch (integration.type) {
    case 'AWS':
      return withTimeout(callAwsService(integration, request, backends), integration.timeoutMillis);
    case 'MOCK':
      return mock(request);
    default:
      // PARITY: HTTP and HTTP_PROXY integrations are not emulated; the stack uses AWS and Lambda proxy.
      throw internalServerError(new Error(`${integration.type} integrations are not emulated`));
  }
}

async function callAwsService(
  integration: Integration,
  request: IntegrationRequest,
  backends: IntegrationBackends,
): Promise<IntegrationResult> {
  const { service, action } = parseServiceUri(integration.uri ?? '', request.headers);
  const provider = backends.services[service];
  if (!provider) throw internalServerError(new Error(`The emulator has no local ${service} service`));
  let input: Record<string, unknown>;
  try {
    input = request.body.trim() === '' ? {} : (JSON.parse(request.body) as Record<string, unknown>);
  } catch {
    return awsErrorResult(400, 'SerializationException', 'The request body is not valid JSON');
  }
  try {
    const output = await provider.dispatch(action, input);
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(output),
    };
  } catch (error) {
    if (error instanceof AwsError) return awsErrorResult(error.statusCode, error.code, error.message);
    return awsErrorResult(500, 'InternalFailure', (error as Error).message);
  }
}

/** `…:<service>:action/<Action>`, or `…:<service>:path/…` with the action in `X-Amz-Target`. */
function parseServiceUri(
  uri: string,
  headers: Readonly<Record<string, string>>,
): { service: string; action: string } {
  const match = /^arn:[^:]+:apigateway:[^:]*:([^:]+):(action|path)\/(.*)$/.exec(uri);
  if (!match) throw internalServerError(new Error(`Unsupported AWS integration URI ${uri}`));
  const [, service, style, rest] = match;
  if (style === 'action') return { service, action: rest.split('&')[0] };
  const target = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
  if (!target) throw internalServerError(new Error(`${uri} needs an X-Amz-Target request header`));
  return { service, action: target.slice(target.lastIndexOf('.') + 1) };
}

function awsErrorResult(statusCode: number, code: string, message: string): IntegrationResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': code },
    body: JSON.stringify({ __type: code, message }),
  };
}

function mock(request: IntegrationRequest): IntegrationResult {
  let statusCode = 200;
  try {
    const parsed = JSON.parse(request.body) as { statusCode?: unknown };
    if (typeof parsed?.statusCode === 'number') statusCode = parsed.statusCode;
  } catch {
    // API Gateway answers a MOCK without a statusCode in its template with 200.
  }
  return { statusCode, headers: {}, body: '' };
}

export async function withTimeout<T>(work: Promise<T>, timeoutMillis = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new GatewayError('INTEGRATION_TIMEOUT', 504, 'Endpoint request timed out')),
      timeoutMillis,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
