/**
 * The mock partner's GraphQL API as a Lambda proxy handler: `POST /graphql` (bearer token,
 * injected faults, then the schema executed over fixtures) and `POST /oauth/token` (client
 * credentials, when the partner secret is of type oauth). `server.ts` serves the same handler over
 * node:http for tests and the benchmark.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import serverError from '../../query_response/server_error.json';
import throttled from '../../query_response/throttled.json';
import { BearerAuth } from './bearer-auth';
import { BadRequestError, MissingInstallationIdError, MockPartnerError, NotFoundRouteError } from './errors';
import { PARTNER_INSTALLATION_HEADER } from '../shared/contracts';
import { execute, type GraphQLRequestBody } from './execute';
import { FaultInjector, type FaultConfig } from './faults';
import { bodyText, header, json } from './proxy';

export type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface MockPartnerOptions {
  readonly faults: FaultConfig;
  /** The partner secret's JSON value. */
  readonly readSecret: () => Promise<unknown>;
  /** @default 3600 */
  readonly tokenTtlSeconds?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export function createMockPartnerHandler(options: MockPartnerOptions): ProxyHandler {
  const auth = new BearerAuth(options);
  const faults = new FaultInjector(options.faults);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const graphqlRoute = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    if (options.faults.latencyMs > 0) await sleep(options.faults.latencyMs);
    await auth.verify(header(event, 'authorization'));
    // The Buy with Prime API answers for one merchant installation, named on every request.
    if (!header(event, PARTNER_INSTALLATION_HEADER)?.trim()) throw new MissingInstallationIdError();
    const draw = faults.draw();
    if (draw.status === 429) return json(429, throttled);
    if (draw.status === 500) return json(500, serverError);
    const result = await execute(parseRequest(bodyText(event)), {
      notFound: draw.notFound,
      partial: draw.errorsBlock,
    });
    return json(200, result);
  };

  const tokenRoute = async (event: APIGatewayProxyEvent) =>
    json(200, await auth.issue(header(event, 'authorization'), bodyText(event)));

  return async (event) => {
    try {
      if (event.httpMethod === 'POST' && event.path.endsWith('/graphql')) return await graphqlRoute(event);
      if (event.httpMethod === 'POST' && event.path.endsWith('/oauth/token')) return await tokenRoute(event);
      throw new NotFoundRouteError(event.httpMethod, event.path);
    } catch (error) {
      if (error instanceof MockPartnerError) return json(error.statusCode, error.toBody());
      throw error;
    }
  };
}

function parseRequest(text: string): GraphQLRequestBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('The body must be JSON {"query", "variables", "operationName"}');
  }
  const request = body as Partial<GraphQLRequestBody> | null;
  if (typeof request?.query !== 'string') throw new BadRequestError('The body has no "query" string');
  return request as GraphQLRequestBody;
}
