/**
 * The mock partner, deployed when no real partner endpoint is configured so the stack works end to
 * end without a partner account: one REST API (Lambda proxy integrations) serving the GraphQL API
 * (`POST /graphql`, `POST /oauth/token`), its fault control (`GET|PUT|DELETE /admin/faults`) and
 * the event API (`POST /put-event/order`, `POST /put-event/buyability`). All check the partner
 * bearer token from the partner secret. Faults (latency, 5xx, 429, errors blocks, not-found) start
 * from the deployment's seeded settings and are changed at run time through `/admin/faults`, kept
 * in the bucket under `mock-partner/` (Lambda instances share no memory).
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HydrantFunction } from './hydrant-function';

export interface MockPartnerFaults {
  /** Added to every GraphQL answer. @default 0 */
  readonly latencyMs?: number;
  /** Share of GraphQL requests answered HTTP 500. @default 0 */
  readonly error5xxRate?: number;
  /** Share of GraphQL requests answered HTTP 429. @default 0 */
  readonly error429Rate?: number;
  /** Share of answers with data and an errors block (partial data). @default 0 */
  readonly errorsBlockRate?: number;
  /** Share of answers saying the order or item does not exist. @default 0 */
  readonly notFoundRate?: number;
  /** Seed of the fault sequence. @default 1 */
  readonly seed?: number;
}

export interface MockPartnerProps {
  readonly bus: IEventBus;
  /** Holds the run-time faults and per-id call counts under `mock-partner/`. */
  readonly bucket: IBucket;
  /** The `source` the event API publishes with (and the only one its role may use). */
  readonly partnerSource: string;
  /** The partner secret; the mock accepts the static token or issues OAuth tokens for its client. */
  readonly partnerSecret: ISecret;
  /** The deployment's faults, until `PUT /admin/faults` replaces them. @default - no faults */
  readonly faults?: MockPartnerFaults;
  /** Lifetime of issued OAuth tokens. @default Duration.hours(1) */
  readonly tokenTtl?: Duration;
}

/** Where the mock keeps its run-time faults in the bucket. */
export const FAULTS_PREFIX = 'mock-partner/*';

export class MockPartner extends Construct {
  public readonly api: RestApi;
  public readonly graphqlFunction: HydrantFunction;
  public readonly eventsFunction: HydrantFunction;
  /** `https://…/graphql` */
  public readonly graphqlUrl: string;
  /** `https://…/oauth/token` */
  public readonly tokenUrl: string;
  /** `https://…/admin/faults`: the fault control (GET, PUT, DELETE). */
  public readonly faultsUrl: string;
  /** `https://…/put-event` (append `/order?event-type=…` or `/buyability?event-type=buyability`) */
  public readonly eventsUrl: string;

