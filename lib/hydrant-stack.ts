/**
 * The hydrant stack. It only composes constructs; each concern lives in its own construct file.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { readConfig, type HydrantConfig } from './config';
import { EventBackbone } from './event-backbone';
import { PipelineSecrets } from './pipeline-secrets';
import { PipelineStorage } from './pipeline-storage';
import { WebhookIngress } from './webhook-ingress';
import { WebhookVerifier } from './webhook-verifier';
import { ShopServices } from './shop-services';
import { MockPartner, mockFaultsFromContext } from './mock-partner';
import { PartnerHydration } from './partner-hydration';
import { Observability } from './observability';

export interface HydrantStackProps extends StackProps {
  /** Overrides for the configuration read from CDK context. @default - context and defaults */
  readonly config?: Partial<HydrantConfig>;
}

export class HydrantStack extends Stack {
  public readonly config: HydrantConfig;
  public readonly backbone: EventBackbone;
  public readonly storage: PipelineStorage;
  public readonly secrets: PipelineSecrets;
  public readonly ingress: WebhookIngress;
  public readonly verifier: WebhookVerifier;
  public readonly shop: ShopServices;
  /** Deployed only when no real partner endpoint is configured. */
  public readonly mockPartner?: MockPartner;
  public readonly hydration: PartnerHydration;
  /** Created last: it discovers every queue and API the constructs above created. */
  public readonly observability: Observability;

  constructor(scope: Construct, id: string, props: HydrantStackProps = {}) {
    super(scope, id, props);
    this.config = readConfig(this, props.config);

    this.backbone = new EventBackbone(this, 'Events', {
      busName: this.config.busName,
      archiveRetentionDays: this.config.archiveRetentionDays,
    });
    this.storage = new PipelineStorage(this, 'Storage');
    this.secrets = new PipelineSecrets(this, 'Secrets', { deliveryProviders: this.config.deliveryProviders });
    this.ingress = new WebhookIngress(this, 'Ingress', {
      bus: this.backbone.bus,
      deliveryProviders: this.config.deliveryProviders,
      throttleRateLimit: this.config.throttleRateLimit,
      throttleBurstLimit: this.config.throttleBurstLimit,
      wafRateLimit: this.config.wafRateLimit,
    });
    this.verifier = new WebhookVerifier(this, 'Verifier', {
      bus: this.backbone.bus,
      bucket: this.storage.bucket,
      stripeSecret: this.secrets.stripe,
      deliverySecret: this.secrets.delivery,
      deliveryProviders: this.config.deliveryProviders,
    });
    this.shop = new ShopServices(this, 'Shop', { bus: this.backbone.bus, bucket: this.storage.bucket });
    if (!this.config.partnerEndpoint) {
      this.mockPartner = new MockPartner(this, 'MockPartner', {
        bus: this.backbone.bus,
        partnerSource: this.config.partnerSource,
        partnerSecret: this.secrets.partner,
        faults: mockFaultsFromContext(this),
      });
      // Its stage logs to CloudWatch through the account role the ingress API sets up.
      this.mockPartner.node.addDependency(this.ingress);
    }
    this.hydration = new PartnerHydration(this, 'Hydration', {
      bus: this.backbone.bus,
      bucket: this.storage.bucket,
      partnerSecret: this.secrets.partner,
      partnerSource: this.config.partnerSource,
      partnerEndpoint: this.config.partnerEndpoint ?? this.mockPartner!.graphqlUrl,
      batchSize: this.config.hydrationBatchSize,
      batchWindow: Duration.seconds(this.config.hydrationBatchWindowSeconds),
      maxConcurrency: this.config.hydrationMaxConcurrency,
    });

    new CfnOutput(this, 'BusName', { value: this.backbone.bus.eventBusName });
    new CfnOutput(this, 'BucketName', { value: this.storage.bucket.bucketName });
    new CfnOutput(this, 'StripeSecretArn', { value: this.secrets.stripe.secretArn });
    new CfnOutput(this, 'DeliverySecretArn', { value: this.secrets.delivery.secretArn });
    new CfnOutput(this, 'PartnerSecretArn', { value: this.secrets.partner.secretArn });
    new CfnOutput(this, 'StripeWebhookUrl', { value: this.ingress.stripeWebhookUrl });
    new CfnOutput(this, 'DeliveryWebhookUrl', {
      value: this.ingress.deliveryWebhookUrlTemplate,
      description: `Replace {provider} with one of: ${this.config.deliveryProviders.join(', ')}`,
    });
    new CfnOutput(this, 'WebhookVerifierDlqUrl', { value: this.verifier.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'WebhookVerifierDlqName', { value: this.verifier.deadLetterQueue.queueName });
    for (const [name, pipeline] of [
      ['Order', this.hydration.orders],
      ['Item', this.hydration.items],
    ] as const) {
      new CfnOutput(this, `${name}HydrationQueueUrl`, { value: pipeline.queue.queueUrl });
      new CfnOutput(this, `${name}HydrationDlqUrl`, { value: pipeline.deadLetterQueue.queueUrl });
      new CfnOutput(this, `${name}HydrationDlqName`, { value: pipeline.deadLetterQueue.queueName });
      new CfnOutput(this, `${name}HydrationTargetDlqUrl`, { value: pipeline.targetDeadLetterQueue.queueUrl });
    }
    if (this.mockPartner) {
      new CfnOutput(this, 'MockPartnerGraphqlUrl', { value: this.mockPartner.graphqlUrl });
      new CfnOutput(this, 'MockPartnerTokenUrl', { value: this.mockPartner.tokenUrl });
      new CfnOutput(this, 'MockPartnerEventsUrl', {
        value: this.mockPartner.eventsUrl,
        description:
          'POST <url>/order?event-type=order_placed|order_updated|order_refund_success or <url>/buyability?event-type=buyability',
      });
    }
    for (const [name, service] of [
      ['OrdersService', this.shop.orders],
      ['InvoicesService', this.shop.invoices],
      ['InventoryService', this.shop.inventory],
      ['ForecastService', this.shop.forecast],
    ] as const) {
      new CfnOutput(this, `${name}DlqUrl`, { value: service.deadLetterQueue.queueUrl });
    }
    this.observability = new Observability(this, 'Observability', { alarmEmail: this.config.alarmEmail });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
  }
}
