/**
 * The whole local cloud: the emulator's services, the Lambda runtime and API Gateway on its edge,
 * and the stacks of a cloud assembly deployed into them; writes `<state>/endpoints.json` with the
 * generic facts of the deployment. The one way to start a deployed local cloud: `npm start`,
 * `npm run demo`, the benchmarks and the end-to-end tests all come through here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from './index';
import { ApiGatewayService } from './services/apigateway/apigateway-service';
import type { LogSinks } from './services/lambda/function-worker';
import { LambdaService } from './services/lambda/lambda-service';
import { mountLambdaApi } from './services/lambda/rest-handler';
import { loadAssembly } from './cloudformation/cloud-assembly';
import { deployStack, type DeployedStack } from './cloudformation/deployer';
import { describeEndpoints, type LocalEndpoints } from './cloudformation/endpoints';
import { pruneStaleRules } from './cloudformation/stale-rules';

export interface LocalCloudOptions extends EmulatorOptions {
  /** The cdk.out folder to deploy. */
  readonly assemblyDir: string;
  /** Where function logs go. @default process.stdout / process.stderr */
  readonly logs?: LogSinks;
  /**
   * Waits before each retry of a failed asynchronous Lambda invocation (tests shorten them).
   * @default [60000, 120000] - AWS's 1 and 2 minutes
   */
  readonly lambdaRetryDelaysMs?: readonly number[];
}

export interface LocalCloud {
  readonly emulator: Emulator;
  readonly lambda: LambdaService;
  readonly apigateway: ApiGatewayService;
  readonly stacks: readonly DeployedStack[];
  /** What `<state>/endpoints.json` holds. */
  readonly endpoints: LocalEndpoints;
  /** `<state>/endpoints.json`. */
  readonly endpointsFile: string;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const assembly = loadAssembly(options.assemblyDir);
  const emulator = await startEmulator(options);
  const lambda = new LambdaService(
    {
      awsEndpoint: emulator.endpoint,
      region: emulator.context.region,
      accountId: emulator.context.accountId,
    },
    options.logs,
    {
      store: emulator.store,
      queues: emulator.services.sqs,
      events: emulator.services.events,
      asyncRetryDelaysMs: options.lambdaRetryDelaysMs,
    },
  );
  try {
    const services = emulator.services;
    const events = services.events;
    events.setLambdaInvoker(lambda);
    const apigateway = new ApiGatewayService({
      services: { events, sqs: services.sqs, secretsmanager: services.secretsmanager },
      lambda,
    });
    emulator.edge.mount(apigateway.prefix, apigateway.handle);
    mountLambdaApi(emulator.edge, lambda);
    const stacks: DeployedStack[] = [];
    let imports: Record<string, string> = {};
    for (const stack of assembly) {
      const deployed = await deployStack(
        stack,
        {
          endpoint: emulator.endpoint,
          region: emulator.context.region,
          accountId: emulator.context.accountId,
          events,
          sqs: services.sqs,
          s3: services.s3,
          secretsmanager: services.secretsmanager,
          lambda,
          apigateway,
        },
        { imports },
      );
      imports = { ...imports, ...deployed.exports };
      stacks.push(deployed);
      for (const rule of await pruneStaleRules(deployed, events)) {
        (options.logs?.stdout ?? process.stdout).write(`Removed rule ${rule}: no longer in the template\n`);
      }
    }
    lambda.resumeAsyncInvocations();
    const endpoints = describeEndpoints(
      stacks,
      apigateway.listRestApis(),
      emulator.endpoint,
      emulator.context.region,
    );
    const endpointsFile = path.join(emulator.stateDir, 'endpoints.json');
    mkdirSync(emulator.stateDir, { recursive: true });
    writeFileSync(endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
    return {
      emulator,
      lambda,
      apigateway,
      stacks,
      endpoints,
      endpointsFile,
      async close() {
        await lambda.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await lambda.close();
    await emulator.close();
    throw error;
  }
}
