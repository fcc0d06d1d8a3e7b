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
