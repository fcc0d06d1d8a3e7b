/** What flows through the API Gateway chain: the parsed request and the response it becomes. */
import type { ApiResource, Method, RestApi, Stage } from '../rest-api';

export interface ApiRequest {
  readonly apiId: string;
  readonly stageName: string;
  readonly httpMethod: string;
  /** The path after the stage, e.g. `/webhooks/stripe`. */
  readonly path: string;
  /** Header names as the client sent them; the last value wins. */
  readonly headers: Readonly<Record<string, string>>;
  readonly multiValueHeaders: Readonly<Record<string, readonly string[]>>;
  readonly query: Readonly<Record<string, string>>;
  readonly multiValueQuery: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly requestId: string;
  readonly requestTimeEpoch: number;
}

/** A request matched to a deployed method. */
export interface RoutedRequest {
  readonly request: ApiRequest;
  readonly api: RestApi;
  readonly stage: Stage;
  readonly resource: ApiResource;
  readonly method: Method;
  readonly pathParams: Readonly<Record<string, string>>;
}

export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
}

/** A header by name, case-insensitively, as API Gateway reads them. */
export function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** The `$context` a mapping template sees for this request. */
export function requestContext(routed: RoutedRequest): Record<string, unknown> {
  const { request, api, resource } = routed;
  const time = new Date(request.requestTimeEpoch);
  return {
    accountId: '000000000000',
    apiId: api.id,
    domainName: `${api.id}.execute-api.localhost`,
    extendedRequestId: request.requestId,
    httpMethod: request.httpMethod,
    identity: { sourceIp: request.sourceIp, userAgent: header(request.headers, 'user-agent') ?? '' },
    path: `/${request.stageName}${request.path}`,
    protocol: 'HTTP/1.1',
    requestId: request.requestId,
    requestTime: formatRequestTime(time),
    requestTimeEpoch: request.requestTimeEpoch,
    resourceId: resource.id,
    resourcePath: resource.path,
    stage: request.stageName,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime` in CLF format, e.g. `22/Nov/2026:03:25:16 +0000`. */
function formatRequestTime(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}:` +
    `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} +0000`
  );
}
