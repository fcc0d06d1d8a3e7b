/**
 * AWS::SecretsManager::Secret through the Secrets Manager provider. `GenerateSecretString` is
 * generated locally; an existing secret keeps its value across restarts (operators store real
 * signing secrets in it).
 */
import { randomInt } from 'node:crypto';
import { generatedName } from '../physical-names';
import { isAwsError, type ResourceHandler } from './resource-handler';

interface GenerateOptions {
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
  PasswordLength?: number;
  ExcludeCharacters?: string;
  ExcludeLowercase?: boolean;
  ExcludeUppercase?: boolean;
  ExcludeNumbers?: boolean;
  ExcludePunctuation?: boolean;
  IncludeSpace?: boolean;
}

export function generatePassword(options: GenerateOptions): string {
  let alphabet = '';
  if (!options.ExcludeLowercase) alphabet += 'abcdefghijklmnopqrstuvwxyz';
  if (!options.ExcludeUppercase) alphabet += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (!options.ExcludeNumbers) alphabet += '0123456789';
  if (!options.ExcludePunctuation) alphabet += '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
  if (options.IncludeSpace) alphabet += ' ';
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const chars = [...alphabet].filter((c) => !excluded.has(c));
  return Array.from({ length: options.PasswordLength ?? 32 }, () => chars[randomInt(chars.length)]).join('');
}

function secretString(p: Record<string, unknown>): string | undefined {
  if (typeof p.SecretString === 'string') return p.SecretString;
  const generate = p.GenerateSecretString as GenerateOptions | undefined;
  if (!generate) return undefined;
  const password = generatePassword(generate);
  if (generate.SecretStringTemplate && generate.GenerateStringKey) {
    return JSON.stringify({
      ...JSON.parse(generate.SecretStringTemplate),
      [generate.GenerateStringKey]: password,
    });
  }
  return password;
}

export const secret: ResourceHandler = async (input) => {
  const p = input.properties;
  const name =
    typeof p.Name === 'string'
      ? p.Name
      : generatedName(input.stackName, input.logicalId, { maxLength: 64, includeStackName: false });
  const sm = input.targets.secretsmanager;
  let secretArn: string;
  try {
    const created = await sm.dispatch('CreateSecret', {
      Name: name,
      Description: p.Description,
      SecretString: secretString(p),
    });
    secretArn = String(created.ARN);
  } catch (error) {
    if (!isAwsError(error, 'ResourceExistsException')) throw error;
    secretArn = String((await sm.dispatch('DescribeSecret', { SecretId: name })).ARN);
  }
  return { ref: secretArn, attributes: { Id: secretArn } };
};
