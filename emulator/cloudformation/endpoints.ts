/**
 * `<state>/endpoints.json`: where tools find what was deployed locally. Only facts any CDK app has:
 * the AWS endpoint and region, the stacks with their outputs as deployed locally (execute-api URLs
 * already point at the local edge), the base URL of every API stage, and every queue. What an app
 * calls its webhooks or secrets is the app's business: it reads them from its own outputs.
 */
import { ApiGatewayService } from '../services/apigateway/apigateway-service';
import type { RestApi } from '../services/apigateway/rest-api';
import type { DeployedStack } from './deployer';

export interface LocalApiStage {
  readonly id: string;
  readonly name: string;
  readonly stage: string;
  /** `<endpoint>/restapis/<id>/<stage>/_user_request_`: append the resource path. */
  readonly url: string;
}

export interface LocalEndpoints {
  readonly awsEndpoint: string;
  readonly region: string;
  /** The deployed stacks, in deployment order. */
  readonly stacks: readonly string[];
  /** The stacks' outputs as deployed locally (later stacks win on a shared key). */
  readonly outputs: Readonly<Record<string, string>>;
  /** One entry per API stage. */
  readonly apis: readonly LocalApiStage[];
  /** SQS queue name → URL, for every queue of the stacks. */
  readonly queues: Readonly<Record<string, string>>;
}

export function describeEndpoints(
  stacks: readonly DeployedStack[],
  apis: readonly RestApi[],
  awsEndpoint: string,
  region: string,
): LocalEndpoints {
  const queues: Record<string, string> = {};
  for (const stack of stacks) {
    for (const r of stack.resources.values()) {
      if (r.type === 'AWS::SQS::Queue') queues[String(r.attributes?.QueueName ?? r.ref)] = r.ref;
    }
  }
  return {
    awsEndpoint,
    region,
    stacks: stacks.map((s) => s.stackName),
    outputs: Object.assign({}, ...stacks.map((s) => s.outputs)) as Record<string, string>,
    apis: apis.flatMap((api) =>
      [...api.stages.keys()].map((stage) => ({
        id: api.id,
        name: api.name,
        stage,
        url: ApiGatewayService.stageUrl(awsEndpoint, api.id, stage, '').replace(/\/$/, ''),
      })),
    ),
    queues,
  };
}
