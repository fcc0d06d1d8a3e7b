/**
 * Secrets Manager's operations as the SDK declares them (type-only imports): the map that types
 * `SecretsManagerProvider.dispatch` and its handlers. Dates travel as epoch seconds (`Wire`).
 */
import type * as Sm from '@aws-sdk/client-secrets-manager';

/** Operations whose result has no members answer `{}`. */
type Empty = Record<string, never>;

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
  TagResource: [Sm.TagResourceRequest, Empty];
  UntagResource: [Sm.UntagResourceRequest, Empty];
  BatchGetSecretValue: [Sm.BatchGetSecretValueRequest, Sm.BatchGetSecretValueResponse];
  GetRandomPassword: [Sm.GetRandomPasswordRequest, Sm.GetRandomPasswordResponse];
};
