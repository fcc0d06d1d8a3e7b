/** The deployed target: a stack's outputs through CloudFormation DescribeStacks. */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { TargetUnavailableError, toCliError } from '../errors';
import type { Endpoints } from './endpoints';
import { endpointsFromOutputs } from './stack-outputs';

export interface StackTargetOptions {
  readonly stackName: string;
  readonly region?: string;
  readonly profile?: string;
}

export async function readStackEndpoints(options: StackTargetOptions): Promise<Endpoints> {
  const client = new CloudFormationClient({
    region: options.region,
    profile: options.profile,
  });
  try {
    const region = await client.config.region();
    let stack;
    try {
      const out = await client.send(new DescribeStacksCommand({ StackName: options.stackName }));
      stack = out.Stacks?.[0];
    } catch (error) {
      if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) {
        throw new TargetUnavailableError(
          `Stack ${options.stackName} does not exist in ${region}: check --stack and --region (or AWS_REGION)`,
          { cause: error },
        );
      }
      throw error;
    }
    if (!stack) throw new TargetUnavailableError(`Stack ${options.stackName} was not found in ${region}`);
    return endpointsFromOutputs(options.stackName, region, options.profile, stack.Outputs ?? []);
  } catch (error) {
    if (error instanceof Error && /Region is missing/i.test(error.message)) {
      throw new TargetUnavailableError('No AWS region: pass --region or set AWS_REGION', { cause: error });
    }
    throw toCliError(error);
  } finally {
    client.destroy();
  }
}
