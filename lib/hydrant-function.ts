/**
 * The one way hydrant defines a Lambda function: Node.js 24, ESM bundle built by local esbuild
 * (targeted at Node 20 so the emulator can run the same asset), X-Ray tracing, and a log group
 * with bounded retention owned by the stack.
 */
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface HydrantFunctionProps {
  /** Folder under `lambdas/` holding the handler's `index.ts`. */
  readonly handlerDir: string;
  readonly description: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default - none */
  readonly environment?: Record<string, string>;
  /** @default - unreserved */
  readonly reservedConcurrentExecutions?: number;
}

export class HydrantFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HydrantFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, 'lambdas', props.handlerDir, 'index.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 256,
      tracing: Tracing.ACTIVE,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.handlerDir,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node20',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // ESM bundles still meet CommonJS dependencies that call require().
        banner:
          "import { createRequire as __hydrantCreateRequire } from 'module'; const require = __hydrantCreateRequire(import.meta.url);",
        // The Lambda Node.js runtime provides AWS SDK v3, so `@aws-sdk/*` stays out of the bundle
        // (hydrators drop from ~590 KB to ~115 KB). The emulator runs assets from `cdk.out` inside
        // the project, where Node resolves the same packages from the project's node_modules.
        externalModules: ['@aws-sdk/*'],
      },
    });
  }
  /**
   * Acknowledges the cdk-nag findings every hydrant function role has (the basic logging policy,
   * X-Ray's resource-less actions) and, per bucket object pattern granted to it, the IAM5 wildcard
   * finding with its reason. Call after the last grant: the default policy exists only then.
   */
  acknowledgeRoleFindings(objectGrants: readonly ObjectGrant[] = []): void {
    const role = this.role as Role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The standard policy that lets the function write its own CloudWatch logs; nothing more.',
    });
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (!policy) return;
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments / PutTelemetryRecords (active tracing) take no resource scope.',
    });
    for (const { bucket, pattern, reason } of objectGrants) {
      const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${pattern}]`,
        reason,
      });
    }
  }
}

/** A grant on `bucket` objects matching `pattern` (e.g. `rejected/*`), and why it must be a wildcard. */
export interface ObjectGrant {
  readonly bucket: IBucket;
  readonly pattern: string;
  readonly reason: string;
}
