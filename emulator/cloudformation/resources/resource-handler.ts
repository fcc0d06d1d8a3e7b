/** The contract of one resource type's local deployment, and what it is deployed into. */
import type { Dispatcher } from '../../protocol/json-provider';
import type { ApiGatewayService } from '../../services/apigateway/apigateway-service';
import type { EventsOperations } from '../../services/events/operations';
import type { LambdaService } from '../../services/lambda/lambda-service';
import type { SecretsManagerOperations } from '../../services/secretsmanager/operations';
import type { SqsOperations } from '../../services/sqs/operations';

export interface BucketService {
  createBucket(name: string): void;
}

/** The emulator's services the deployer creates resources in. */
export interface DeployTargets {
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly events: Dispatcher<EventsOperations>;
  readonly sqs: Dispatcher<SqsOperations>;
  readonly s3: BucketService;
  readonly secretsmanager: Dispatcher<SecretsManagerOperations>;
  readonly lambda: LambdaService;
  readonly apigateway: ApiGatewayService;
}

export interface ResourceInput {
  readonly logicalId: string;
  readonly type: string;
  readonly stackName: string;
  /** Properties with every intrinsic resolved. */
  readonly properties: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  /** The cdk.out folder (asset paths are relative to it). */
  readonly assemblyDir: string;
  /** File assets by S3 object key → their path in cdk.out. */
  readonly assets: ReadonlyMap<string, string>;
  readonly targets: DeployTargets;
  /** Turns AWS URLs of deployed APIs into their local URLs. */
  readonly localizeUrls: (value: string) => string;
}

export interface CreatedResource {
  /** What `Ref` returns. */
  readonly ref: string;
  /** What `Fn::GetAtt` returns, by attribute name. */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export type ResourceHandler = (input: ResourceInput) => Promise<CreatedResource>;

/** True when `error` is an AWS error with that code (providers throw classes named after codes). */
export function isAwsError(error: unknown, ...codes: string[]): boolean {
  const code = (error as { code?: unknown } | null)?.code ?? (error as Error | null)?.name;
  return typeof code === 'string' && codes.includes(code);
}

export function arn(
  input: ResourceInput,
  service: string,
  resource: string,
  region = input.targets.region,
): string {
  return `arn:aws:${service}:${region}:${input.targets.accountId}:${resource}`;
}
