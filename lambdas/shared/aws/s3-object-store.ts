/** `ObjectStore` over S3, with conditional writes mapped to `PreconditionFailedError`. */
import { GetObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { OperationalError, PreconditionFailedError } from '../errors';
import type { ObjectStore, PutObjectOptions, StoredObject } from '../ports';

export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string, options: PutObjectOptions = {}): Promise<{ etag: string }> {
    try {
      const result = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType ?? 'application/json',
          Metadata: options.metadata ? { ...options.metadata } : undefined,
          IfMatch: options.ifMatch,
          IfNoneMatch: options.ifNoneMatch,
        }),
      );
      return { etag: result.ETag ?? '' };
    } catch (cause) {
      if (isStatus(cause, 412)) throw new PreconditionFailedError(key, { cause });
      throw new OperationalError(`PutObject s3://${this.bucket}/${key} failed`, { cause });
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        body: (await result.Body?.transformToString('utf-8')) ?? '',
        etag: result.ETag ?? '',
        metadata: result.Metadata ?? {},
      };
    } catch (cause) {
      if (isStatus(cause, 404)) return undefined;
      throw new OperationalError(`GetObject s3://${this.bucket}/${key} failed`, { cause });
    }
  }
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === status;
}
