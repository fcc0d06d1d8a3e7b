import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyFailure } from '../../../lambdas/hydration/classify-failure';
import { PartnerHttpError } from '../../../lambdas/hydration/errors';
import { PowertoolsTelemetry } from '../../../lambdas/hydration/telemetry';
import { METRIC_NAMESPACE, MetricName } from '../../../lambdas/shared/metric-names';

interface Emf {
  _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** EMF documents written to stdout while `act` runs. */
function emitted(act: () => void): Emf[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.includes('CloudWatchMetrics'))
    .map((l) => JSON.parse(l) as Emf);
}

afterEach(() => vi.restoreAllMocks());

describe('PowertoolsTelemetry', () => {
  const telemetry = () => {
    const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: 'order-hydrator' });
    return { metrics, telemetry: new PowertoolsTelemetry(new Logger({ logLevel: 'SILENT' }), metrics) };
  };

  it('emits HydrationFailed with the failure class as a dimension', () => {
    const { telemetry: t } = telemetry();
    const decision = classifyFailure(new PartnerHttpError(503, 'down'), 1, 5);

    const [emf] = emitted(() => t.failed({ eventId: 'e-1', attempt: 1, decision }));

    expect(emf[MetricName.HydrationFailed]).toBe(1);
    expect(emf.failureClass).toBe('retryable');
    expect(emf._aws.CloudWatchMetrics[0].Dimensions[0]).toContain('failureClass');
  });

  it('counts successes, incomplete hydrations and skips when published', () => {
    const { telemetry: t, metrics } = telemetry();
    t.succeeded({ eventId: 'e-1', id: 'o', key: 'k', complete: false, truncated: false });
    t.skipped({ eventId: 'e-2', reason: 'sku' });

    const [emf] = emitted(() => metrics.publishStoredMetrics());

    expect(emf).toMatchObject({
      [MetricName.HydrationSucceeded]: 1,
      [MetricName.HydrationIncomplete]: 1,
      [MetricName.HydrationSkipped]: 1,
    });
  });
});
