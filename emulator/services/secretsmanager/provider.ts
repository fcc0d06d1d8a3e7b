/**
 * Secrets Manager provider (JSON 1.1): secrets with versions and the AWSCURRENT / AWSPREVIOUS
 * staging labels, soft deletion with a recovery window.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AwsContext } from '../../protocol/aws-context';
import {
  dispatchTo,
  type InputOf,
  type JsonProvider,
  type Operations,
  type OutputOf,
} from '../../protocol/json-provider';
import type { StateStore } from '../../state/state-store';
import {
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  ResourceExistsException,
  ResourceNotFoundException,
} from './errors';
import type { SecretsManagerOperations } from './operations';

type In<K extends keyof SecretsManagerOperations> = InputOf<SecretsManagerOperations, K>;
type Out<K extends keyof SecretsManagerOperations> = OutputOf<SecretsManagerOperations, K>;

/** What a new version is made of: CreateSecret, PutSecretValue and UpdateSecret share these. */
type VersionInput = Pick<
  In<'PutSecretValue'>,
  'SecretString' | 'SecretBinary' | 'ClientRequestToken' | 'VersionStages'
>;

interface SecretVersion {
  id: string;
  string?: string;
  binary?: string;
  stages: string[];
  createdAt: number;
}

interface Secret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  versions: SecretVersion[];
  createdAt: number;
  changedAt: number;
  deletedAt?: number;
}

const STATE_NAME = 'secretsmanager';
const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';

export class SecretsManagerProvider implements JsonProvider<SecretsManagerOperations> {
  readonly serviceName = 'SecretsManager';
  private readonly secrets = new Map<string, Secret>();
  private readonly operations: Operations<SecretsManagerOperations>;

  constructor(
    private readonly context: AwsContext,
    private readonly options: { store?: StateStore; now?: () => number } = {},
  ) {
    for (const secret of options.store?.load<Secret[]>(STATE_NAME) ?? [])
      this.secrets.set(secret.name, secret);
    this.operations = {
      CreateSecret: (i) => this.create(i),
      GetSecretValue: (i) => this.getValue(i),
      PutSecretValue: (i) => this.putValue(i),
      UpdateSecret: (i) => this.update(i),
      DescribeSecret: (i) => this.describe(this.find(i.SecretId)),
      ListSecrets: (i) => this.list(i),
      ListSecretVersionIds: (i) => this.listVersions(i),
      DeleteSecret: (i) => this.delete(i),
      RestoreSecret: (i) => this.restore(i),
    };
  }

  dispatch<K extends keyof SecretsManagerOperations & string>(operation: K, input: In<K>): Promise<Out<K>> {
    return dispatchTo(this.serviceName, this.operations, operation, input);
  }

