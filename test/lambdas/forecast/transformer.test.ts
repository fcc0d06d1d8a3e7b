/**
 * The forecast rules' InputTransformers as synthesized, rendered by the emulator's transformer
 * engine over real events, then handled: the Lambda sees only what its input type promises.
 */
import type { CfnRule } from 'aws-cdk-lib/aws-events';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderTargetInput, type TargetInput } from '../../../emulator/services/events/input-transformer';
import type { ForecastInput } from '../../../lambdas/forecast/forecast-input';
import { recordDemand } from '../../../lambdas/forecast/record-demand';
import { buildStack } from '../../helpers/synth';
import {
  fakeBucket,
  hydratedObject,
  orderHydrated,
  samplePartnerOrder,
  silentLogger,
  type FakeBucket,
} from '../shop/factories';

const CONTEXT = { ruleArn: 'arn:rule', ruleName: 'rule', ingestionTime: '2026-11-20T14:02:12Z' };

describe('forecast input transformers', () => {
  let targets: Record<string, TargetInput>;
  let bucket: FakeBucket;

  beforeAll(() => {
    const stack = buildStack();
    targets = Object.fromEntries(
      stack.shop.forecast.rules.map((rule) => {
        const cfn = rule.node.defaultChild as CfnRule;
        const [target] = stack.resolve(cfn.targets) as {
          inputTransformer: { inputPathsMap: Record<string, string>; inputTemplate: string };
        }[];
        return [
          rule.node.id,
          {
            InputTransformer: {
              InputPathsMap: target.inputTransformer.inputPathsMap,
              InputTemplate: target.inputTransformer.inputTemplate,
            },
          },
        ];
      }),
    );
  });
  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  const render = (rule: string, event: object) =>
    JSON.parse(renderTargetInput(targets[rule], event as Record<string, unknown>, CONTEXT)) as ForecastInput;

  it('passes only order id, order date and line items of an inline order, and the handler records it', async () => {
    const input = render('Rule', orderHydrated({ eventType: 'ORDER_PLACED' }));

    expect(Object.keys(input).sort()).toEqual(['lineItems', 'orderDate', 'orderId']);
    expect(JSON.stringify(input)).not.toMatch(/buyer|recipient|address|email|phone|Lovelace|Terry Ave/i);
    const { key } = await recordDemand(input, { store: bucket.store, logger: silentLogger });
    expect(bucket.json(key)).toMatchObject({ orderId: 'ord-4Q8ZT2MX7K', units: 6 });
  });

  it('passes only the pointer of a truncated order, which the handler follows', async () => {
    const event = orderHydrated({ eventType: 'ORDER_PLACED', truncated: true });
    const pointer = (event.detail as { object: { key: string } }).object.key;
    bucket.objects.set(pointer, { body: hydratedObject('order', samplePartnerOrder()), etag: '"h"' });

    const input = render('TruncatedRule', event);

    expect(input).toEqual({ orderId: 'ord-4Q8ZT2MX7K', hydratedObject: pointer, truncated: true });
    const { key } = await recordDemand(input, { store: bucket.store, logger: silentLogger });
    expect(key).toBe('forecast/2026-11-20/ord-4Q8ZT2MX7K.json');
  });
});
