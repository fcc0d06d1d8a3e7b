import { describe, expect, it } from 'vitest';
import { BearerAuth, safeEqual } from '../../../lambdas/mock-partner-graphql/bearer-auth';
import { UnauthorizedError } from '../../../lambdas/mock-partner-graphql/errors';

describe('mock partner bearer auth', () => {
  const oauth = { type: 'oauth', clientId: 'c', clientSecret: 's', tokenUrl: 'x' };
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

  it('compares strings of any length in constant time', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('rejects a token signed for another client secret', async () => {
    const issuer = new BearerAuth({ readSecret: async () => ({ ...oauth, clientSecret: 'other' }) });
    const verifier = new BearerAuth({ readSecret: async () => oauth });
    const { access_token } = await issuer.issue(basic('c:other'), 'grant_type=client_credentials');

    await expect(verifier.verify(`Bearer ${access_token}`)).rejects.toThrow(UnauthorizedError);
  });

  it('rejects a tampered expiry', async () => {
    const auth = new BearerAuth({ readSecret: async () => oauth });
    const { access_token } = await auth.issue(basic('c:s'), 'grant_type=client_credentials');
    const [prefix, exp, signature] = access_token.split('.');

    await expect(auth.verify(`Bearer ${prefix}.${Number(exp) + 3600}.${signature}`)).rejects.toThrow(
      UnauthorizedError,
    );
    await expect(auth.verify(`Bearer ${access_token}`)).resolves.toBeUndefined();
  });

  it('refuses grants other than client_credentials', async () => {
    const auth = new BearerAuth({ readSecret: async () => oauth });
    await expect(auth.issue(basic('c:s'), 'grant_type=password')).rejects.toThrow(/client_credentials/);
  });
});
