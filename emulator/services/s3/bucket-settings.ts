/**
 * Read-only answers for the settings every bucket here has and none can change: never versioned,
 * private to its owner, encrypted with SSE-S3 (S3's default for new buckets since January 2023).
 * Clients and the AWS CLI read them by habit (`s3api get-bucket-versioning`, `get-bucket-acl`,
 * `get-object-acl`, `get-bucket-encryption`); the PUTs that would change them stay NotImplemented.
 */
import { escapeXml } from '../../protocol/xml';
import { OWNER } from './list-handler';
import { S3_NAMESPACE, xml, type S3Response } from './s3-response';

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
