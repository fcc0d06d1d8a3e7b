/**
 * CloudWatch metric names the Lambdas emit (Powertools Metrics, EMF) and the observability
 * construct alarms on and charts. One list, so a renamed metric cannot silently orphan an alarm.
 */
export const METRIC_NAMESPACE = 'Hydrant';

export const MetricName = {
  WebhookVerified: 'WebhookVerified',
  WebhookRejected: 'WebhookRejected',
  HydrationSucceeded: 'HydrationSucceeded',
  /** Emitted with dimension `failureClass` = `retryable` | `permanent`. */
  HydrationFailed: 'HydrationFailed',
  HydrationIncomplete: 'HydrationIncomplete',
  HydrationSkipped: 'HydrationSkipped',
} as const;
