/**
 * Secrets Manager provider (JSON 1.1): secrets with versions and the AWSCURRENT / AWSPREVIOUS
 * staging labels, soft deletion with a recovery window.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AwsContext } from '../../protocol/aws-context';
import { dispatchTo, type JsonObject, type JsonProvider, type Operation } from '../../protocol/json-provider';
import type { StateStore } from '../../state/state-store';
import {
  InvalidParameterException,
  InvalidRequestException,
  ResourceExistsException,
  ResourceNotFoundException,
} from './errors';

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

export class SecretsManagerProvider implements JsonProvider {
  readonly serviceName = 'SecretsManager';
  private readonly secrets = new Map<string, Secret>();
  private readonly operations: Record<string, Operation>;

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
      DeleteSecret: (i) => this.delete(i),
      RestoreSecret: (i) => this.restore(i),
    };
  }

  dispatch(operation: string, input: JsonObject): Promise<JsonObject> {
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

  private create(input: JsonObject): JsonObject {
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
      description: input.Description as string | undefined,
      kmsKeyId: input.KmsKeyId as string | undefined,
      tags: (input.Tags ?? []) as Secret['tags'],
      versions: [],
      createdAt: now,
      changedAt: now,
    };
    this.secrets.set(name, secret);
    const version = this.hasValue(input) ? this.addVersion(secret, input) : undefined;
    this.changed();
    return { ARN: secret.arn, Name: name, ...(version ? { VersionId: version.id } : {}) };
  }

  private hasValue(input: JsonObject): boolean {
    return input.SecretString !== undefined || input.SecretBinary !== undefined;
  }

  private addVersion(secret: Secret, input: JsonObject): SecretVersion {
    const id = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
    const existing = secret.versions.find((v) => v.id === id);
    if (existing) {
      if (existing.string !== input.SecretString || existing.binary !== input.SecretBinary) {
        throw new ResourceExistsException(`${secret.name} version ${id}`);
      }
      return existing;
    }
    const stages = (input.VersionStages as string[] | undefined) ?? [CURRENT];
    if (stages.includes(CURRENT)) {
      for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== PREVIOUS);
      const current = secret.versions.find((v) => v.stages.includes(CURRENT));
      if (current) current.stages = [...current.stages.filter((s) => s !== CURRENT), PREVIOUS];
    }
    for (const v of secret.versions)
      v.stages = v.stages.filter((s) => s === CURRENT || s === PREVIOUS || !stages.includes(s));
    const version: SecretVersion = {
      id,
      string: input.SecretString as string | undefined,
      binary: input.SecretBinary as string | undefined,
      stages: [...stages],
      createdAt: this.now(),
    };
    secret.versions.push(version);
    // Versions with no stage are deprecated; AWS keeps at most ~100, we keep the staged ones.
    secret.versions = secret.versions.filter((v) => v.stages.length > 0);
    secret.changedAt = this.now();
    return version;
  }

  private getValue(input: JsonObject): JsonObject {
    const secret = this.find(input.SecretId, false);
    const stage = (input.VersionStage as string | undefined) ?? (input.VersionId ? undefined : CURRENT);
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

  private putValue(input: JsonObject): JsonObject {
    const secret = this.find(input.SecretId, false);
    if (!this.hasValue(input))
      throw new InvalidParameterException('PutSecretValue needs SecretString or SecretBinary.');
    const version = this.addVersion(secret, input);
    this.changed();
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: version.stages };
  }

  private update(input: JsonObject): JsonObject {
    const secret = this.find(input.SecretId, false);
    if (input.Description !== undefined) secret.description = input.Description as string;
    if (input.KmsKeyId !== undefined) secret.kmsKeyId = input.KmsKeyId as string;
    const version = this.hasValue(input)
      ? this.addVersion(secret, { ...input, VersionStages: undefined })
      : undefined;
    secret.changedAt = this.now();
    this.changed();
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.id } : {}) };
  }

  private describe(secret: Secret): JsonObject {
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

  private list(input: JsonObject): JsonObject {
    const filters = (input.Filters ?? []) as { Key: string; Values: string[] }[];
    const includeDeleted = input.IncludePlannedDeletion === true;
    const secrets = [...this.secrets.values()].filter(
      (s) =>
        (includeDeleted || s.deletedAt === undefined) &&
        filters.every((f) => f.Key !== 'name' || f.Values.some((v) => s.name.startsWith(v))),
    );
    const max = Number(input.MaxResults ?? 100);
    const start = Number(input.NextToken ?? 0);
    const page = secrets.slice(start, start + max);
    return {
      SecretList: page.map((s) => this.describe(s)),
      ...(start + max < secrets.length ? { NextToken: String(start + max) } : {}),
    };
  }

  private delete(input: JsonObject): JsonObject {
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

  private restore(input: JsonObject): JsonObject {
    const secret = this.find(input.SecretId);
    delete secret.deletedAt;
    this.changed();
    return { ARN: secret.arn, Name: secret.name };
  }
}
