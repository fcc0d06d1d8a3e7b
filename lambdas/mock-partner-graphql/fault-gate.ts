/**
 * Decides, for one GraphQL request, which fault the mock partner injects: a per-id fault (stored
 * `ids`, else the id conventions), then the rate faults (stored, else the deployment's), drawn from
 * the seeded `FaultInjector`. Returns the answer to give instead of executing, if any.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import serverError from '../../query_response/server_error.json';
import throttled from '../../query_response/throttled.json';
import { FaultInjector, NO_FAULTS, type FaultConfig } from './faults';
import { INITIAL_GENERATION, type FaultStore } from './fault-store';
import { DEFAULT_SLOW_MS, idFaultByConvention, requestedIds, type IdFault } from './id-faults';
import { json } from './proxy';
import type { StoredFaults } from './runtime-faults';

export interface FaultDecision {
  /** Wait this long before answering. */
  readonly delayMs: number;
  /** Answer this instead of executing the request. */
  readonly answer?: APIGatewayProxyResult;
  readonly notFound: boolean;
  readonly partial: boolean;
}

/** Seconds a throttled client is asked to wait (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 1;

const UNAVAILABLE = {
  errors: [{ errorType: 'ServiceUnavailable', message: 'The partner is unavailable (injected fault).' }],
};
const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Maintenance</title></head>' +
  '<body><h1>We will be back soon</h1><p>Scheduled maintenance (injected fault).</p></body></html>';

export class FaultGate {
  private injector: FaultInjector;
  private injectorKey: string;

  constructor(
    private readonly deployed: FaultConfig,
    private readonly store: FaultStore,
  ) {
    this.injector = new FaultInjector(deployed);
    this.injectorKey = JSON.stringify(deployed);
  }

  async decide(variables: unknown): Promise<FaultDecision> {
    const stored = await this.store.read();
    const config = effectiveConfig(this.deployed, stored);
    let delayMs = config.latencyMs;
    for (const id of requestedIds(variables)) {
      const fault = stored?.faults?.ids?.[id] ?? idFaultByConvention(id);
      if (!fault) continue;
      if (fault.kind === 'slow') {
        delayMs += fault.ms ?? DEFAULT_SLOW_MS;
        continue;
      }
      if (!(await this.applies(fault, stored?.generation ?? INITIAL_GENERATION, id))) continue;
      return { delayMs, answer: idFaultAnswer(fault), notFound: false, partial: false };
    }
    const draw = this.injectorFor(config).draw();
    if (draw.status === 429) return { delayMs, answer: throttledAnswer(), notFound: false, partial: false };
    if (draw.status === 500)
      return { delayMs, answer: json(500, serverError), notFound: false, partial: false };
    return { delayMs, notFound: draw.notFound, partial: draw.errorsBlock };
  }

  private async applies(fault: IdFault, generation: string, id: string): Promise<boolean> {
    if (fault.times === undefined) return true;
    return (await this.store.countCall(generation, id)) <= fault.times;
  }

  /** The seeded sequence restarts whenever the effective faults change. */
  private injectorFor(config: FaultConfig): FaultInjector {
    const key = JSON.stringify(config);
    if (key !== this.injectorKey) {
      this.injector = new FaultInjector(config);
      this.injectorKey = key;
    }
    return this.injector;
  }
}

/** A stored document replaces the deployment's faults; keys it leaves out mean no fault. */
export function effectiveConfig(deployed: FaultConfig, stored: StoredFaults | undefined): FaultConfig {
  if (!stored?.faults) return deployed;
  const { ids: _ids, ...rates } = stored.faults;
  return { ...NO_FAULTS, ...rates };
}

function idFaultAnswer(fault: IdFault): APIGatewayProxyResult {
  if (fault.kind === 'throttle') return throttledAnswer();
  if (fault.kind === 'html')
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: MAINTENANCE_PAGE,
    };
  return json(503, UNAVAILABLE);
}

function throttledAnswer(): APIGatewayProxyResult {
  const answer = json(429, throttled);
  return { ...answer, headers: { ...answer.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
}
