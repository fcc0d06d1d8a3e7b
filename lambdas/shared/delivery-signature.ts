/**
 * The delivery-provider webhook signature (README "Delivery-provider webhook contract"):
 * `X-Hydrant-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, where each `v1` is the lowercase hex
 * HMAC-SHA256 of `${t}.${body}` under one of the provider's secrets. Shared by the verifier and by
 * the tools that send test webhooks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DELIVERY_SIGNATURE_HEADER = 'X-Hydrant-Signature';
/** Largest accepted distance between `t` and the time the request was received. */
export const DELIVERY_SIGNATURE_TOLERANCE_SECONDS = 300;

export interface DeliverySignatureHeader {
  readonly timestamp: number;
  readonly signatures: readonly string[];
}

export function computeDeliverySignature(body: string, secret: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` signed with `secret` at `timestampSeconds`. */
export function signDeliveryBody(body: string, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${computeDeliverySignature(body, secret, timestampSeconds)}`;
}

/** The parsed header, or `undefined` when it has no `t` or no well-formed `v1`. Unknown keys are ignored. */
export function parseDeliverySignatureHeader(header: string): DeliverySignatureHeader | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/** Whether any signature in the header is the HMAC of the body under `secret`, compared in constant time. */
export function deliverySignatureMatches(
  body: string,
  secret: string,
  header: DeliverySignatureHeader,
): boolean {
  const expected = Buffer.from(computeDeliverySignature(body, secret, header.timestamp), 'hex');
  let matched = false;
  for (const signature of header.signatures) {
    // Every candidate is compared, so timing does not reveal which one matched.
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) matched = true;
  }
  return matched;
}