  snapshot(): Secret[] {
    return [...this.secrets.values()];
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private changed(): void {
    this.options.store?.markDirty(STATE_NAME, this);
  }

  private find(id: unknown, allowDeleted = true): Secret {
    if (typeof id !== 'string' || id === '') throw new InvalidParameterException('SecretId is required.');
    const secret =
      this.secrets.get(id) ??
      [...this.secrets.values()].find((s) => s.arn === id || s.arn.slice(0, -7) === id);
    if (!secret)
      throw new ResourceNotFoundException(`Secrets Manager can't find the specified secret: ${id}.`);
    if (!allowDeleted && secret.deletedAt !== undefined) {
      throw new InvalidRequestException(
        `You can't perform this operation on the secret ${secret.name} because it was marked for deletion; restore it first (RestoreSecret).`,
      );
    }
    return secret;
  }

  private create(input: In<'CreateSecret'>): Out<'CreateSecret'> {
    const name = input.Name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
      throw new InvalidParameterException(
        `Invalid secret Name ${String(name)}: use letters, digits and /_+=.@-.`,
      );
    }
    if (this.secrets.has(name)) throw new ResourceExistsException(name);
    const suffix = randomBytes(6)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 6);
    const now = this.now();
    const secret: Secret = {
      arn: `arn:aws:secretsmanager:${this.context.region}:${this.context.accountId}:secret:${name}-${suffix}`,
      name,
      description: input.Description,
      kmsKeyId: input.KmsKeyId,
      tags: (input.Tags ?? []).map((t) => ({ Key: String(t.Key), Value: String(t.Value) })),
      versions: [],
      createdAt: now,
      changedAt: now,
    };
    this.secrets.set(name, secret);
    const version = this.hasValue(input) ? this.addVersion(secret, input) : undefined;
    this.changed();
    return { ARN: secret.arn, Name: name, ...(version ? { VersionId: version.id } : {}) };
  }

  private hasValue(input: VersionInput): boolean {
    return input.SecretString !== undefined || input.SecretBinary !== undefined;
  }

  private addVersion(secret: Secret, input: VersionInput): SecretVersion {
    const id = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
    const existing = secret.versions.find((v) => v.id === id);
    if (existing) {
      if (existing.string !== input.SecretString || existing.binary !== input.SecretBinary) {
        throw new ResourceExistsException(`${secret.name} version ${id}`);
      }
      return existing;
    }
    const stages = input.VersionStages ?? [CURRENT];
    if (stages.includes(CURRENT)) {
      for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== PREVIOUS);
      const current = secret.versions.find((v) => v.stages.includes(CURRENT));
      if (current) current.stages = [...current.stages.filter((s) => s !== CURRENT), PREVIOUS];
    }
    for (const v of secret.versions)
      v.stages = v.stages.filter((s) => s === CURRENT || s === PREVIOUS || !stages.includes(s));
    const version: SecretVersion = {
      id,
      string: input.SecretString,
      binary: input.SecretBinary,
      stages: [...stages],
      createdAt: this.now(),
    };
    secret.versions.push(version);
    // Versions with no stage are deprecated; AWS keeps at most ~100, we keep the staged ones.
    secret.versions = secret.versions.filter((v) => v.stages.length > 0);
    secret.changedAt = this.now();
    return version;
  }

  private getValue(input: In<'GetSecretValue'>): Out<'GetSecretValue'> {
    const secret = this.find(input.SecretId, false);
    const stage = input.VersionStage ?? (input.VersionId ? undefined : CURRENT);
    const version = secret.versions.find(
      (v) =>
        (input.VersionId === undefined || v.id === input.VersionId) &&
        (stage === undefined || v.stages.includes(stage)),
    );
    if (!version) {
      throw new ResourceNotFoundException(
        `Secrets Manager can't find the specified secret value for ${input.VersionId ? `VersionId ${String(input.VersionId)}` : `staging label ${stage}`}.`,
      );
    }
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.id,
      ...(version.string !== undefined ? { SecretString: version.string } : {}),
      ...(version.binary !== undefined ? { SecretBinary: version.binary } : {}),
      VersionStages: version.stages,
      CreatedDate: version.createdAt / 1000,
    };
  }

  private putValue(input: In<'PutSecretValue'>): Out<'PutSecretValue'> {
    const secret = this.find(input.SecretId, false);
    if (!this.hasValue(input))
      throw new InvalidParameterException('PutSecretValue needs SecretString or SecretBinary.');
    const version = this.addVersion(secret, input);
    this.changed();
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: version.stages };
  }

  private update(input: In<'UpdateSecret'>): Out<'UpdateSecret'> {
    const secret = this.find(input.SecretId, false);
    if (input.Description !== undefined) secret.description = input.Description;
    if (input.KmsKeyId !== undefined) secret.kmsKeyId = input.KmsKeyId;
    const version = this.hasValue(input)
      ? this.addVersion(secret, { ...input, VersionStages: undefined })
      : undefined;
    secret.changedAt = this.now();
    this.changed();
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.id } : {}) };
  }

  private describe(secret: Secret): Out<'DescribeSecret'> {
    return {
      ARN: secret.arn,
      Name: secret.name,
      Description: secret.description,
      KmsKeyId: secret.kmsKeyId,
      Tags: secret.tags,
      CreatedDate: secret.createdAt / 1000,
      LastChangedDate: secret.changedAt / 1000,
      ...(secret.deletedAt !== undefined ? { DeletedDate: secret.deletedAt / 1000 } : {}),
      VersionIdsToStages: Object.fromEntries(secret.versions.map((v) => [v.id, v.stages])),
    };
  }

  private list(input: In<'ListSecrets'>): Out<'ListSecrets'> {
    const filters = input.Filters ?? [];
    const includeDeleted = input.IncludePlannedDeletion === true;
    const secrets = [...this.secrets.values()].filter(
      (s) =>
        (includeDeleted || s.deletedAt === undefined) &&
        filters.every((f) => f.Key !== 'name' || (f.Values ?? []).some((v) => s.name.startsWith(v))),
    );
    const { items, NextToken } = pageOf(secrets, input);
    return { SecretList: items.map((s) => this.describe(s)), ...(NextToken ? { NextToken } : {}) };
  }

  // PARITY: a version that loses its last staging label is dropped here, so IncludeDeprecated
  // lists the same versions as without it (AWS keeps up to about 100 deprecated versions).
  private listVersions(input: In<'ListSecretVersionIds'>): Out<'ListSecretVersionIds'> {
    const secret = this.find(input.SecretId);
    const newestFirst = [...secret.versions].reverse();
    const { items, NextToken } = pageOf(newestFirst, input);
    return {
      ARN: secret.arn,
      Name: secret.name,
      Versions: items.map((v) => ({
        VersionId: v.id,
        VersionStages: v.stages,
        CreatedDate: v.createdAt / 1000,
      })),
      ...(NextToken ? { NextToken } : {}),
    };
  }

  private delete(input: In<'DeleteSecret'>): Out<'DeleteSecret'> {
    const secret = this.find(input.SecretId);
    const now = this.now();
    if (input.ForceDeleteWithoutRecovery === true) {
      this.secrets.delete(secret.name);
      this.changed();
      return { ARN: secret.arn, Name: secret.name, DeletionDate: now / 1000 };
    }
    const days = Number(input.RecoveryWindowInDays ?? 30);
    if (!(days >= 7 && days <= 30))
      throw new InvalidParameterException('RecoveryWindowInDays must be from 7 to 30.');
    secret.deletedAt = now;
    this.changed();
    // PARITY: the secret is never purged after its recovery window; only a forced delete removes it.
    return { ARN: secret.arn, Name: secret.name, DeletionDate: (now + days * 86_400_000) / 1000 };
  }

  private restore(input: In<'RestoreSecret'>): Out<'RestoreSecret'> {
    const secret = this.find(input.SecretId);
    delete secret.deletedAt;
    this.changed();
    return { ARN: secret.arn, Name: secret.name };
  }
}

/**
 * One page of a List operation: MaxResults from 1 to 100 (default 100); NextToken is the offset a
 * previous page returned, and anything else is refused rather than read as the first page.
 */
function pageOf<T>(
  all: readonly T[],
  input: { MaxResults?: number; NextToken?: string },
): { items: T[]; NextToken?: string } {
  const max = Number(input.MaxResults ?? 100);
  if (!(Number.isInteger(max) && max >= 1 && max <= 100))
    throw new InvalidParameterException('MaxResults must be from 1 to 100.');
  const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
  if (!(Number.isInteger(start) && start >= 0 && start <= all.length)) throw new InvalidNextTokenException();
  const end = start + max;
  return { items: all.slice(start, end), ...(end < all.length ? { NextToken: String(end) } : {}) };
}
