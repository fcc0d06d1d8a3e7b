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
  /** A real partner GraphQL endpoint. One of this and `mockPartner` is required. @default - none */
  readonly partnerEndpoint?: string;
  /** Deploy the mock partner (a public API that can put partner events on the bus) and hydrate from it. @default false */
  readonly mockPartner: boolean;
  /**
   * An existing bus that carries the partner's events (the accelerator's bus, or the partner event
   * bus of an `aws.partner/…` source), in this stack's account and region; the order and
   * buyability rules go there. @default - hydrant's bus, or the partner bus named like an `aws.partner/…` partnerSource
   */
  readonly partnerEventBusArn?: string;
  /** A Stripe EventBridge destination's source (`aws.partner/stripe.com/…`), relayed as source `stripe`. @default - webhooks only */
  readonly stripeEventSource?: string;
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
  mockPartner: false,
};

/** The context `npm start`, the demo and the tests synthesize with: the mock partner, never in cdk.json. */
export const MOCK_PARTNER_CONTEXT = { 'hydrant:mockPartner': true } as const;

/** Context keys without a default, read when present. */
const OPTIONAL_KEYS = ['partnerEndpoint', 'partnerEventBusArn', 'stripeEventSource', 'alarmEmail'] as const;

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
  for (const key of [...Object.keys(DEFAULT_CONFIG), ...OPTIONAL_KEYS, ...OPTIONAL_NUMBERS]) {
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
    if (typeof defaultValue === 'boolean' && ['true', 'false'].includes(value)) out[key] = value === 'true';
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
  problems.push(...partnerProblems(config));
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

/** An `aws.partner/<partner domain>/…` event source, which reaches an account on the partner bus named after it. */
export const PARTNER_EVENT_SOURCE = /^aws\.partner\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._\-/]+)?$/;
const STRIPE_EVENT_SOURCE = /^aws\.partner\/stripe\.com\/[A-Za-z0-9._\-/]+$/;
const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\-/]{1,256}$/;

export function isPartnerEventSource(source: string): boolean {
  return PARTNER_EVENT_SOURCE.test(source);
}

/** Where partner events come from and which partner hydrant calls. */
function partnerProblems(config: HydrantConfig): string[] {
  const problems: string[] = [];
  const partnerSource = config.partnerSource;
  const custom = /^[a-z0-9][a-z0-9._-]*$/i.test(partnerSource) && !partnerSource.startsWith('aws.');
  if (!custom && !isPartnerEventSource(partnerSource)) {
    problems.push(
      `hydrant:partnerSource "${partnerSource}" is not a usable event source: a custom source (letters, digits, . _ -, not starting with "aws.") or aws.partner/<partner>/…`,
    );
  }
  if (typeof config.mockPartner !== 'boolean') {
    problems.push(`hydrant:mockPartner must be true or false (got ${JSON.stringify(config.mockPartner)})`);
  }
  if (config.partnerEndpoint === undefined && config.mockPartner !== true) {
    problems.push(
      'no partner configured: set hydrant:partnerEndpoint=https://… (the partner GraphQL API) or ' +
        'hydrant:mockPartner=true (deploys the mock partner, for development and tests only)',
    );
  }
  if (config.partnerEndpoint !== undefined && config.mockPartner === true) {
    problems.push('hydrant:partnerEndpoint and hydrant:mockPartner=true exclude each other: choose one');
  }
  if (config.partnerEndpoint !== undefined && !/^https:\/\/\S+$/.test(config.partnerEndpoint)) {
    problems.push(`hydrant:partnerEndpoint must be an https:// URL (got "${config.partnerEndpoint}")`);
  }
  if (config.mockPartner === true && isPartnerEventSource(partnerSource)) {
    problems.push(
      `hydrant:mockPartner cannot publish as ${partnerSource}: only the partner can put aws.partner/… events; use a custom hydrant:partnerSource with the mock`,
    );
  }
  if (config.partnerEventBusArn !== undefined && !EVENT_BUS_ARN.test(config.partnerEventBusArn)) {
    problems.push(
      `hydrant:partnerEventBusArn must be an event bus ARN, arn:aws:events:<region>:<account>:event-bus/<name> (got "${config.partnerEventBusArn}")`,
    );
  }
  if (config.stripeEventSource !== undefined && !STRIPE_EVENT_SOURCE.test(config.stripeEventSource)) {
    problems.push(
      `hydrant:stripeEventSource must be a Stripe partner event source, aws.partner/stripe.com/… (got "${config.stripeEventSource}")`,
    );
  }
  return problems;
}
