/**
 * The webhook front door: a REST API whose methods put each request straight on the bus as a
 * `Webhook Received` event (AWS integration to `events:PutEvents`, mapping templates in `vtl/`),
 * with no Lambda in the request path. Verification happens downstream (`WebhookVerifier`).
 *
 * Each configured delivery provider gets its own resource `/webhooks/delivery/<provider>`: API
 * Gateway cannot check a `{provider}` path parameter against a list, while a missing resource is
 * answered 404 before anything reaches the bus.
 *
 * The public URLs take anything anyone posts, so the API bounds what reaches the bus: request models
 * hold each body to its sender's contract (400 before the bus), each webhook route has its own
 * throttle (a flood at one carrier's URL does not answer Stripe 429), and an optional WAF web ACL
 * adds a per-IP rate limit.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AwsIntegration,
  EndpointType,
  JsonSchemaType,
  JsonSchemaVersion,
  LogGroupLogDestination,
  MethodLoggingLevel,
  PassthroughBehavior,
  ResponseType,
  RestApi,
  type IResource,
  type Model,
  type RequestValidator,
} from 'aws-cdk-lib/aws-apigateway';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DELIVERY_DETAIL_TYPES,
  WEBHOOK_SOURCES as WEBHOOK_SOURCE_BY_PROVIDER,
} from '../lambdas/shared/contracts';
import { DELIVERY_SIGNATURE_HEADER } from '../lambdas/shared/delivery-signature';
import { PROJECT_ROOT } from './hydrant-function';

/** Sources the API may put on the bus (IAM condition on `events:source`). */
export const WEBHOOK_SOURCES = Object.values(WEBHOOK_SOURCE_BY_PROVIDER);
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';
export { DELIVERY_SIGNATURE_HEADER };

export interface WebhookIngressProps {
  readonly bus: IEventBus;
  /** Providers served at `/webhooks/delivery/<provider>`. */
  readonly deliveryProviders: readonly string[];
  /** Stage steady-state requests per second. @default 100 */
  readonly throttleRateLimit?: number;
  /** Stage burst. @default 200 */
  readonly throttleBurstLimit?: number;
  /** @default 'v1' */
  readonly stageName?: string;
  /**
   * Requests per 5 minutes from one IP before a WAF web ACL blocks it (AWS WAF's minimum is 10).
   * @default - no web ACL
   */
  readonly wafRateLimit?: number;
}

/** A mapping template from `vtl/`. */
export function readVtl(name: string): string {
  return readFileSync(path.join(PROJECT_ROOT, 'vtl', name), 'utf8');
}

export class WebhookIngress extends Construct {
  public readonly api: RestApi;
  /** The role API Gateway assumes to call PutEvents. */
  public readonly role: Role;
  public readonly accessLogs: LogGroup;
  /** `https://…/webhooks/stripe` */
  public readonly stripeWebhookUrl: string;
  /** `https://…/webhooks/delivery/{provider}` (a template: replace `{provider}`). */
  public readonly deliveryWebhookUrlTemplate: string;

  /** The per-IP rate-limiting web ACL, when `wafRateLimit` is set. */
  public readonly webAcl?: CfnWebACL;

  private readonly validator: RequestValidator;

