import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  UpdateSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

describe('Secrets Manager over the real SDK', () => {
  let emulator: Emulator;
  let secrets: SecretsManagerClient;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    secrets = clients(emulator.endpoint).secrets;
  });
  afterAll(() => emulator.close());

  it('reads a secret by name and by ARN', async () => {
    const created = await secrets.send(
      new CreateSecretCommand({ Name: 'hydrant/partner', SecretString: '{"token":"t1"}' }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:hydrant\/partner-[A-Za-z0-9]{6}$/,
    );
    for (const SecretId of ['hydrant/partner', created.ARN!]) {
      const value = await secrets.send(new GetSecretValueCommand({ SecretId }));
      expect(value).toMatchObject({
        SecretString: '{"token":"t1"}',
        VersionId: created.VersionId,
        VersionStages: ['AWSCURRENT'],
      });
    }
  });

  it('moves AWSCURRENT to a new version and keeps the old one as AWSPREVIOUS', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'v1' }));
    const second = await secrets.send(
      new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'v2' }),
    );
    expect(second.VersionStages).toEqual(['AWSCURRENT']);
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'rotating' }))).SecretString).toBe('v2');
    const previous = await secrets.send(
      new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous.SecretString).toBe('v1');
    await secrets.send(
      new UpdateSecretCommand({ SecretId: 'rotating', SecretString: 'v3', Description: 'rotated' }),
    );
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'rotating' }));
    expect(Object.values(described.VersionIdsToStages!).sort()).toEqual([['AWSCURRENT'], ['AWSPREVIOUS']]);
    expect(described.Description).toBe('rotated');
    expect(
      (await secrets.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' })))
        .SecretString,
    ).toBe('v2');

    const listed = await secrets.send(new ListSecretVersionIdsCommand({ SecretId: 'rotating' }));
    expect(listed.Name).toBe('rotating');
    expect(listed.Versions!.map((v) => v.VersionStages)).toEqual([['AWSCURRENT'], ['AWSPREVIOUS']]);
    expect(listed.Versions![0]!.VersionId).toBe(
      Object.entries(described.VersionIdsToStages!).find(([, s]) => s.includes('AWSCURRENT'))![0],
    );
    expect(listed.Versions![0]!.CreatedDate).toBeInstanceOf(Date);
    const page = await secrets.send(new ListSecretVersionIdsCommand({ SecretId: 'rotating', MaxResults: 1 }));
    expect(page.Versions).toHaveLength(1);
    const rest = await secrets.send(
      new ListSecretVersionIdsCommand({ SecretId: 'rotating', NextToken: page.NextToken }),
    );
    expect(rest.Versions!.map((v) => v.VersionStages)).toEqual([['AWSPREVIOUS']]);
    expect(rest.NextToken).toBeUndefined();
    await expect(
      secrets.send(new ListSecretVersionIdsCommand({ SecretId: 'rotating', NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('raises the SDK error classes for missing, duplicate and deleted secrets', async () => {
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'missing' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await secrets.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'x' }));
    await expect(
      secrets.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'x' })),
    ).rejects.toBeInstanceOf(ResourceExistsException);
    await secrets.send(new DeleteSecretCommand({ SecretId: 'dup' }));
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'dup' }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
    await secrets.send(new DeleteSecretCommand({ SecretId: 'dup', ForceDeleteWithoutRecovery: true }));
    await expect(secrets.send(new DescribeSecretCommand({ SecretId: 'dup' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('lists secrets filtered by name', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'list/a', SecretString: 'a' }));
    await secrets.send(new CreateSecretCommand({ Name: 'list/b', SecretString: 'b' }));
    const listed = await secrets.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['list/'] }] }),
    );
    expect(listed.SecretList!.map((s) => s.Name).sort()).toEqual(['list/a', 'list/b']);
  });

  it('answers typed in-process calls with the wire shapes (dates as epoch seconds)', async () => {
    const provider = emulator.services.secretsmanager;
    await provider.dispatch('CreateSecret', { Name: 'typed/secret', SecretString: 's3cret' });
    const value = await provider.dispatch('GetSecretValue', { SecretId: 'typed/secret' });
    expect(value.SecretString).toBe('s3cret');
    expect(typeof value.CreatedDate).toBe('number');
    const missing = provider.dispatch('GetSecretValue', {
      // @ts-expect-error SecretId is the field; a typo does not compile.
      SecretName: 'typed/secret',
    });
    await expect(missing).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });
});
