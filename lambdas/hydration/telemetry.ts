/** What the hydrator reports about each record; `PowertoolsTelemetry` turns it into logs and EMF metrics. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { MetricName } from '../shared/metric-names';
import type { FailureDecision } from './classify-failure';

export interface HydrationTelemetry {
  succeeded(info: { eventId: string; id: string; key: string; complete: boolean; truncated: boolean }): void;
  skipped(info: { eventId: string; reason: string }): void;
  failed(info: { eventId: string; attempt: number; decision: FailureDecision }): void;
  retryDelayFailed(info: { eventId: string; error: unknown }): void;
}

export class PowertoolsTelemetry implements HydrationTelemetry {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  succeeded(info: { eventId: string; id: string; key: string; complete: boolean; truncated: boolean }): void {
    this.logger.info('hydrated', info);
    this.metrics.addMetric(MetricName.HydrationSucceeded, MetricUnit.Count, 1);
    if (!info.complete) this.metrics.addMetric(MetricName.HydrationIncomplete, MetricUnit.Count, 1);
  }

  skipped(info: { eventId: string; reason: string }): void {
    this.logger.info('skipped', info);
    this.metrics.addMetric(MetricName.HydrationSkipped, MetricUnit.Count, 1);
  }

  failed(info: { eventId: string; attempt: number; decision: FailureDecision }): void {
    const { decision } = info;
    const log = decision.action === 'retry' ? this.logger.warn : this.logger.error;
    log.call(
      this.logger,
      decision.action === 'retry' ? 'hydration failed, will retry' : 'hydration failed, dead-lettered',
      {
        eventId: info.eventId,
        attempt: info.attempt,
        ...decision,
      },
    );
    // A dimension per failure class: single metrics flush on their own, with their own dimensions.
    const metric = this.metrics.singleMetric();
    metric.addDimension('failureClass', decision.failureClass);
    metric.addMetric(MetricName.HydrationFailed, MetricUnit.Count, 1);
  }

  retryDelayFailed(info: { eventId: string; error: unknown }): void {
    this.logger.warn('could not delay the retry; the queue visibility timeout applies instead', info);
  }
}
