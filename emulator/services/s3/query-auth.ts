/**
 * Presigned URLs: query-string authentication. SigV4 (`X-Amz-Algorithm`, `X-Amz-Credential`,
 * `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`) as the SDK's presigner
 * writes it, and SigV2 (`AWSAccessKeyId`, `Signature`, `Expires`) as AWS CLI v1 `aws s3 presign`
 * still does. The parameters are removed before routing; an expired URL answers 403. Other
 * `x-amz-*` parameters of a presigned URL are headers the signer hoisted into the query
 * (`x-amz-meta-*`, `x-amz-acl`, …) and become request headers again.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html#RESTAuthenticationQueryStringAuth
 */
import { AccessDenied, AwsQueryParametersError } from './errors';

const SIGV4 = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
];
const SIGV2 = ['AWSAccessKeyId', 'Signature', 'Expires', 'x-amz-security-token'];
const MAX_SIGV4_EXPIRES = 604_800;

/**
 * Checks and strips query-string auth from `query` (in place) and returns the headers hoisted
 * into it; `{}` for a request that is not presigned.
 */
export function consumeQueryAuth(query: URLSearchParams, now: number): Record<string, string> {
  if (query.has('X-Amz-Signature') || query.has('X-Amz-Algorithm')) checkSigV4(query, now);
  else if (query.has('Signature') && query.has('AWSAccessKeyId')) checkSigV2(query, now);
  else return {};
  for (const name of [...SIGV4, ...SIGV2]) query.delete(name);
  const hoisted: Record<string, string> = {};
  for (const name of [...query.keys()]) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-amz-')) continue;
    // PARITY: as on AWS, presigned uploads take no flexible checksums: the JS SDK (3.729+) signs the
    // CRC32 of an empty body into every presigned PutObject URL, which S3 ignores.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html
    if (!IGNORED_HOISTED.test(lower)) hoisted[lower] = query.get(name)!;
    query.delete(name);
  }
  return hoisted;
}

const IGNORED_HOISTED = /^x-amz-(checksum-|sdk-checksum-algorithm$|content-sha256$)/;

// PARITY: signatures are accepted, not verified (any credentials work locally); only expiry holds.
function checkSigV4(query: URLSearchParams, now: number): void {
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('X-Amz-Date') ?? '');
  const expires = Number(query.get('X-Amz-Expires'));
  if (!date || !Number.isInteger(expires) || expires < 1) {
    throw new AwsQueryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (expires > MAX_SIGV4_EXPIRES) {
    throw new AwsQueryParametersError(
      `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_SIGV4_EXPIRES}`,
    );
  }
  const [, y, mo, d, h, mi, s] = date.map(Number) as number[];
  const signedAt = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const expiresAt = signedAt + expires * 1000;
  if (now > expiresAt) {
    throw new AccessDenied('Request has expired', {
      'X-Amz-Expires': String(expires),
      Expires: new Date(expiresAt).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
}

function checkSigV2(query: URLSearchParams, now: number): void {
  const expires = Number(query.get('Expires'));
  if (!Number.isFinite(expires))
    throw new AccessDenied('Query-string authentication requires the Expires parameter');
  if (now > expires * 1000) {
    throw new AccessDenied('Request has expired', {
      Expires: new Date(expires * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
}
