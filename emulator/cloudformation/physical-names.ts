/**
 * Names for resources the template leaves unnamed, shaped like CloudFormation's
 * (`<stack>-<logicalId>-<suffix>`) but derived from the stack and logical id instead of random, so a
 * restart finds the same queues, buckets, functions and secrets in the saved state.
 */
import { createHash } from 'node:crypto';

export interface NameRules {
  readonly maxLength: number;
  /** S3 bucket names are lowercase. @default false */
  readonly lowercase?: boolean;
  /** @default true */
  readonly includeStackName?: boolean;
}

export function generatedName(stackName: string, logicalId: string, rules: NameRules): string {
  const suffix = createHash('sha256')
    .update(`${stackName}/${logicalId}`)
    .digest('hex')
    .slice(0, 12)
    .toUpperCase();
  const prefix = rules.includeStackName === false ? logicalId : `${stackName}-${logicalId}`;
  const room = rules.maxLength - suffix.length - 1;
  const name = `${prefix.slice(0, room)}-${suffix}`;
  return rules.lowercase ? name.toLowerCase().replace(/[^a-z0-9.-]/g, '-') : name;
}
