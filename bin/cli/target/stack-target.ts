/** The deployed target: a stack's outputs through CloudFormation DescribeStacks. */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { endpointsFromOutputs, type Endpoints } from '../../ops/target/endpoints';
import { MissingOutputsError } from '../../ops/target/errors';
import { TargetUnavailableError, toCliError } from '../../ops/errors';

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
    const outputs = Object.fromEntries(
      (stack.Outputs ?? [])
        .filter((o) => o.OutputKey && o.OutputValue)
        .map((o) => [o.OutputKey!, o.OutputValue!]),
    );
    return endpointsFromOutputs(outputs, {
      kind: 'stack',
      description: `stack ${options.stackName} (${region})`,
      region,
      profile: options.profile,
    });
  } catch (error) {
    if (error instanceof MissingOutputsError)
      throw new TargetUnavailableError(error.message, { cause: error });
    if (error instanceof Error && /Region is missing/i.test(error.message)) {
      throw new TargetUnavailableError('No AWS region: pass --region or set AWS_REGION', { cause: error });
    }
    throw toCliError(error);
  } finally {
    client.destroy();
  }
}
