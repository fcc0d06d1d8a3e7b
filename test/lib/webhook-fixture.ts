/** An isolated stack holding only the webhook constructs and what they need, for template tests. */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { WebhookIngress, type WebhookIngressProps } from '../../lib/webhook-ingress';
import { WebhookVerifier } from '../../lib/webhook-verifier';

export interface WebhookStack {
  readonly stack: Stack;
  readonly template: Template;
  readonly ingress: WebhookIngress;
  readonly verifier: WebhookVerifier;
}

export function webhookStack(props: Partial<WebhookIngressProps> = {}): WebhookStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Webhooks', { env: { account: '123456789012', region: 'eu-west-1' } });
  const bus = new EventBus(stack, 'Bus', { eventBusName: 'shop-events' });
  const bucket = new Bucket(stack, 'Bucket');
  const stripeSecret = new Secret(stack, 'StripeSecret');
  const deliverySecret = new Secret(stack, 'DeliverySecret');
  const deliveryProviders = props.deliveryProviders ?? ['acme-post', 'swiftship'];
  const ingress = new WebhookIngress(stack, 'Ingress', { bus, deliveryProviders, ...props });
  const verifier = new WebhookVerifier(stack, 'Verifier', {
    bus,
    bucket,
    stripeSecret,
    deliverySecret,
    deliveryProviders,
  });
  return { stack, template: Template.fromStack(stack), ingress, verifier };
}
