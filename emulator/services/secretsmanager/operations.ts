/**
 * Secrets Manager's operations as the SDK declares them (type-only imports): the map that types
 * `SecretsManagerProvider.dispatch` and its handlers. Dates travel as epoch seconds (`Wire`).
 */
import type * as Sm from '@aws-sdk/client-secrets-manager';

export type SecretsManagerOperations = {
  CreateSecret: [Sm.CreateSecretRequest, Sm.CreateSecretResponse];
  GetSecretValue: [Sm.GetSecretValueRequest, Sm.GetSecretValueResponse];
  PutSecretValue: [Sm.PutSecretValueRequest, Sm.PutSecretValueResponse];
  UpdateSecret: [Sm.UpdateSecretRequest, Sm.UpdateSecretResponse];
  DescribeSecret: [Sm.DescribeSecretRequest, Sm.DescribeSecretResponse];
  ListSecrets: [Sm.ListSecretsRequest, Sm.ListSecretsResponse];
  ListSecretVersionIds: [Sm.ListSecretVersionIdsRequest, Sm.ListSecretVersionIdsResponse];
  DeleteSecret: [Sm.DeleteSecretRequest, Sm.DeleteSecretResponse];
  RestoreSecret: [Sm.RestoreSecretRequest, Sm.RestoreSecretResponse];
};
