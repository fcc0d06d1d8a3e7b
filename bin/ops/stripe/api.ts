/**
 * The Stripe API client for operator commands. STRIPE_API_BASE (e.g. `http://127.0.0.1:12111` for
 * stripe-mock, or a test server) overrides the API host through stripe-node's host/port/protocol.
 */
import Stripe from 'stripe';
import { UsageError } from '../errors';

export function stripeClient(
  apiKeyOption: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Stripe {
  const apiKey = apiKeyOption ?? env.STRIPE_API_KEY;
  if (!apiKey) {
    throw new UsageError(
      'No Stripe API key: set STRIPE_API_KEY or pass --api-key sk_… (a restricted key works)',
    );
  }
  const base = env.STRIPE_API_BASE;
  if (!base) return new Stripe(apiKey, { maxNetworkRetries: 2 });
  const url = new URL(base);
  return new Stripe(apiKey, {
    host: url.hostname,
    port: url.port || (url.protocol === 'http:' ? 80 : 443),
    protocol: url.protocol === 'http:' ? 'http' : 'https',
    maxNetworkRetries: 0,
  });
}
