/**
 * Secrets Manager provider (JSON 1.1): secrets with versions and the AWSCURRENT / AWSPREVIOUS
 * staging labels, soft deletion with a recovery window, tags, batch reads and random passwords.
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
  AwsError,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  ResourceExistsException,
  ResourceNotFoundException,
} from './errors';
import type { SecretsManagerOperations } from './operations';
import { randomPassword } from './random-password';
import { checkedTags, withoutTags, withTags, type Tag } from './secret-tags';

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
  tags: Tag[];
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
      TagResource: (i) => this.retag(i.SecretId, (tags) => withTags(tags, checkedTags(i.Tags))),
      UntagResource: (i) => this.retag(i.SecretId, (tags) => withoutTags(tags, i.TagKeys)),
      BatchGetSecretValue: (i) => this.batchGetValue(i),
      GetRandomPassword: (i) => ({ RandomPassword: randomPassword(i) }),
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
    const tags = checkedTags(input.Tags);
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
      tags,
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
    return this.valueOf(this.find(input.SecretId, false), input);
  }

  private valueOf(
    secret: Secret,
    input: Pick<In<'GetSecretValue'>, 'VersionId' | 'VersionStage'>,
  ): Out<'GetSecretValue'> {
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
    const secrets = this.filtered(input.Filters ?? [], input.IncludePlannedDeletion === true);
    const { items, NextToken } = pageOf(secrets, input);
    return { SecretList: items.map((s) => this.describe(s)), ...(NextToken ? { NextToken } : {}) };
  }

  /** The secrets ListSecrets and BatchGetSecretValue's Filters select. */
  private filtered(filters: NonNullable<In<'ListSecrets'>['Filters']>, includeDeleted: boolean): Secret[] {
    if (!Array.isArray(filters) || !filters.every(isFilter))
      throw new InvalidParameterException(
        'Filters must be a list of {"Key": string, "Values": [string, ...]}.',
      );
    return [...this.secrets.values()].filter(
      (s) =>
        (includeDeleted || s.deletedAt === undefined) &&
        filters.every((f) => f.Key !== 'name' || (f.Values ?? []).some((v) => s.name.startsWith(v))),
    );
  }

  /**
   * The AWSCURRENT values of up to 20 secrets, named in SecretIdList or selected by Filters (one
   * page at a time). A secret that cannot be read is reported in Errors, not by failing the call.
   */
  private batchGetValue(input: In<'BatchGetSecretValue'>): Out<'BatchGetSecretValue'> {
    const ids = input.SecretIdList;
    if ((ids === undefined) === (input.Filters === undefined))
      throw new InvalidParameterException(
        'BatchGetSecretValue needs either SecretIdList or Filters, not both.',
      );
    // Each secret asked for, with how to read it: a lookup by name or ARN may fail per secret.
    let targets: { SecretId: string; secret: () => Secret }[];
    let NextToken: string | undefined;
    if (ids !== undefined) {
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > 20)
        throw new InvalidParameterException('SecretIdList must name from 1 to 20 secrets.');
      // PARITY: AWS documents MaxResults as needing Filters; a NextToken is never handed out for a list.
      if (input.MaxResults !== undefined || input.NextToken !== undefined)
        throw new InvalidParameterException('MaxResults and NextToken are only used with Filters.');
      targets = ids.map((id) => ({ SecretId: String(id), secret: () => this.find(id, false) }));
    } else {
      const filters = input.Filters ?? [];
      if (!Array.isArray(filters) || filters.length > 10)
        throw new InvalidParameterException('Filters must be a list of at most 10 filters.');
      // PARITY: without MaxResults a page holds 20 secrets, the most one call returns.
      const page = pageOf(this.filtered(filters, false), input, 20);
      NextToken = page.NextToken;
      targets = page.items.map((s) => ({ SecretId: s.name, secret: () => s }));
    }
    const values: Out<'BatchGetSecretValue'>['SecretValues'] = [];
    const errors: Out<'BatchGetSecretValue'>['Errors'] = [];
    for (const { SecretId, secret } of targets) {
      try {
        values.push(this.valueOf(secret(), {}));
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        errors.push({ SecretId, ErrorCode: error.code, Message: error.message });
      }
    }
    return { SecretValues: values, Errors: errors, ...(NextToken ? { NextToken } : {}) };
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

  // PARITY: like the other changes, tagging a secret marked for deletion is refused until it is
  // restored (AWS documents InvalidRequestException for that state, not which operations it covers).
  private retag(id: unknown, change: (tags: Tag[]) => Tag[]): Record<string, never> {
    const secret = this.find(id, false);
    secret.tags = change(secret.tags);
    secret.changedAt = this.now();
    this.changed();
    return {};
  }

  private restore(input: In<'RestoreSecret'>): Out<'RestoreSecret'> {
    const secret = this.find(input.SecretId);
    delete secret.deletedAt;
    this.changed();
    return { ARN: secret.arn, Name: secret.name };
  }
}

/**
 * One page of a List operation: MaxResults from 1 to `limit` (default `limit`: 100 for the List
 * operations, 20 for BatchGetSecretValue); NextToken is the offset a previous page returned, and
 * anything else is refused rather than read as the first page.
 */
function pageOf<T>(
  all: readonly T[],
  input: { MaxResults?: number; NextToken?: string },
  limit = 100,
): { items: T[]; NextToken?: string } {
  const max = Number(input.MaxResults ?? limit);
  if (!(Number.isInteger(max) && max >= 1 && max <= limit))
    throw new InvalidParameterException(`MaxResults must be from 1 to ${limit}.`);
  const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
  if (!(Number.isInteger(start) && start >= 0 && start <= all.length)) throw new InvalidNextTokenException();
  const end = start + max;
  return { items: all.slice(start, end), ...(end < all.length ? { NextToken: String(end) } : {}) };
}

/** A ListSecrets filter as the wire may carry it: `{ Key: string, Values?: string[] }`. */
function isFilter(filter: unknown): boolean {
  if (typeof filter !== 'object' || filter === null) return false;
  const { Key, Values } = filter as { Key?: unknown; Values?: unknown };
  return (
    typeof Key === 'string' &&
    (Values === undefined || (Array.isArray(Values) && Values.every((v) => typeof v === 'string')))
  );
}
