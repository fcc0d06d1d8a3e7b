/**
 * The mock partner GraphQL handler served over node:http in its own process, as a real partner is
 * remote: its CPU work does not share the event loop of the hydrator being measured. Prints its URL
 * on the first stdout line. Env: PARTNER_TOKEN, LATENCY_MS (and the other fault variables).
 */
import { faultConfigFromEnv } from '../../lambdas/mock-partner-graphql/faults';
import { createMockPartnerHandler } from '../../lambdas/mock-partner-graphql/handler';
import { serveProxyHandler } from '../../lambdas/mock-partner-graphql/server';

const served = await serveProxyHandler(
  createMockPartnerHandler({
    faults: faultConfigFromEnv(process.env),
    readSecret: async () => ({ type: 'static', token: process.env.PARTNER_TOKEN }),
  }),
);
console.log(served.url);
process.on('SIGTERM', () => void served.close().then(() => process.exit(0)));
