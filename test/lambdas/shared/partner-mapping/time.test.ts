import { describe, expect, it } from 'vitest';
import { PartnerMappingError, toIsoTime } from '../../../../lambdas/shared/partner-mapping';

describe('partner times → ISO 8601 UTC', () => {
  it.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [Date.UTC(2026, 10, 20, 14, 2, 11), '2026-11-20T14:02:11.000Z'],
    [1795254117123.9, '2026-11-21T09:41:57.123Z'],
  ])('%s ms is %s', (ms, iso) => {
    expect(toIsoTime(ms, 't')).toBe(iso);
  });

  it('keeps a missing time missing', () => {
    expect(toIsoTime(null, 't')).toBeNull();
    expect(toIsoTime(undefined, 't')).toBeNull();
  });

  it.each([[Number.NaN], [9e15], ['2026-11-20T14:02:11Z' as unknown as number]])('rejects %s', (value) => {
    expect(() => toIsoTime(value, 'order.orderState.createdAt')).toThrow(PartnerMappingError);
  });
});
