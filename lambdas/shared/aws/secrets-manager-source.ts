/**
 * `SecretSource` over Secrets Manager through Powertools' SecretsProvider, which caches each value
 * for `maxAgeSeconds` per warm function. Values are never logged.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { OperationalError } from '../errors';
import type { GetSecretOptions, SecretSource } from '../ports';

export class SecretsManagerSource implements SecretSource {
  private readonly provider: SecretsProvider;

  constructor(
    client: SecretsManagerClient,
    private readonly maxAgeSeconds = 300,
  ) {
    this.provider = new SecretsProvider({ awsSdkV3Client: client });
  }

  async getJson<T>(secretId: string, options: GetSecretOptions = {}): Promise<T> {
    try {
      const value = await this.provider.get(secretId, {
        maxAge: this.maxAgeSeconds,
        transform: 'json',
        forceFetch: options.forceFetch ?? false,
      });
      if (value === undefined) throw new Error('the secret has no string value');
      return value as T;
    } catch (cause) {
      // The cause is kept for the stack trace; it never carries the secret value.
      throw new OperationalError(`Reading secret ${secretId} failed`, { cause });
    }
  }
}
