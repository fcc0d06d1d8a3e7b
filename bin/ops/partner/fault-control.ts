/**
 * Client of the mock partner's fault control (`GET|PUT|DELETE <mock api>/admin/faults`, see
 * `lambdas/mock-partner-graphql/admin-route.ts`), for the CLI, the demo and the e2e tests alike.
 * The route sits beside `/graphql` on the mock partner API and takes the partner bearer token.
 */
import type { IdFault } from '../../../lambdas/mock-partner-graphql/id-faults';
import type { RuntimeFaults } from '../../../lambdas/mock-partner-graphql/runtime-faults';

/** What `PUT /admin/faults` takes: rates (0–1), latency, seed, and per-id faults (the route's own type). */
export type FaultDocument = RuntimeFaults;

/** One id's fault: `fail`, `throttle`, `html` or `slow`, for `times` calls (`ms` for `slow`). */
export type IdFaultSpec = IdFault;

/** What every route answers. */
export interface FaultState {
  readonly source: 'runtime' | 'deployment';
  readonly stored: FaultDocument | null;
  readonly generation: string | null;
  readonly updatedAt: string | null;
  readonly effective: Required<Omit<FaultDocument, 'ids'>> & { ids: Record<string, IdFaultSpec> };
}

export class FaultControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FaultControlError';
  }
}

/** `…/graphql` → `…/admin/faults`. */
export function faultsUrlFor(graphqlUrl: string): string {
  const base = graphqlUrl.replace(/\/+$/, '');
  if (!base.endsWith('/graphql'))
    throw new Error(`Not a mock partner GraphQL URL (…/graphql): ${graphqlUrl}`);
  return `${base.slice(0, -'/graphql'.length)}/admin/faults`;
}

export class MockPartnerFaultControl {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  static forGraphqlUrl(graphqlUrl: string, token: string): MockPartnerFaultControl {
    return new MockPartnerFaultControl(faultsUrlFor(graphqlUrl), token);
  }

  get(): Promise<FaultState> {
    return this.call('GET');
  }

  /** Replaces the faults in effect (the deployment's until now) with `faults`. */
  set(faults: FaultDocument): Promise<FaultState> {
    return this.call('PUT', faults);
  }

  /** Back to the deployment's faults; per-id call counts restart. */
  clear(): Promise<FaultState> {
    return this.call('DELETE');
  }

  private async call(method: string, body?: unknown): Promise<FaultState> {
    const response = await fetch(this.url, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) {
      const message = errorMessage(text);
      throw new FaultControlError(
        response.status,
        `${method} ${this.url} answered HTTP ${response.status}: ${message ?? text.slice(0, 300)}`,
      );
    }
    return JSON.parse(text) as FaultState;
  }
}

function errorMessage(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { errors?: { message?: string }[] }).errors?.[0]?.message;
  } catch {
    return undefined;
  }
}
