import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  type GetRandomPasswordRequest,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { clientConfig, clients, startTestEmulator, tempStateDir } from '../helpers/emulator';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
// AWS's documented punctuation: every printable ASCII character that is not a letter, digit or space.
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

describe('Secrets Manager GetRandomPassword, tags and BatchGetSecretValue over the real SDK', () => {
  let emulator: Emulator;
  let secrets: SecretsManagerClient;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    secrets = clients(emulator.endpoint).secrets;
  });
  afterAll(() => emulator.close());

  /** `count` passwords drawn with the same request. */
  async function draws(count: number, request: GetRandomPasswordRequest = {}): Promise<string[]> {
    const answers = await Promise.all(
      Array.from({ length: count }, () => secrets.send(new GetRandomPasswordCommand(request))),
    );
    return answers.map((a) => a.RandomPassword!);
  }

  const hasOneOf = (password: string, chars: string) => [...password].some((c) => chars.includes(c));

  describe('GetRandomPassword', () => {
    it('answers 32 characters from the four default types, one of each in every draw', async () => {
      const passwords = await draws(300);
      const allowed = new Set(LOWER + UPPER + DIGITS + PUNCTUATION);
      for (const password of passwords) {
        expect(password).toHaveLength(32);
        expect([...password].every((c) => allowed.has(c))).toBe(true);
        for (const type of [LOWER, UPPER, DIGITS, PUNCTUATION]) expect(hasOneOf(password, type)).toBe(true);
      }
      expect(new Set(passwords).size).toBe(passwords.length);
      // Over 9,600 characters every punctuation mark shows up: the whole documented set is drawn.
      const seen = new Set(passwords.join(''));
      expect([...PUNCTUATION].filter((c) => !seen.has(c))).toEqual([]);
    });

    it('holds a space and every other included type in each short password when asked', async () => {
      // AWS's own example: 20 characters, IncludeSpace, RequireEachIncludedType.
      for (const password of await draws(300, {
        PasswordLength: 20,
        IncludeSpace: true,
        RequireEachIncludedType: true,
      })) {
        expect(password).toHaveLength(20);
        for (const type of [LOWER, UPPER, DIGITS, PUNCTUATION, ' '])
          expect(hasOneOf(password, type)).toBe(true);
      }
      // Five types in five characters: one of each, every time.
      for (const password of await draws(200, { PasswordLength: 5, IncludeSpace: true })) {
        for (const type of [LOWER, UPPER, DIGITS, PUNCTUATION, ' '])
          expect(hasOneOf(password, type)).toBe(true);
      }
    });

    it('never uses an excluded character or type', async () => {
      const excluded = 'aeiouAEIOU01l|`"\'\\';
      for (const password of await draws(200, { PasswordLength: 64, ExcludeCharacters: excluded })) {
        expect([...password].filter((c) => excluded.includes(c))).toEqual([]);
      }
      for (const password of await draws(100, {
        ExcludeNumbers: true,
        ExcludePunctuation: true,
        ExcludeUppercase: true,
      })) {
        expect(password).toMatch(/^[a-z]{32}$/);
      }
      for (const password of await draws(100, { ExcludeLowercase: true, ExcludeUppercase: true })) {
        expect([...password].every((c) => (DIGITS + PUNCTUATION).includes(c))).toBe(true);
        expect(hasOneOf(password, DIGITS) && hasOneOf(password, PUNCTUATION)).toBe(true);
      }
      // Every digit excluded by character: the remaining types are still each required.
      for (const password of await draws(100, { PasswordLength: 3, ExcludeCharacters: DIGITS })) {
        expect(hasOneOf(password, DIGITS)).toBe(false);
        for (const type of [LOWER, UPPER, PUNCTUATION]) expect(hasOneOf(password, type)).toBe(true);
      }
    });

    it('draws freely without RequireEachIncludedType, down to one character', async () => {
      const [one] = await draws(1, { PasswordLength: 1, RequireEachIncludedType: false });
      expect(one).toHaveLength(1);
      const [long] = await draws(1, { PasswordLength: 4096, RequireEachIncludedType: false });
      expect(long).toHaveLength(4096);
    });

    it('refuses lengths outside 1-4096 and requests no password can satisfy', async () => {
      for (const PasswordLength of [0, -1, 4097, 1.5]) {
        await expect(secrets.send(new GetRandomPasswordCommand({ PasswordLength }))).rejects.toBeInstanceOf(
          InvalidParameterException,
        );
      }
      await expect(
        secrets.send(
          new GetRandomPasswordCommand({
            ExcludeLowercase: true,
            ExcludeUppercase: true,
            ExcludeNumbers: true,
            ExcludePunctuation: true,
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(/every character type is excluded/),
      });
      await expect(
        secrets.send(
          new GetRandomPasswordCommand({ ExcludeCharacters: LOWER + UPPER + DIGITS + PUNCTUATION }),
        ),
      ).rejects.toBeInstanceOf(InvalidParameterException);
      // Four required types do not fit in three characters.
      await expect(secrets.send(new GetRandomPasswordCommand({ PasswordLength: 3 }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(/PasswordLength 3/),
      });
      const [free] = await draws(1, { PasswordLength: 3, RequireEachIncludedType: false });
      expect(free).toHaveLength(3);
    });
  });

  describe('TagResource and UntagResource', () => {
    const tagsOf = async (SecretId: string) =>
      (await secrets.send(new DescribeSecretCommand({ SecretId }))).Tags;

    it('adds, overwrites and removes tags by name or ARN', async () => {
      const { ARN } = await secrets.send(
        new CreateSecretCommand({
          Name: 'tags/app',
          SecretString: 'x',
          Tags: [{ Key: 'team', Value: 'core' }],
        }),
      );
      await secrets.send(
        new TagResourceCommand({
          SecretId: 'tags/app',
          Tags: [
            { Key: 'env', Value: 'dev' },
            { Key: 'team', Value: 'platform' },
          ],
        }),
      );
      expect(await tagsOf('tags/app')).toEqual([
        { Key: 'team', Value: 'platform' },
        { Key: 'env', Value: 'dev' },
      ]);
      await secrets.send(new TagResourceCommand({ SecretId: ARN!, Tags: [{ Key: 'Env', Value: '' }] }));
      // Keys are case-sensitive: Env is a tag of its own.
      expect((await tagsOf('tags/app'))!.map((t) => t.Key)).toEqual(['team', 'env', 'Env']);
      await secrets.send(new UntagResourceCommand({ SecretId: ARN!, TagKeys: ['env', 'never-set'] }));
      expect(await tagsOf('tags/app')).toEqual([
        { Key: 'team', Value: 'platform' },
        { Key: 'Env', Value: '' },
      ]);
      await secrets.send(new UntagResourceCommand({ SecretId: 'tags/app', TagKeys: ['team', 'Env'] }));
      expect(await tagsOf('tags/app')).toEqual([]);
    });

    it('keeps to 50 tags, keys of 1-128 and values of 0-256 characters', async () => {
      await secrets.send(new CreateSecretCommand({ Name: 'tags/limits', SecretString: 'x' }));
      const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
      await secrets.send(new TagResourceCommand({ SecretId: 'tags/limits', Tags: fifty }));
      // Overwriting a key does not add a tag; a 51st does.
      await secrets.send(
        new TagResourceCommand({ SecretId: 'tags/limits', Tags: [{ Key: 'k0', Value: 'again' }] }),
      );
      await expect(
        secrets.send(new TagResourceCommand({ SecretId: 'tags/limits', Tags: [{ Key: 'k50', Value: 'x' }] })),
      ).rejects.toBeInstanceOf(InvalidParameterException);
      expect(await tagsOf('tags/limits')).toHaveLength(50);
      await secrets.send(new UntagResourceCommand({ SecretId: 'tags/limits', TagKeys: ['k1'] }));

      const longest = { Key: 'k'.repeat(128), Value: 'v'.repeat(256) };
      await secrets.send(new TagResourceCommand({ SecretId: 'tags/limits', Tags: [longest] }));
      expect(await tagsOf('tags/limits')).toContainEqual(longest);
      for (const tag of [
        { Key: 'k'.repeat(129), Value: 'x' },
        { Key: 'ok', Value: 'v'.repeat(257) },
        { Key: '', Value: 'x' },
        { Key: 'aws:reserved', Value: 'x' },
      ]) {
        await expect(
          secrets.send(new TagResourceCommand({ SecretId: 'tags/limits', Tags: [tag] })),
        ).rejects.toBeInstanceOf(InvalidParameterException);
      }
      for (const TagKeys of [['k'.repeat(129)], [''], ['aws:reserved']]) {
        await expect(
          secrets.send(new UntagResourceCommand({ SecretId: 'tags/limits', TagKeys })),
        ).rejects.toBeInstanceOf(InvalidParameterException);
      }
      // CreateSecret keeps to the same limit.
      await expect(
        secrets.send(
          new CreateSecretCommand({
            Name: 'tags/too-many',
            Tags: [...fifty, { Key: 'k50', Value: 'x' }],
          }),
        ),
      ).rejects.toBeInstanceOf(InvalidParameterException);
    });

    it('answers ResourceNotFoundException for a missing secret and InvalidRequestException for a deleted one', async () => {
      await expect(
        secrets.send(new TagResourceCommand({ SecretId: 'tags/missing', Tags: [{ Key: 'a', Value: 'b' }] })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(
        secrets.send(new UntagResourceCommand({ SecretId: 'tags/missing', TagKeys: ['a'] })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
      await secrets.send(new CreateSecretCommand({ Name: 'tags/deleted', SecretString: 'x' }));
      await secrets.send(new DeleteSecretCommand({ SecretId: 'tags/deleted' }));
      await expect(
        secrets.send(new TagResourceCommand({ SecretId: 'tags/deleted', Tags: [{ Key: 'a', Value: 'b' }] })),
      ).rejects.toBeInstanceOf(InvalidRequestException);
    });

    it('keeps tags across a restart on the same state folder', async () => {
      const stateDir = tempStateDir();
      let own = await startEmulator({ port: 0, stateDir });
      try {
        let client = new SecretsManagerClient(clientConfig(own.endpoint));
        await client.send(new CreateSecretCommand({ Name: 'tags/durable', SecretString: 'x' }));
        await client.send(
          new TagResourceCommand({
            SecretId: 'tags/durable',
            Tags: [
              { Key: 'kept', Value: '1' },
              { Key: 'dropped', Value: '2' },
            ],
          }),
        );
        await client.send(new UntagResourceCommand({ SecretId: 'tags/durable', TagKeys: ['dropped'] }));
        await own.close();
        own = await startEmulator({ port: 0, stateDir });
        client = new SecretsManagerClient(clientConfig(own.endpoint));
        const described = await client.send(new DescribeSecretCommand({ SecretId: 'tags/durable' }));
        expect(described.Tags).toEqual([{ Key: 'kept', Value: '1' }]);
      } finally {
        await own.close();
      }
    });
  });

  describe('BatchGetSecretValue', () => {
    it('reads listed secrets by name or ARN and reports the ones it cannot read in Errors', async () => {
      const a = await secrets.send(new CreateSecretCommand({ Name: 'batch/a', SecretString: 'value-a' }));
      await secrets.send(
        new CreateSecretCommand({ Name: 'batch/bin', SecretBinary: new Uint8Array([1, 2, 255]) }),
      );
      await secrets.send(new CreateSecretCommand({ Name: 'batch/empty' }));
      await secrets.send(new CreateSecretCommand({ Name: 'batch/deleted', SecretString: 'gone' }));
      await secrets.send(new DeleteSecretCommand({ SecretId: 'batch/deleted' }));

      const answer = await secrets.send(
        new BatchGetSecretValueCommand({
          SecretIdList: [a.ARN!, 'batch/bin', 'batch/missing', 'batch/deleted', 'batch/empty'],
        }),
      );
      const single = await secrets.send(new GetSecretValueCommand({ SecretId: 'batch/a' }));
      expect(answer.SecretValues).toHaveLength(2);
      expect(answer.SecretValues![0]).toEqual({
        ARN: single.ARN,
        Name: single.Name,
        VersionId: single.VersionId,
        SecretString: 'value-a',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: single.CreatedDate,
      });
      expect(answer.SecretValues![0]!.CreatedDate).toBeInstanceOf(Date);
      expect(answer.SecretValues![1]).toMatchObject({
        Name: 'batch/bin',
        SecretBinary: new Uint8Array([1, 2, 255]),
      });
      expect(answer.Errors).toEqual([
        { SecretId: 'batch/missing', ErrorCode: 'ResourceNotFoundException', Message: expect.any(String) },
        { SecretId: 'batch/deleted', ErrorCode: 'InvalidRequestException', Message: expect.any(String) },
        { SecretId: 'batch/empty', ErrorCode: 'ResourceNotFoundException', Message: expect.any(String) },
      ]);
      expect(answer.NextToken).toBeUndefined();
    });

    it('selects secrets with Filters, one page of MaxResults at a time, leaving deleted ones out', async () => {
      for (const n of [1, 2, 3, 4, 5])
        await secrets.send(new CreateSecretCommand({ Name: `filtered/s${n}`, SecretString: `v${n}` }));
      await secrets.send(new CreateSecretCommand({ Name: 'filtered/zz-deleted', SecretString: 'x' }));
      await secrets.send(new DeleteSecretCommand({ SecretId: 'filtered/zz-deleted' }));
      await secrets.send(new CreateSecretCommand({ Name: 'other/s1', SecretString: 'x' }));

      const Filters = [{ Key: 'name' as const, Values: ['filtered/'] }];
      const read: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await secrets.send(
          new BatchGetSecretValueCommand({ Filters, MaxResults: 2, NextToken }),
        );
        expect(page.SecretValues!.length).toBeLessThanOrEqual(2);
        expect(page.Errors).toEqual([]);
        read.push(...page.SecretValues!.map((v) => `${v.Name}=${v.SecretString}`));
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);
      expect(pages).toBe(3);
      expect(read).toEqual([1, 2, 3, 4, 5].map((n) => `filtered/s${n}=v${n}`));

      const all = await secrets.send(new BatchGetSecretValueCommand({ Filters }));
      expect(all.SecretValues).toHaveLength(5);
      expect(all.NextToken).toBeUndefined();
    });

    it('refuses both or neither of SecretIdList and Filters, and out-of-range lists and pages', async () => {
      const refused = [
        {},
        { SecretIdList: ['batch/a'], Filters: [{ Key: 'name' as const, Values: ['batch/'] }] },
        { SecretIdList: [] },
        { SecretIdList: Array.from({ length: 21 }, (_, i) => `batch/${i}`) },
        { SecretIdList: ['batch/a'], MaxResults: 5 },
        { Filters: [], MaxResults: 21 },
        { Filters: [], MaxResults: 0 },
      ];
      for (const input of refused) {
        await expect(secrets.send(new BatchGetSecretValueCommand(input))).rejects.toBeInstanceOf(
          InvalidParameterException,
        );
      }
      await expect(
        secrets.send(new BatchGetSecretValueCommand({ Filters: [], NextToken: 'not-a-token' })),
      ).rejects.toBeInstanceOf(InvalidNextTokenException);
      // Twenty names is the most one call takes; unknown ones come back as errors.
      const twenty = await secrets.send(
        new BatchGetSecretValueCommand({ SecretIdList: Array.from({ length: 20 }, (_, i) => `none/${i}`) }),
      );
      expect(twenty.SecretValues).toEqual([]);
      expect(twenty.Errors).toHaveLength(20);
    });
  });
});
