/**
 * Request body caps per protocol, checked against Content-Length before a byte is read and while
 * reading a body without one.
 */

/**
 * awsJson (EventBridge, SQS, Secrets Manager). PARITY: AWS does not document its front door's
 * limit; the largest valid request is an SQS batch of 1 MiB of messages
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html),
 * which JSON escaping can grow, so the emulator allows 4 MiB and answers 413 above it.
 */
export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

/**
 * S3 REST: 5 GiB is the largest single PUT (and part); above it S3 answers 400 EntityTooLarge.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html
 * The aws-chunked framing adds a little; a few MiB of slack cover it.
 */
export const MAX_S3_BODY_BYTES = 5 * 1024 ** 3 + 8 * 1024 * 1024;

/** API Gateway REST APIs: a 10 MB payload (413 Request Too Long above it). */
export const MAX_MOUNT_BODY_BYTES = 10 * 1024 * 1024;
