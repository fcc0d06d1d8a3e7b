import { describe, expect, it } from 'vitest';
import { TargetUnavailableError } from '../../bin/ops/errors';
import { parseEndpointsFile } from '../../bin/cli/target/endpoints';
import { endpointsFromOutputs } from '../../bin/ops/target/endpoints';
import { MissingOutputsError } from '../../bin/ops/target/errors';
import { kebab } from '../../bin/ops/target/kebab';
import { readableQueueName, withReadableNames } from '../../bin/ops/target/queue-names';

const REQUIRED = {
  BusName: 'shop-events',
  BucketName: 'hydrant-bucket-1',
  StripeSecretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:stripe',
  DeliverySecretArn: 'arn:aws:secretsmanager:eu-west-1:1:secret:delivery',
};
const STACK = { kind: 'stack', description: 'stack Hydrant (eu-west-1)', region: 'eu-west-1' } as const;

describe('stack outputs → endpoints', () => {
  it('maps the named outputs and finds queues and DLQs by suffix', () => {
    const endpoints = endpointsFromOutputs(
      {
        ...REQUIRED,
        StripeWebhookUrl: 'https://api.example/prod/webhooks/stripe',
        DeliveryWebhookUrl: 'https://api.example/prod/webhooks/delivery/',
        MockPartnerEventsUrl: 'https://mock.example/prod',
        OrderHydrationQueueUrl: 'https://sqs/1/order',
        OrderHydrationDlqUrl: 'https://sqs/1/order-dlq',
        VerifierTargetDlqUrl: 'https://sqs/1/verifier-dlq',
      },
      { ...STACK, profile: 'ops' },
    );

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
    const build = () => endpointsFromOutputs({ BusName: 'shop-events' }, STACK);
    expect(build).toThrow(MissingOutputsError);
    expect(build).toThrow(/BucketName, StripeSecretArn, DeliverySecretArn/);
  });

  it('adds the local queues no output names, under readable names, and keeps output names first', () => {
    const endpoints = endpointsFromOutputs(
      { ...REQUIRED, OrderHydrationQueueUrl: 'http://q/1', OrderHydrationDlqUrl: 'http://q/2' },
      { kind: 'local', description: 'the local emulator', region: 'us-east-1', awsEndpoint: 'http://x' },
      {
        'Hydrant-OrderHydrationQueue1A2B3C4D-ABCDEFGHIJKL': 'http://q/1',
        'Hydrant-OrderHydrationDeadLetterQueue1A2B3C4D-ABCDEFGHIJKL': 'http://q/2',
        'Hydrant-AuditQueue1A2B3C4D-ABCDEFGHIJKL': 'http://q/3',
      },
    );
    expect(endpoints.queues).toEqual({ 'order-hydration': 'http://q/1', audit: 'http://q/3' });
    expect(endpoints.dlqs).toEqual({ 'order-hydration': 'http://q/2' });
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
