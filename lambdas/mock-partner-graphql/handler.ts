/**
 * The mock partner's GraphQL API as a Lambda proxy handler: `POST /graphql` (bearer token,
 * injected faults, then the schema executed over fixtures), `POST /oauth/token` (client
 * credentials, when the partner secret is of type oauth) and the fault control
 * `GET|PUT|DELETE /admin/faults` (`admin-route.ts`). `server.ts` serves the same handler over
 * node:http for tests and the benchmark.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { adminRoute, isAdminRoute } from './admin-route';
import { BearerAuth } from './bearer-auth';
import { BadRequestError, MissingInstallationIdError, MockPartnerError, NotFoundRouteError } from './errors';
import { PARTNER_INSTALLATION_HEADER } from '../shared/contracts';
import { execute, type GraphQLRequestBody } from './execute';
import { FaultGate } from './fault-gate';
import { MemoryFaultStore, type FaultStore } from './fault-store';
import type { FaultConfig } from './faults';
import { bodyText, header, json } from './proxy';

export type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface MockPartnerOptions {
  /** The deployment's faults, in effect until `PUT /admin/faults` stores others. */
  readonly faults: FaultConfig;
  /** Run-time faults and per-id call counts. @default - in memory (one process) */
  readonly faultStore?: FaultStore;
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
  const faultStore = options.faultStore ?? new MemoryFaultStore();
  const faults = new FaultGate(options.faults, faultStore);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const graphqlRoute = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    await auth.verify(header(event, 'authorization'));
    // The Buy with Prime API answers for one merchant installation, named on every request.
    if (!header(event, PARTNER_INSTALLATION_HEADER)?.trim()) throw new MissingInstallationIdError();
    const request = parseRequest(bodyText(event));
    const fault = await faults.decide(request.variables);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.answer) return fault.answer;
    const result = await execute(request, { notFound: fault.notFound, partial: fault.partial });
    return json(200, result);
  };

  const tokenRoute = async (event: APIGatewayProxyEvent) =>
    json(200, await auth.issue(header(event, 'authorization'), bodyText(event)));

  return async (event) => {
    try {
      if (event.httpMethod === 'POST' && event.path.endsWith('/graphql')) return await graphqlRoute(event);
      if (event.httpMethod === 'POST' && event.path.endsWith('/oauth/token')) return await tokenRoute(event);
      if (isAdminRoute(event)) {
        await auth.verify(header(event, 'authorization'));
        return await adminRoute(event, faultStore, options.faults);
      }
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
