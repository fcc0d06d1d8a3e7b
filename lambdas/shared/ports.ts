/**
 * Ports the Lambda domain code talks to. Domain modules import these interfaces only; the AWS
 * adapters in `aws/` implement them over injected SDK clients.
 */

/** One event for the bus, as PutEvents takes it (Detail as an object, serialized by the adapter). */
export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  /** @default - now */
  readonly time?: Date;
  /** @default - none */
  readonly resources?: readonly string[];
}

export interface EventPublisher {
  /** Publishes every event or throws (`PublishError` when any entry is rejected). */
  publish(events: readonly BusEvent[]): Promise<void>;
}

export interface StoredObject {
  readonly body: string;
  readonly etag: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PutObjectOptions {
  /** @default 'application/json' */
  readonly contentType?: string;
  /** User metadata (x-amz-meta-*). @default - none */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Write only if the current ETag is this one; `PreconditionFailedError` otherwise. */
  readonly ifMatch?: string;
  /** Write only if no object exists yet; `PreconditionFailedError` otherwise. */
  readonly ifNoneMatch?: '*';
}

export interface ObjectStore {
  put(key: string, body: string, options?: PutObjectOptions): Promise<{ etag: string }>;
  /** The object, or `undefined` when there is none. */
  get(key: string): Promise<StoredObject | undefined>;
}

export interface GetSecretOptions {
  /** Skip the cache and read the current value (e.g. right after a rotation). @default false */
  readonly forceFetch?: boolean;
}

export interface SecretSource {
  /** The secret's JSON value, cached for a bounded time. Never log what it returns. */
  getJson<T>(secretId: string, options?: GetSecretOptions): Promise<T>;
}
