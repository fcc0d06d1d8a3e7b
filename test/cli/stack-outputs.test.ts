import { describe, expect, it } from 'vitest';
import { TargetUnavailableError } from '../../bin/cli/errors';
import { parseEndpointsFile } from '../../bin/cli/target/endpoints';
import { readableQueueName, withReadableNames } from '../../bin/cli/target/queue-names';
import { endpointsFromOutputs, kebab } from '../../bin/cli/target/stack-outputs';

const REQUIRED = [
  { OutputKey: 'BusName', OutputValue: 'shop-events' },
  { OutputKey: 'BucketName', OutputValue: 'hydrant-bucket-1' },
  { OutputKey: 'StripeSecretArn', OutputValue: 'arn:aws:secretsmanager:eu-west-1:1:secret:stripe' },
  { OutputKey: 'DeliverySecretArn', OutputValue: 'arn:aws:secretsmanager:eu-west-1:1:secret:delivery' },
];

describe('stack outputs → endpoints', () => {
  it('maps the named outputs and finds queues and DLQs by suffix', () => {
    const endpoints = endpointsFromOutputs('Hydrant', 'eu-west-1', 'ops', [
      ...REQUIRED,
      { OutputKey: 'StripeWebhookUrl', OutputValue: 'https://api.example/prod/webhooks/stripe' },
      { OutputKey: 'DeliveryWebhookUrl', OutputValue: 'https://api.example/prod/webhooks/delivery/' },
      { OutputKey: 'MockPartnerEventsUrl', OutputValue: 'https://mock.example/prod' },
      { OutputKey: 'OrderHydrationQueueUrl', OutputValue: 'https://sqs/1/order' },
      { OutputKey: 'OrderHydrationDlqUrl', OutputValue: 'https://sqs/1/order-dlq' },
      { OutputKey: 'VerifierTargetDlqUrl', OutputValue: 'https://sqs/1/verifier-dlq' },
    ]);

    expect(endpoints).toMatchObject({
      kind: 'stack',
      region: 'eu-west-1',
      profile: 'ops',
      bus: 'shop-events',
      bucket: 'hydrant-bucket-1',
      webhooks: {
        stripe: 'https://api.example/prod/webhooks/stripe',
        delivery: 'https://api.example/prod/webhooks/delivery/{provider}',
      },
      mockPartner: { events: 'https://mock.example/prod', graphql: undefined },
      queues: { 'order-hydration': 'https://sqs/1/order' },
      dlqs: { 'order-hydration': 'https://sqs/1/order-dlq', 'verifier-target': 'https://sqs/1/verifier-dlq' },
    });
    expect(endpoints.awsEndpoint).toBeUndefined();
  });

  it('names every missing required output', () => {
    const build = () => endpointsFromOutputs('Other', 'eu-west-1', undefined, [REQUIRED[0]!]);
    expect(build).toThrow(TargetUnavailableError);
    expect(build).toThrow(/BucketName, StripeSecretArn, DeliverySecretArn/);
  });

  it('turns output prefixes into kebab-case names', () => {
    expect(kebab('OrderHydration')).toBe('order-hydration');
    expect(kebab('ItemDLQSource')).toBe('item-dlq-source');
    expect(kebab('Orders')).toBe('orders');
  });
});

describe('endpoints.json', () => {
  it('accepts the file npm start writes', () => {
    const parsed = parseEndpointsFile(
      {
        awsEndpoint: 'http://127.0.0.1:4566',
        region: 'us-east-1',
        bus: 'shop-events',
        bucket: 'b',
        webhooks: { stripe: 'http://x/stripe', delivery: 'http://x/delivery/{provider}' },
        mockPartner: { graphql: 'http://x/graphql', events: 'http://x/events' },
        secrets: { stripe: 's', delivery: 'd', partner: 'p' },
        queues: { order: 'http://q/order' },
        dlqs: { order: 'http://q/order-dlq' },
      },
      'endpoints.json',
    );
    expect(parsed.webhooks.delivery).toBe('http://x/delivery/{provider}');
    expect(parsed.dlqs).toEqual({ order: 'http://q/order-dlq' });
  });

  it('lists every problem of a broken file', () => {
    let message = '';
    try {
      parseEndpointsFile({ region: 1, webhooks: [], dlqs: { a: 3 } }, 'e.json');
    } catch (error) {
      expect(error).toBeInstanceOf(TargetUnavailableError);
      message = (error as Error).message;
    }
    for (const problem of [
      'awsEndpoint must be a non-empty string',
      'region must be a non-empty string',
      'bucket must be a non-empty string',
      'webhooks must be an object',
      'secrets.stripe must be a non-empty string',
      'dlqs.a must be a queue URL',
    ]) {
      expect(message).toContain(problem);
    }
  });
});

describe('readable queue names', () => {
  it('shortens names CloudFormation generated and keeps others', () => {
    expect(readableQueueName('Hydrant-HydrationOrdersDeadLetterQueueDF6E6164-65CCAF1D747A')).toBe(
      'hydration-orders-dlq',
    );
    expect(readableQueueName('Hydrant-HydrationOrdersQueueC59C117E-5AB2B06E7833')).toBe('hydration-orders');
    expect(readableQueueName('Hydrant-VerifierDeadLetterQueue47ECE839-0EA7420212DC')).toBe('verifier-dlq');
    expect(readableQueueName('order-hydration-dlq')).toBe('order-hydration-dlq');
  });

  it('keeps the full name where two queues would share a readable one', () => {
    expect(
      withReadableNames({
        'A-OrdersQueueDF6E6164-65CCAF1D747A': 'u1',
        'B-OrdersQueue12345678-65CCAF1D747B': 'u2',
        'A-ItemsQueueC59C117E-5AB2B06E7833': 'u3',
      }),
    ).toEqual({
      'A-OrdersQueueDF6E6164-65CCAF1D747A': 'u1',
      'B-OrdersQueue12345678-65CCAF1D747B': 'u2',
      items: 'u3',
    });
  });
});
