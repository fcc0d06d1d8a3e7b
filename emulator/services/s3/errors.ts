/** S3 errors, named after the AWS error codes, with the REST-XML fields S3 adds. */
import { AwsError } from '../../protocol/errors';

export class NoSuchBucket extends AwsError {
  constructor(bucket: string) {
    super('NoSuchBucket', `The specified bucket does not exist: ${bucket}. Create it first (CreateBucket).`, {
      statusCode: 404,
      fields: { BucketName: bucket },
    });
  }
}

export class NoSuchKey extends AwsError {
  constructor(bucket: string, key: string) {
    super('NoSuchKey', `The specified key does not exist: ${key} in bucket ${bucket}.`, {
      statusCode: 404,
      fields: { Key: key },
    });
  }
}

export class BucketAlreadyOwnedByYou extends AwsError {
  constructor(bucket: string) {
    super('BucketAlreadyOwnedByYou', `You already own the bucket ${bucket}.`, {
      statusCode: 409,
      fields: { BucketName: bucket },
    });
  }
}

export class BucketNotEmpty extends AwsError {
  constructor(bucket: string) {
    super('BucketNotEmpty', `The bucket ${bucket} is not empty; delete its objects first.`, {
      statusCode: 409,
      fields: { BucketName: bucket },
    });
  }
}

export class InvalidBucketName extends AwsError {
  constructor(bucket: string) {
    super(
      'InvalidBucketName',
      `The specified bucket is not valid: ${bucket}. Use 3-63 lowercase letters, digits, dots and hyphens.`,
      {
        fields: { BucketName: bucket },
      },
    );
  }
}

export class PreconditionFailed extends AwsError {
  constructor(condition: string) {
    super('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
      statusCode: 412,
      fields: { Condition: condition },
    });
  }
}

export class InvalidRange extends AwsError {
  constructor(range: string, size: number) {
    super('InvalidRange', `The requested range ${range} is not satisfiable for an object of ${size} bytes.`, {
      statusCode: 416,
      fields: { RangeRequested: range, ActualObjectSize: String(size) },
    });
  }
}

export class BadDigest extends AwsError {
  constructor(algorithm: string) {
    super('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
  }
}

export class InvalidRequest extends AwsError {
  constructor(message: string) {
    super('InvalidRequest', message);
  }
}

export class InvalidArgument extends AwsError {
  constructor(message: string, name?: string, value?: string) {
    super('InvalidArgument', message, {
      fields: name ? { ArgumentName: name, ArgumentValue: value ?? '' } : {},
    });
  }
}

export class IncompleteBody extends AwsError {
  constructor(message: string) {
    super('IncompleteBody', message);
  }
}

export class NotImplemented extends AwsError {
  constructor(what: string) {
    super('NotImplemented', `${what} is not implemented by the local emulator; see emulator/README.md.`, {
      statusCode: 501,
    });
  }
}

export class NoSuchUpload extends AwsError {
  constructor(uploadId: string) {
    super(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { statusCode: 404, fields: { UploadId: uploadId } },
    );
  }
}

export class InvalidPart extends AwsError {
  constructor(uploadId: string, partNumber: number, etag: string) {
    super(
      'InvalidPart',
      "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      { fields: { UploadId: uploadId, PartNumber: String(partNumber), ETag: etag } },
    );
  }
}

export class InvalidPartOrder extends AwsError {
  constructor(uploadId: string) {
    super(
      'InvalidPartOrder',
      'The list of parts was not in ascending order. Parts must be ordered by part number.',
      { fields: { UploadId: uploadId } },
    );
  }
}

export class EntityTooSmall extends AwsError {
  constructor(size: number, minimum: number, partNumber: number, etag: string) {
    super('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
      fields: {
        ProposedSize: String(size),
        MinSizeAllowed: String(minimum),
        PartNumber: String(partNumber),
        ETag: etag,
      },
    });
  }
}

export class MalformedXML extends AwsError {
  constructor(detail: string) {
    super(
      'MalformedXML',
      `The XML you provided was not well-formed or did not validate against our published schema (${detail}).`,
    );
  }
}

export class AccessDenied extends AwsError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super('AccessDenied', message, { statusCode: 403, fields });
  }
}

export class AwsQueryParametersError extends AwsError {
  constructor(message: string) {
    super('AuthorizationQueryParametersError', message);
  }
}

export class KeyTooLongError extends AwsError {
  constructor() {
    super('KeyTooLongError', 'Your key is too long: S3 keys are at most 1,024 bytes of UTF-8.', {
      statusCode: 400,
    });
  }
}

export class MetadataTooLarge extends AwsError {
  constructor() {
    super(
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size (2 KB of names and values).',
      { statusCode: 400 },
    );
  }
}

/** A tag S3 refuses; `TagKey` (and `TagValue` when the value is at fault) name it, as on AWS. */
export class InvalidTag extends AwsError {
  constructor(message: string, key: string, value?: string) {
    super('InvalidTag', message, {
      fields: value === undefined ? { TagKey: key } : { TagKey: key, TagValue: value },
    });
  }
}

/** S3's generic 400, which AWS answers for an object given more than 10 tags. */
export class BadRequest extends AwsError {
  constructor(message: string) {
    super('BadRequest', message);
  }
}

export class NoSuchTagSet extends AwsError {
  constructor(bucket: string) {
    super('NoSuchTagSet', 'The TagSet does not exist', { statusCode: 404, fields: { BucketName: bucket } });
  }
}

/** A write that sets an ACL other than the owner's own, on a bucket with ACLs disabled. */
export class AccessControlListNotSupported extends AwsError {
  constructor() {
    super('AccessControlListNotSupported', 'The bucket does not allow ACLs', { statusCode: 400 });
  }
}

/** CreateBucket with an ACL that grants someone besides the owner (ACLs are disabled). */
export class InvalidBucketAclWithObjectOwnership extends AwsError {
  constructor() {
    super(
      'InvalidBucketAclWithObjectOwnership',
      "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
      { statusCode: 400 },
    );
  }
}

/** An `x-amz-storage-class` S3 does not know (or that needs a kind of bucket not emulated). */
export class InvalidStorageClass extends AwsError {
  constructor(requested: string) {
    super('InvalidStorageClass', 'The storage class you specified is not valid', {
      fields: { StorageClassRequested: requested },
    });
  }
}

/** GetObject or a copy of an archived object (GLACIER, DEEP_ARCHIVE) that was not restored. */
export class InvalidObjectState extends AwsError {
  constructor(storageClass: string) {
    super('InvalidObjectState', "The operation is not valid for the object's storage class", {
      statusCode: 403,
      fields: { StorageClass: storageClass },
    });
  }
}
