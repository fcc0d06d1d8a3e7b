import { describe, expect, it } from 'vitest';
import {
  deliverySignatureMatches,
  parseDeliverySignatureHeader,
  signDeliveryBody,
} from '../../../lambdas/shared/delivery-signature';

// The worked example of the README's delivery-provider contract; also checked with
// `printf '%s' "1763803800.$BODY" | openssl dgst -sha256 -hmac acme-post-example-secret`.
const README_BODY =
  '{"id":"dlv_evt_0001","type":"delivery.delivered","orderId":"order-1042","customerId":"cust-77","trackingNumber":"1Z999AA10123456784","occurredAt":"2025-11-22T09:30:00Z"}';
const README_HEADER = 't=1763803800,v1=df2787c9f77af5e29c31e71ceca03ce9641b608330dbe2eb7f1b25018c25cc20';

describe('delivery signature scheme', () => {
  it('reproduces the README worked example', () => {
    expect(signDeliveryBody(README_BODY, 'acme-post-example-secret', 1763803800)).toBe(README_HEADER);
  });

  it('parses t and every well-formed v1, ignoring unknown keys and spaces', () => {
    const v1 = 'a'.repeat(64);
    expect(parseDeliverySignatureHeader(`t=17, v1=${v1}, v0=old, v1=${'B'.repeat(64)}`)).toEqual({
      timestamp: 17,
      signatures: [v1, 'b'.repeat(64)],
    });
  });

  it.each(['', 'v1=' + 'a'.repeat(64), 't=1', 't=1,v1=zz', 't=x,v1=' + 'a'.repeat(64)])(
    'treats %j as malformed',
    (header) => {
      expect(parseDeliverySignatureHeader(header)).toBeUndefined();
    },
  );

  it('matches only the exact body under the same secret', () => {
    const header = parseDeliverySignatureHeader(README_HEADER)!;
    expect(deliverySignatureMatches(README_BODY, 'acme-post-example-secret', header)).toBe(true);
    expect(deliverySignatureMatches(README_BODY + ' ', 'acme-post-example-secret', header)).toBe(false);
    expect(deliverySignatureMatches(README_BODY, 'other-secret', header)).toBe(false);
  });
});
