/**
 * The hydrant stack. It only composes constructs; each concern lives in its own construct file.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { readConfig, type HydrantConfig } from './config';
import { EventBackbone } from './event-backbone';
import { PipelineSecrets } from './pipeline-secrets';
import { PipelineStorage } from './pipeline-storage';

export interface HydrantStackProps extends StackProps {
  /** Overrides for the configuration read from CDK context. @default - context and defaults */
  readonly config?: Partial<HydrantConfig>;
}

export class HydrantStack extends Stack {
  public readonly config: HydrantConfig;
  public readonly backbone: EventBackbone;
  public readonly storage: PipelineStorage;
  public readonly secrets: PipelineSecrets;

  constructor(scope: Construct, id: string, props: HydrantStackProps = {}) {
    super(scope, id, props);
    this.config = readConfig(this, props.config);

    this.backbone = new EventBackbone(this, 'Events', {
      busName: this.config.busName,
      archiveRetentionDays: this.config.archiveRetentionDays,
    });
    this.storage = new PipelineStorage(this, 'Storage');
    this.secrets = new PipelineSecrets(this, 'Secrets', { deliveryProviders: this.config.deliveryProviders });

    new CfnOutput(this, 'BusName', { value: this.backbone.bus.eventBusName });
    new CfnOutput(this, 'BucketName', { value: this.storage.bucket.bucketName });
    new CfnOutput(this, 'StripeSecretArn', { value: this.secrets.stripe.secretArn });
    new CfnOutput(this, 'DeliverySecretArn', { value: this.secrets.delivery.secretArn });
    new CfnOutput(this, 'PartnerSecretArn', { value: this.secrets.partner.secretArn });
  }
}
