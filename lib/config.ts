/**
 * Deployment configuration, read from CDK context (`cdk.json` or `-c hydrant:key=value`).
 * Every problem is reported at once, so a bad deploy command is fixed in one go.
 */
import type { Construct } from 'constructs';

export interface HydrantConfig {
  /** Name of the custom event bus. @default 'shop-events' */
  readonly busName: string;
  /** Days the bus archive keeps every event. @default 30 */
  readonly archiveRetentionDays: number;
  /** Delivery providers accepted on `/webhooks/delivery/{provider}`. @default ['acme-post', 'swiftship'] */
  readonly deliveryProviders: readonly string[];
  /** API Gateway stage steady-state requests per second. @default 100 */
  readonly throttleRateLimit: number;
  /** API Gateway stage burst. @default 200 */
  readonly throttleBurstLimit: number;
  /** EventBridge `source` of partner events. @default 'partner.buywithprime' */
  readonly partnerSource: string;
  /** A real partner GraphQL endpoint; when unset the mock partner is deployed. @default - mock partner */
  readonly partnerEndpoint?: string;
  /** SQS batch size for the hydrators. @default 10 */
  readonly hydrationBatchSize: number;
  /** SQS batching window for the hydrators, in seconds. @default 1 */
  readonly hydrationBatchWindowSeconds: number;
  /** Maximum concurrent hydrator invocations per queue (protects the partner API). @default 5 */
  readonly hydrationMaxConcurrency: number;
  /** Email address subscribed to alarm notifications. @default - no subscription */
  readonly alarmEmail?: string;
  /** Requests per 5 minutes from one IP before a WAF web ACL on the webhook stage blocks it. @default - no web ACL */
  readonly wafRateLimit?: number;
}

/** Optional numeric keys: no default to infer their type from. */
const OPTIONAL_NUMBERS: readonly string[] = ['wafRateLimit'];

export const DEFAULT_CONFIG: HydrantConfig = {
  busName: 'shop-events',
  archiveRetentionDays: 30,
  deliveryProviders: ['acme-post', 'swiftship'],
  throttleRateLimit: 100,
  throttleBurstLimit: 200,
  partnerSource: 'partner.buywithprime',
  hydrationBatchSize: 10,
  hydrationBatchWindowSeconds: 1,
  hydrationMaxConcurrency: 5,
};

const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid hydrant configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `hydrant:*` context keys over the defaults and validates the result. */
export function readConfig(scope: Construct, overrides: Partial<HydrantConfig> = {}): HydrantConfig {
  const fromContext: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_CONFIG).concat(['partnerEndpoint', 'alarmEmail'], OPTIONAL_NUMBERS)) {
    const value = scope.node.tryGetContext(`hydrant:${key}`);
    if (value !== undefined) fromContext[key] = value;
  }
  return validateConfig({ ...DEFAULT_CONFIG, ...coerce(fromContext), ...overrides });
}

/** Context given on the command line arrives as strings; turn them into the configured types. */
function coerce(raw: Record<string, unknown>): Partial<HydrantConfig> {
  const out: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') continue;
    const defaultValue = (DEFAULT_CONFIG as unknown as Record<string, unknown>)[key];
    const numeric = typeof defaultValue === 'number' || OPTIONAL_NUMBERS.includes(key);
    if (numeric && value.trim() !== '') out[key] = Number(value);
    if (Array.isArray(defaultValue)) out[key] = value.startsWith('[') ? JSON.parse(value) : value.split(',');
  }
  return out as Partial<HydrantConfig>;
}

export function validateConfig(config: HydrantConfig): HydrantConfig {
  const problems: string[] = [];
  const positiveInt = (key: keyof HydrantConfig, max: number) => {
    const v = config[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
      problems.push(`hydrant:${key} must be a whole number from 1 to ${max} (got ${JSON.stringify(v)})`);
    }
  };
  if (!/^[A-Za-z0-9._-]{1,256}$/.test(config.busName) || config.busName === 'default') {
    problems.push(
      `hydrant:busName must be 1-256 of A-Z a-z 0-9 . _ - and not "default" (got "${config.busName}")`,
    );
  }
  positiveInt('archiveRetentionDays', 3650);
  positiveInt('throttleRateLimit', 10_000);
  positiveInt('throttleBurstLimit', 5_000);
  positiveInt('hydrationBatchSize', 10);
  positiveInt('hydrationMaxConcurrency', 1000);
  if (
    !Number.isInteger(config.hydrationBatchWindowSeconds) ||
    config.hydrationBatchWindowSeconds < 0 ||
    config.hydrationBatchWindowSeconds > 300
  ) {
    problems.push(`hydrant:hydrationBatchWindowSeconds must be a whole number from 0 to 300`);
  }
  if (config.hydrationMaxConcurrency < 2) {
    problems.push('hydrant:hydrationMaxConcurrency must be at least 2 (the SQS event source minimum)');
  }
  if (!Array.isArray(config.deliveryProviders) || config.deliveryProviders.length === 0) {
    problems.push('hydrant:deliveryProviders must list at least one provider');
  } else {
    for (const p of config.deliveryProviders) {
      if (typeof p !== 'string' || !PROVIDER_NAME.test(p)) {
        problems.push(`hydrant:deliveryProviders: "${p}" must be lowercase letters, digits and dashes`);
      }
    }
  }
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(config.partnerSource) || config.partnerSource.startsWith('aws.')) {
    problems.push(`hydrant:partnerSource "${config.partnerSource}" is not a usable event source`);
  }
  if (config.partnerEndpoint !== undefined && !/^https:\/\/\S+$/.test(config.partnerEndpoint)) {
    problems.push(`hydrant:partnerEndpoint must be an https:// URL (got "${config.partnerEndpoint}")`);
  }
  if (config.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(config.alarmEmail)) {
    problems.push(`hydrant:alarmEmail "${config.alarmEmail}" is not an email address`);
  }
  if (
    config.wafRateLimit !== undefined &&
    (!Number.isInteger(config.wafRateLimit) ||
      config.wafRateLimit < 10 ||
      config.wafRateLimit > 2_000_000_000)
  ) {
    problems.push(
      `hydrant:wafRateLimit must be a whole number of requests per 5 minutes from 10 to 2000000000 (got ${JSON.stringify(config.wafRateLimit)})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