  constructor(scope: Construct, id: string, props: MockPartnerProps) {
    super(scope, id);
    const faults = checkFaults(props.faults ?? {});

    this.graphqlFunction = new HydrantFunction(this, 'GraphqlFunction', {
      handlerDir: 'mock-partner-graphql',
      description: 'Mock partner GraphQL API over fixture data, with seeded fault injection',
      memorySize: 512,
      environment: {
        PARTNER_SECRET_ID: props.partnerSecret.secretArn,
        FAULTS_BUCKET: props.bucket.bucketName,
        TOKEN_TTL_SECONDS: String((props.tokenTtl ?? Duration.hours(1)).toSeconds()),
        LATENCY_MS: String(faults.latencyMs),
        ERROR_5XX_RATE: String(faults.error5xxRate),
        ERROR_429_RATE: String(faults.error429Rate),
        ERRORS_BLOCK_RATE: String(faults.errorsBlockRate),
        NOT_FOUND_RATE: String(faults.notFoundRate),
        FAULT_SEED: String(faults.seed),
      },
    });
    props.partnerSecret.grantRead(this.graphqlFunction);
    this.graphqlFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [props.bucket.arnForObjects(FAULTS_PREFIX)],
      }),
    );

    this.eventsFunction = new HydrantFunction(this, 'EventsFunction', {
      handlerDir: 'mock-partner-events',
      description: 'Mock partner event API: publishes order and buyability events to the bus',
      environment: {
        BUS_NAME: props.bus.eventBusName,
        PARTNER_SOURCE: props.partnerSource,
        PARTNER_SECRET_ID: props.partnerSecret.secretArn,
      },
    });
    props.partnerSecret.grantRead(this.eventsFunction);
    this.eventsFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': props.partnerSource } },
      }),
    );

    this.graphqlFunction.acknowledgeRoleFindings([
      {
        bucket: props.bucket,
        pattern: FAULTS_PREFIX,
        reason: `Get/PutObject under ${FAULTS_PREFIX} only: the fault document and one call counter per faulted id.`,
      },
    ]);
    this.eventsFunction.acknowledgeRoleFindings();

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-mock-partner`,
      description: 'Mock partner (Buy with Prime style) GraphQL and event APIs',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'mock',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
      },
    });
    const graphql = new LambdaIntegration(this.graphqlFunction);
    const events = new LambdaIntegration(this.eventsFunction);
    this.api.root.addResource('graphql').addMethod('POST', graphql);
    this.api.root.addResource('oauth').addResource('token').addMethod('POST', graphql);
    const faultControl = this.api.root.addResource('admin').addResource('faults');
    for (const method of ['GET', 'PUT', 'DELETE']) faultControl.addMethod(method, graphql);
    const putEvent = this.api.root.addResource('put-event');
    putEvent.addResource('order').addMethod('POST', events);
    putEvent.addResource('buyability').addMethod('POST', events);

    this.graphqlUrl = this.api.urlForPath('/graphql');
    this.tokenUrl = this.api.urlForPath('/oauth/token');
    this.faultsUrl = this.api.urlForPath('/admin/faults');
    this.eventsUrl = this.api.urlForPath('/put-event');

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Callers authenticate like partner clients do: the Lambdas check the bearer token against the partner ' +
          'secret (static token or OAuth client credentials) in constant time.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason:
          'Partner clients hold partner-issued tokens, not Cognito identities; the Lambdas verify them.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: 'A mock for development and tests, throttled at the stage; not worth a WAF web ACL.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason:
          'The Lambda handlers validate every request (GraphQL validation against the schema, query parameters).',
      },
    );
  }
}

/** The faults with defaults, or one error listing every out-of-range value. */
export function checkFaults(faults: MockPartnerFaults): Required<MockPartnerFaults> {
  const filled = {
    latencyMs: faults.latencyMs ?? 0,
    error5xxRate: faults.error5xxRate ?? 0,
    error429Rate: faults.error429Rate ?? 0,
    errorsBlockRate: faults.errorsBlockRate ?? 0,
    notFoundRate: faults.notFoundRate ?? 0,
    seed: faults.seed ?? 1,
  };
  const problems: string[] = [];
  for (const key of ['error5xxRate', 'error429Rate', 'errorsBlockRate', 'notFoundRate'] as const) {
    if (!(filled[key] >= 0 && filled[key] <= 1))
      problems.push(`${key} must be from 0 to 1 (got ${filled[key]})`);
  }
  if (!(Number.isInteger(filled.latencyMs) && filled.latencyMs >= 0 && filled.latencyMs <= 25_000)) {
    problems.push(`latencyMs must be a whole number from 0 to 25000 (got ${filled.latencyMs})`);
  }
  if (!(Number.isInteger(filled.seed) && filled.seed >= 0 && filled.seed < 2 ** 32)) {
    problems.push(`seed must be a 32-bit unsigned integer (got ${filled.seed})`);
  }
  if (problems.length > 0) throw new Error(`Invalid MockPartner faults:\n  - ${problems.join('\n  - ')}`);
  return filled;
}

/** Faults from context `hydrant:mockPartnerFaults` (a JSON object, e.g. `{"latencyMs":50,"seed":7}`). */
export function mockFaultsFromContext(scope: Construct): MockPartnerFaults | undefined {
  const raw: unknown = scope.node.tryGetContext('hydrant:mockPartnerFaults');
  if (raw === undefined) return undefined;
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      'hydrant:mockPartnerFaults must be a JSON object such as {"latencyMs":50,"error5xxRate":0.1}',
    );
  }
  return value as MockPartnerFaults;
}
