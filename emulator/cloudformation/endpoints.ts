/**
 * `<state>/endpoints.json`: where tools find the deployed pipeline. Found generically from the
 * deployed template (outputs first, then resource types and the paths of DESIGN §1), so it follows
 * whatever the constructs define.
 */
import { ApiGatewayService } from '../services/apigateway/apigateway-service';
import type { RestApi } from '../services/apigateway/rest-api';
import type { DeployedResource, DeployedStack } from './deployer';

export interface Endpoints {
  readonly awsEndpoint: string;
  readonly region: string;
  readonly bus?: string;
  readonly bucket?: string;
  readonly webhooks: { readonly stripe?: string; readonly delivery?: string };
  readonly mockPartner: { readonly graphql?: string; readonly events?: string };
  readonly secrets: { readonly stripe?: string; readonly delivery?: string; readonly partner?: string };
  /** Queue name → URL. */
  readonly queues: Readonly<Record<string, string>>;
  /** Dead-letter queue name → URL. */
  readonly dlqs: Readonly<Record<string, string>>;
  /** The stacks' outputs as deployed locally, so tools can name things as a deployed stack does. */
  readonly outputs: Readonly<Record<string, string>>;
}

export function describeEndpoints(
  stacks: readonly DeployedStack[],
  apis: readonly RestApi[],
  awsEndpoint: string,
  region: string,
): Endpoints {
  const resources = stacks.flatMap((s) => [...s.resources.values()]);
  const outputs = Object.assign({}, ...stacks.map((s) => s.outputs)) as Record<string, string>;
  const output = (pattern: RegExp) => Object.entries(outputs).find(([name]) => pattern.test(name))?.[1];
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  const byPath = (type: string, pattern: RegExp) =>
    ofType(type).find((r) => pattern.test(r.path ?? r.logicalId))?.ref;

  const url = (pattern: RegExp, suffix = '') => {
    for (const api of apis) {
      const stage = [...api.stages.keys()][0];
      const resource = [...api.resources.values()].find((r) => pattern.test(r.path));
      if (stage && resource) {
        const path = suffix ? resource.path.replace(pattern, suffix) : resource.path;
        return ApiGatewayService.stageUrl(awsEndpoint, api.id, stage, path);
      }
    }
    return undefined;
  };

  const dlqArns = new Set<string>();
  for (const r of ofType('AWS::SQS::Queue')) {
    const policy = r.properties.RedrivePolicy as { deadLetterTargetArn?: string } | undefined;
    if (policy?.deadLetterTargetArn) dlqArns.add(policy.deadLetterTargetArn);
  }
  for (const r of ofType('AWS::Events::Rule')) {
    for (const t of (r.properties.Targets as { DeadLetterConfig?: { Arn?: string } }[] | undefined) ?? []) {
      if (t.DeadLetterConfig?.Arn) dlqArns.add(t.DeadLetterConfig.Arn);
    }
  }
  const queues: Record<string, string> = {};
  const dlqs: Record<string, string> = {};
  for (const q of ofType('AWS::SQS::Queue')) {
    const name = String(q.attributes?.QueueName);
    const isDlq = dlqArns.has(String(q.attributes?.Arn)) || /dlq|dead-?letter/i.test(q.path ?? name);
    (isDlq ? dlqs : queues)[name] = q.ref;
  }

  return {
    awsEndpoint,
    region,
    bus: output(/^BusName$/i) ?? ofType('AWS::Events::EventBus')[0]?.ref,
    bucket: output(/^BucketName$/i) ?? pickBucket(ofType('AWS::S3::Bucket')),
    webhooks: {
      stripe: output(/stripe.*webhook.*url/i) ?? url(/^\/webhooks\/stripe$/),
      delivery:
        output(/delivery.*webhook.*url/i) ??
        url(/^\/webhooks\/delivery\/\{[^}]+\}$/, '/webhooks/delivery/{provider}'),
    },
    mockPartner: {
      graphql: output(/graphql.*url|partner.*graphql/i) ?? url(/\/graphql$/),
      events: output(/partner.*event.*url|put-?event/i) ?? url(/\/put-event$/),
    },
    secrets: {
      stripe: output(/stripe.*secret/i) ?? byPath('AWS::SecretsManager::Secret', /stripe/i),
      delivery: output(/delivery.*secret/i) ?? byPath('AWS::SecretsManager::Secret', /delivery/i),
      partner: output(/partner.*secret/i) ?? byPath('AWS::SecretsManager::Secret', /partner/i),
    },
    queues,
    dlqs,
    outputs,
  };
}

function pickBucket(buckets: DeployedResource[]): string | undefined {
  return (buckets.find((b) => !/log/i.test(b.path ?? b.logicalId)) ?? buckets[0])?.ref;
}