  constructor(scope: Construct, id: string, props: WebhookIngressProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.deliveryProviders.length === 0)
      problems.push('deliveryProviders must list at least one provider');
    if (new Set(props.deliveryProviders).size !== props.deliveryProviders.length) {
      problems.push(`deliveryProviders has duplicates: ${props.deliveryProviders.join(', ')}`);
    }
    if (
      props.wafRateLimit !== undefined &&
      !(Number.isInteger(props.wafRateLimit) && props.wafRateLimit >= 10)
    ) {
      problems.push(`wafRateLimit must be a whole number of at least 10 (got ${props.wafRateLimit})`);
    }
    if (problems.length > 0) throw new Error(`WebhookIngress: ${problems.join('; ')}`);
    const rate = props.throttleRateLimit ?? 100;
    const burst = props.throttleBurstLimit ?? 200;
    const routes = ['/webhooks/stripe', ...props.deliveryProviders.map((p) => `/webhooks/delivery/${p}`)];

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.api = new RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-webhooks`,
      description: 'hydrant webhooks: Stripe and delivery providers, straight onto the event bus',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        throttlingRateLimit: rate,
        throttlingBurstLimit: burst,
        // Each webhook route gets its own token bucket of the same size, instead of sharing the stage's.
        methodOptions: Object.fromEntries(
          routes.map((route) => [
            `${route}/POST`,
            { throttlingRateLimit: rate, throttlingBurstLimit: burst },
          ]),
        ),
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
        // The request templates read the bus name from here, so vtl/ holds no deployment values.
        variables: { busName: props.bus.eventBusName },
      },
    });

    this.role = new Role(this, 'PutEventsRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description:
        'API Gateway webhook integration: PutEvents on the hydrant bus with webhook.* sources only',
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': [...WEBHOOK_SOURCES] } },
      }),
    );

    const stripeModel = this.api.addModel('StripeWebhookBody', {
      contentType: 'application/json',
      modelName: 'StripeWebhookBody',
      description: 'A Stripe event: a JSON object with a string id and type',
      schema: {
        schema: JsonSchemaVersion.DRAFT4,
        title: 'StripeWebhookBody',
        type: JsonSchemaType.OBJECT,
        required: ['id', 'type'],
        properties: {
          id: { type: JsonSchemaType.STRING, minLength: 1 },
          type: { type: JsonSchemaType.STRING, minLength: 1 },
        },
      },
    });
    const deliveryModel = this.api.addModel('DeliveryWebhookBody', {
      contentType: 'application/json',
      modelName: 'DeliveryWebhookBody',
      description: 'A delivery-provider event, as the delivery webhook contract in the README defines it',
      schema: deliveryContractSchema(),
    });
    this.validator = this.api.addRequestValidator('BodyAndHeaders', {
      requestValidatorName: 'webhook-body-and-signature-header',
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    const webhooks = this.api.root.addResource('webhooks');
    this.addWebhook(
      webhooks.addResource('stripe'),
      stripeModel,
      STRIPE_SIGNATURE_HEADER,
      'webhook-stripe.request.vtl',
    );
    const delivery = webhooks.addResource('delivery');
    for (const provider of props.deliveryProviders) {
      this.addWebhook(
        delivery.addResource(provider),
        deliveryModel,
        DELIVERY_SIGNATURE_HEADER,
        'webhook-delivery.request.vtl',
      );
    }
    this.addGatewayResponses();
    if (props.wafRateLimit !== undefined) this.webAcl = this.addWebAcl(props.wafRateLimit);

    this.stripeWebhookUrl = this.api.urlForPath('/webhooks/stripe');
    this.deliveryWebhookUrlTemplate = this.api.urlForPath('/webhooks/delivery/{provider}');
    this.acknowledgeFindings();
  }

  /** The URL one delivery provider posts to. */
  deliveryWebhookUrl(provider: string): string {
    return this.api.urlForPath(`/webhooks/delivery/${provider}`);
  }

  private addWebhook(
    resource: IResource,
    model: Model,
    signatureHeader: string,
    requestTemplate: string,
  ): void {
    const integration = new AwsIntegration({
      service: 'events',
      action: 'PutEvents',
      integrationHttpMethod: 'POST',
      options: {
        credentialsRole: this.role,
        // Only application/json has a template; anything else is answered 415 by API Gateway.
        passthroughBehavior: PassthroughBehavior.NEVER,
        requestParameters: {
          'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'",
          'integration.request.header.Content-Type': "'application/x-amz-json-1.1'",
        },
        requestTemplates: { 'application/json': readVtl(requestTemplate) },
        integrationResponses: [
          {
            statusCode: '200',
            responseTemplates: { 'application/json': readVtl('put-events.response.vtl') },
          },
          {
            // For AWS integrations the pattern is matched against PutEvents' HTTP status.
            statusCode: '502',
            selectionPattern: '[45]\\d{2}',
            responseTemplates: { 'application/json': readVtl('put-events-failed.response.vtl') },
          },
        ],
      },
    });
    resource.addMethod('POST', integration, {
      requestValidator: this.validator,
      requestModels: { 'application/json': model },
      requestParameters: { [`method.request.header.${signatureHeader}`]: true },
      methodResponses: [{ statusCode: '200' }, { statusCode: '500' }, { statusCode: '502' }],
    });
  }

  /** JSON error bodies for what API Gateway answers itself (validation, content type, unknown path). */
  private addGatewayResponses(): void {
    const json = (name: string) => ({ 'application/json': readVtl(name) });
    const responses: [string, ResponseType, string?][] = [
      ['BadRequestBody', ResponseType.BAD_REQUEST_BODY, '400'],
      ['BadRequestParameters', ResponseType.BAD_REQUEST_PARAMETERS, '400'],
      ['UnsupportedMediaType', ResponseType.UNSUPPORTED_MEDIA_TYPE, '415'],
      ['RequestTooLarge', ResponseType.REQUEST_TOO_LARGE, '413'],
      ['Throttled', ResponseType.THROTTLED, '429'],
      ['Default4xx', ResponseType.DEFAULT_4XX],
      ['Default5xx', ResponseType.DEFAULT_5XX],
    ];
    for (const [id, type, statusCode] of responses) {
      this.api.addGatewayResponse(id, { type, statusCode, templates: json('gateway-error.response.vtl') });
    }
    // An unknown path (e.g. an unconfigured provider) is "Missing Authentication Token" 403 by default.
    this.api.addGatewayResponse('UnknownPath', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      templates: json('gateway-not-found.response.vtl'),
    });
  }

  /** A regional web ACL on the stage that blocks an IP over `limit` requests per 5 minutes. */
  private addWebAcl(limit: number): CfnWebACL {
    const name = `${Stack.of(this).stackName}-webhooks`;
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const acl = new CfnWebACL(this, 'WebAcl', {
      name,
      scope: 'REGIONAL',
      description: 'hydrant webhooks: per-IP rate limit',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: [
        {
          name: 'per-ip-rate-limit',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility(`${name}-per-ip`),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
    return acl;
  }

  private acknowledgeFindings(): void {
    const api = Validations.of(this.api);
    api.acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Stripe and delivery providers cannot sign requests with IAM or Cognito; every webhook is ' +
        'authenticated by its HMAC signature in the verifier before anything downstream sees it.',
    });
    api.acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'Webhook senders are third-party services, not Cognito users; see the HMAC verification.',
    });
    if (!this.webAcl) {
      api.acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'Per-route throttles bound the load; a per-IP WAF web ACL is opt-in (hydrant:wafRateLimit) ' +
          'because AWS WAF is billed per web ACL and request.',
      });
    }
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      Validations.of(cloudWatchRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "API Gateway's account-level logging role; this AWS managed policy is the documented way to " +
          'let API Gateway write execution logs.',
      });
    }
  }
}

/** The delivery webhook contract (README) as a draft-4 JSON Schema; extra fields are allowed. */
function deliveryContractSchema() {
  const text = { type: JsonSchemaType.STRING, minLength: 1, maxLength: 256 };
  return {
    schema: JsonSchemaVersion.DRAFT4,
    title: 'DeliveryWebhookBody',
    type: JsonSchemaType.OBJECT,
    required: ['id', 'type', 'orderId', 'customerId', 'trackingNumber', 'occurredAt'],
    properties: {
      id: text,
      type: { type: JsonSchemaType.STRING, enum: Object.keys(DELIVERY_DETAIL_TYPES) },
      orderId: text,
      customerId: text,
      trackingNumber: text,
      // ISO 8601 date-time; the verifier parses it.
      occurredAt: { ...text, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' },
    },
  };
}
