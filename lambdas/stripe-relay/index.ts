/**
 * stripe-relay Lambda: the target of the rule on the Stripe partner bus. Re-publishes each Stripe
 * event on hydrant's bus as source `stripe`. EventBridge cannot do this itself: an event sent to
 * another bus keeps its `source`, and an input transformer only shapes the detail.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-bus-to-bus.html
 * A thrown error fails the invocation, so Lambda retries it and then its on-failure destination (the
 * relay's DLQ) keeps it.
 * Env: BUS_NAME, STRIPE_EVENT_SOURCE.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgePublisher } from '../shared/aws/eventbridge-publisher';
import { requireEnv } from '../shared/env';
import { relayedEvent, type PartnerBusEvent } from './relay';

const env = requireEnv('BUS_NAME', 'STRIPE_EVENT_SOURCE');
const logger = new Logger();
const publisher = new EventBridgePublisher(new EventBridgeClient({}), env.BUS_NAME);

export async function handler(event: PartnerBusEvent): Promise<void> {
  const relayed = relayedEvent(event, env.STRIPE_EVENT_SOURCE);
  await publisher.publish([relayed]);
  logger.info('Stripe event relayed', {
    partnerEventId: event.id,
    stripeEventId: (relayed.detail as { id: string }).id,
    type: relayed.detailType,
  });
}
