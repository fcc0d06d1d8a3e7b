import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEPT_BODY_BYTES, keptEnvelope } from '../../../lambdas/webhook-verifier/rejection';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('rejected webhook record', () => {
  it('keeps a small body whole, with its size and sha256', () => {
    const envelope = { provider: 'stripe', requestId: 'r-1', body: '{"id":"evt_1"}' };
    expect(keptEnvelope(envelope)).toEqual({
      envelope,
      body: { bytes: 14, sha256: sha256('{"id":"evt_1"}'), truncated: false },
    });
  });

  it('cuts a large body to a few KB and keeps the whole body’s sha256', () => {
    const body = JSON.stringify({ junk: 'x'.repeat(1_000_000) });
    const { envelope, body: summary } = keptEnvelope({ provider: 'acme-post', body });
    const kept = (envelope as { body: string }).body;
    expect(Buffer.byteLength(kept)).toBe(KEPT_BODY_BYTES);
    expect(body.startsWith(kept)).toBe(true);
    expect(summary).toEqual({ bytes: body.length, sha256: sha256(body), truncated: true });
  });

  it('never cuts a multi-byte character in two', () => {
    const body = 'é'.repeat(KEPT_BODY_BYTES); // 2 bytes each; the cut falls mid-character at odd offsets
    const kept = (keptEnvelope({ body: `a${body}` }).envelope as { body: string }).body;
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(KEPT_BODY_BYTES);
    expect(kept).not.toContain('\uFFFD');
    expect(`a${body}`.startsWith(kept)).toBe(true);
  });

  it('keeps a malformed envelope as it is', () => {
    expect(keptEnvelope('not an object')).toEqual({ envelope: 'not an object' });
    expect(keptEnvelope({ body: 42 })).toEqual({ envelope: { body: 42 } });
  });
});
