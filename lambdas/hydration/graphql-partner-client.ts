/**
 * `PartnerClient` over graphql-request: POSTs the operation text with a bearer token and a
 * per-request timeout, retries once with a fresh token after a 401, and turns every transport or
 * HTTP failure into a classified `HydrationError`. GraphQL `errors` on a 2xx answer are returned
 * (errorPolicy `all`) for `checkResponse` to judge.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import {
  HydrationError,
  PartnerHttpError,
  PartnerNetworkError,
  PartnerResponseError,
  PartnerTimeoutError,
} from './errors';
import type { PartnerClient, PartnerGraphQLErrorEntry, PartnerResponse, TokenProvider } from './ports';
import { isTimeout } from './token-provider';

export interface GraphQLPartnerClientOptions {
  readonly endpoint: string;
  readonly tokens: TokenProvider;
  readonly timeoutMs: number;
}

export class GraphQLPartnerClient implements PartnerClient {
  private readonly client: GraphQLClient;

  constructor(private readonly options: GraphQLPartnerClientOptions) {
    // excludeOperationName: graphql-request would otherwise parse the operation on every request
    // just to name it; each operation file holds exactly one operation.
    this.client = new GraphQLClient(options.endpoint, { errorPolicy: 'all', excludeOperationName: true });
  }

  async query(operation: string, variables: Record<string, unknown>): Promise<PartnerResponse> {
    const token = await this.options.tokens.token();
    try {
      return await this.send(operation, variables, token);
    } catch (error) {
      if (!(error instanceof PartnerHttpError) || error.status !== 401) throw error;
      // One refresh: the token may have expired or been rotated since it was cached.
      this.options.tokens.invalidate(token);
      return this.send(operation, variables, await this.options.tokens.token());
    }
  }

  private async send(
    operation: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<PartnerResponse> {
    try {
      const result = await this.client.rawRequest<Record<string, unknown>>({
        query: operation,
        variables,
        requestHeaders: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      return {
        status: result.status,
        data: result.data,
        errors: result.errors as PartnerGraphQLErrorEntry[] | undefined,
      };
    } catch (error) {
      throw this.classify(error);
    }
  }

  private classify(error: unknown): HydrationError {
    if (error instanceof HydrationError) return error;
    if (error instanceof ClientError) {
      const types = (error.response.errors ?? [])
        .map((e) => (e as unknown as PartnerGraphQLErrorEntry).errorType ?? e.message)
        .filter(Boolean);
      const hint = error.response.status === 401 ? '; check the token in the partner secret' : '';
      return new PartnerHttpError(
        error.response.status,
        `The partner answered HTTP ${error.response.status}${types.length ? ` (${types.join(', ')})` : ''}${hint}`,
      );
    }
    if (isTimeout(error)) return new PartnerTimeoutError(this.options.timeoutMs, { cause: error });
    if (error instanceof TypeError) {
      return new PartnerNetworkError(`The partner endpoint ${this.options.endpoint} is unreachable`, {
        cause: error,
      });
    }
    return new PartnerResponseError(`The partner's answer is not a GraphQL response: ${String(error)}`, {
      cause: error,
    });
  }
}
