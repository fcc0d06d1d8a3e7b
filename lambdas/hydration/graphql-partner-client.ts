/**
 * `PartnerClient` over fetch: POSTs `{query, variables}` with the bearer token and the
 * `X-Omni-InstallationId` header (the merchant installation the Buy with Prime API answers for)
 * under a per-request timeout, retries once with a fresh token after a 401, and turns every
 * transport or HTTP failure into a classified `HydrationError`. GraphQL `errors` on a 2xx answer
 * are returned for `checkResponse` to judge; a 2xx that is not JSON (an HTML page from a proxy or
 * CDN in front of the partner) is a retryable upstream error.
 */
import {
  HydrationError,
  PartnerHttpError,
  PartnerNetworkError,
  PartnerTimeoutError,
  PartnerUpstreamPageError,
} from './errors';
import { PARTNER_INSTALLATION_HEADER } from '../shared/contracts';
import type { PartnerClient, PartnerGraphQLErrorEntry, PartnerResponse, TokenProvider } from './ports';
import { isTimeout } from './token-provider';

export interface GraphQLPartnerClientOptions {
  readonly endpoint: string;
  readonly tokens: TokenProvider;
  readonly timeoutMs: number;
}

interface Credentials {
  readonly token: string;
  readonly installationId: string;
}

export class GraphQLPartnerClient implements PartnerClient {
  constructor(private readonly options: GraphQLPartnerClientOptions) {}

  async query(operation: string, variables: Record<string, unknown>): Promise<PartnerResponse> {
    const credentials = await this.credentials();
    try {
      return await this.send(operation, variables, credentials);
    } catch (error) {
      if (!(error instanceof PartnerHttpError) || error.status !== 401) throw error;
      // One refresh: the token may have expired or been rotated since it was cached.
      this.options.tokens.invalidate(credentials.token);
      return this.send(operation, variables, await this.credentials());
    }
  }

  private async credentials(): Promise<Credentials> {
    const [token, installationId] = await Promise.all([
      this.options.tokens.token(),
      this.options.tokens.installationId(),
    ]);
    return { token, installationId };
  }

  private async send(
    operation: string,
    variables: Record<string, unknown>,
    credentials: Credentials,
  ): Promise<PartnerResponse> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.options.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${credentials.token}`,
          [PARTNER_INSTALLATION_HEADER]: credentials.installationId,
        },
        body: JSON.stringify({ query: operation, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw this.transportFailure(error);
    }
    const body = parseJson(text);
    if (!response.ok) throw httpError(response.status, body);
    if (!isRecord(body)) {
      throw new PartnerUpstreamPageError(response.status, response.headers.get('content-type') ?? '');
    }
    return {
      status: response.status,
      data: body.data as PartnerResponse['data'],
      errors: Array.isArray(body.errors) ? (body.errors as PartnerGraphQLErrorEntry[]) : undefined,
    };
  }

  private transportFailure(error: unknown): HydrationError {
    if (isTimeout(error)) return new PartnerTimeoutError(this.options.timeoutMs, { cause: error });
    return new PartnerNetworkError(`The partner endpoint ${this.options.endpoint} is unreachable`, {
      cause: error,
    });
  }
}

function httpError(status: number, body: unknown): PartnerHttpError {
  const errors = isRecord(body) && Array.isArray(body.errors) ? (body.errors as unknown[]) : [];
  const types = errors
    .map((e) => (isRecord(e) ? (e.errorType ?? e.message) : undefined))
    .filter((t): t is string => typeof t === 'string' && t.length > 0);
  const hint =
    status === 401
      ? '; check the token or client credentials in the partner secret'
      : status === 403
        ? '; check the installation id (X-Omni-InstallationId) and the token scope'
        : '';
  return new PartnerHttpError(
    status,
    `The partner answered HTTP ${status}${types.length ? ` (${types.join(', ')})` : ''}${hint}`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
