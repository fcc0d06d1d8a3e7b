/**
 * The settings every bucket here has and none can change: never versioned, private to its owner,
 * encrypted with SSE-S3 (S3's defaults for new buckets since 2023). Clients and the AWS CLI read
 * them by habit (`s3api get-bucket-versioning`, `get-bucket-acl`, `get-object-acl`,
 * `get-bucket-encryption`); the PUTs that would change versioning or encryption stay
 * NotImplemented. ACLs are disabled (Object Ownership "bucket owner enforced"): a write may name
 * no ACL or one that gives only the owner full control, and anything else is refused as AWS does.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html
 */
import type { IncomingHttpHeaders } from 'node:http';
import { escapeXml } from '../../protocol/xml';
import { AccessControlListNotSupported, InvalidBucketAclWithObjectOwnership } from './errors';
import { OWNER, S3_NAMESPACE, xml, type S3Response } from './s3-response';

/** A bucket whose versioning was never enabled answers an empty configuration, without Status. */
export function bucketVersioning(): S3Response {
  return xml('VersioningConfiguration', {});
}

export function bucketEncryption(): S3Response {
  return xml('ServerSideEncryptionConfiguration', {
    Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
  });
}

/** The `private` canned ACL: the owner has FULL_CONTROL, nobody else anything (bucket or object). */
export function privateAcl(): S3Response {
  const owner = `<ID>${escapeXml(OWNER.ID)}</ID><DisplayName>${escapeXml(OWNER.DisplayName)}</DisplayName>`;
  const grantee =
    '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">' +
    `${owner}</Grantee>`;
  return {
    headers: { 'content-type': 'application/xml' },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="${S3_NAMESPACE}">` +
      `<Owner>${owner}</Owner><AccessControlList><Grant>${grantee}<Permission>FULL_CONTROL</Permission>` +
      '</Grant></AccessControlList></AccessControlPolicy>',
  };
}

/** The canned ACLs that give only the bucket owner full control, which S3 still accepts. */
const OWNER_ONLY_ACLS = new Set(['private', 'bucket-owner-full-control']);

// PARITY: an `x-amz-grant-*` header is refused even when it names the owner alone (S3 accepts
// that); the emulator does not resolve grantees.
function setsAcl(headers: IncomingHttpHeaders): boolean {
  const canned = headers['x-amz-acl'];
  if (canned !== undefined && !OWNER_ONLY_ACLS.has(String(canned))) return true;
  return Object.keys(headers).some((name) => name.startsWith('x-amz-grant-'));
}

/** PutObject, CopyObject and CreateMultipartUpload: AccessControlListNotSupported for an ACL. */
export function refuseObjectAcl(headers: IncomingHttpHeaders): void {
  if (setsAcl(headers)) throw new AccessControlListNotSupported();
}

/** CreateBucket: InvalidBucketAclWithObjectOwnership for an ACL. */
export function refuseBucketAcl(headers: IncomingHttpHeaders): void {
  if (setsAcl(headers)) throw new InvalidBucketAclWithObjectOwnership();
}

/** PutBucketAcl / PutObjectAcl: only an owner-only canned ACL without a policy body is taken. */
export function putAcl(headers: IncomingHttpHeaders, body: Buffer): S3Response {
  if (setsAcl(headers) || body.length > 0 || headers['x-amz-acl'] === undefined)
    throw new AccessControlListNotSupported();
  return {};
}
