/**
 * The partner secret (`PipelineSecrets.partner`): a static bearer token, or OAuth client
 * credentials, each optionally with the merchant's `installationId` (sent as
 * `X-Omni-InstallationId`). Parsed once per read; the values are never logged or put into error
 * messages.
 */
import { PartnerCredentialsError } from './errors';

export type PartnerCredentials = (
  | { readonly type: 'static'; readonly token: string }
  | {
      readonly type: 'oauth';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scope?: string;
    }
) & { readonly installationId?: string };

export function parsePartnerCredentials(value: unknown, secretId: string): PartnerCredentials {
  const fix = `Set secret ${secretId} to {"type":"static","token":"…","installationId?"} or {"type":"oauth","tokenUrl","clientId","clientSecret","scope?","installationId?"}`;
  if (typeof value !== 'object' || value === null)
    throw new PartnerCredentialsError(`The secret is not a JSON object. ${fix}`);
  const v = value as Record<string, unknown>;
  const nonEmpty = (key: string) => typeof v[key] === 'string' && (v[key] as string).length > 0;
  if (v.installationId !== undefined && !nonEmpty('installationId'))
    throw new PartnerCredentialsError(`installationId must be a non-empty string. ${fix}`);
  const installation = nonEmpty('installationId') ? { installationId: v.installationId as string } : {};
  if (v.type === 'static') {
    if (!nonEmpty('token')) throw new PartnerCredentialsError(`The static secret has no token. ${fix}`);
    return { type: 'static', token: v.token as string, ...installation };
  }
  if (v.type === 'oauth') {
    const missing = ['tokenUrl', 'clientId', 'clientSecret'].filter((k) => !nonEmpty(k));
    if (missing.length > 0)
      throw new PartnerCredentialsError(`The oauth secret lacks ${missing.join(', ')}. ${fix}`);
    if (!/^https?:\/\//.test(v.tokenUrl as string))
      throw new PartnerCredentialsError(`tokenUrl is not an http(s) URL. ${fix}`);
    return {
      type: 'oauth',
      tokenUrl: v.tokenUrl as string,
      clientId: v.clientId as string,
      clientSecret: v.clientSecret as string,
      scope: typeof v.scope === 'string' ? v.scope : undefined,
      ...installation,
    };
  }
  throw new PartnerCredentialsError(`Unknown credentials type ${JSON.stringify(v.type)}. ${fix}`);
}
