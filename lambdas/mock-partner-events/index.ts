/** mock-partner-events: publishes realistic partner events to the bus. Env: BUS_NAME, PARTNER_SOURCE, PARTNER_SECRET_ID. */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BearerAuth } from '../mock-partner-graphql/bearer-auth';
import { EventBridgePublisher } from '../shared/aws/eventbridge-publisher';
import { SecretsManagerSource } from '../shared/aws/secrets-manager-source';
import { requireEnv } from '../shared/env';
import { createMockEventsHandler } from './handler';

const env = requireEnv('BUS_NAME', 'PARTNER_SOURCE', 'PARTNER_SECRET_ID');
const secrets = new SecretsManagerSource(new SecretsManagerClient({}), 60);

export const handler = createMockEventsHandler({
  publisher: new EventBridgePublisher(new EventBridgeClient({}), env.BUS_NAME),
  partnerSource: env.PARTNER_SOURCE,
  auth: new BearerAuth({ readSecret: () => secrets.getJson(env.PARTNER_SECRET_ID) }),
});
