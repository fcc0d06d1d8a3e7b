/**
 * hydrant in the local cloud: synthesizes the CDK app (with any extra context), deploys it with the
 * emulator's `startLocalCloud`, derives hydrant's endpoints from the stack outputs (the same
 * function `hydrant --stack` uses) and adds them to `<state>/endpoints.json`. `npm start`,
 * `npm run demo`, the benchmarks and the end-to-end tests all start hydrant through here.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../emulator/local-cloud';
import { synthesize, type SynthResult } from '../../emulator/cloudformation/synthesize';
import { endpointsFromOutputs, type Endpoints } from '../ops/target/endpoints';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocalHydrantOptions extends Omit<LocalCloudOptions, 'assemblyDir'> {
  /** CDK context over cdk.json's, as `cdk synth -c key=value` takes it. */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Where to synthesize. @default `<project>/cdk.out` */
  readonly outdir?: string;
  /** Called once synthesis is done, before deploying. */
  readonly onSynthesized?: (synth: SynthResult) => void;
}

export interface LocalHydrant {
  readonly cloud: LocalCloud;
  /** hydrant's endpoints, from the stack outputs as deployed locally. */
  readonly endpoints: Endpoints;
  readonly synth: SynthResult;
  close(): Promise<void>;
}

export async function startLocalHydrant(options: LocalHydrantOptions = {}): Promise<LocalHydrant> {
  const { context, outdir, onSynthesized, ...cloudOptions } = options;
  const synth = await synthesize({ projectRoot: PROJECT_ROOT, outdir, context: { ...context } });
  onSynthesized?.(synth);
  const cloud = await startLocalCloud({ ...cloudOptions, assemblyDir: synth.outdir });
  try {
    const local = cloud.endpoints;
    const endpoints = endpointsFromOutputs(
      local.outputs,
      {
        kind: 'local',
        description: `the local emulator (${cloud.endpointsFile})`,
        awsEndpoint: local.awsEndpoint,
        region: local.region,
      },
      local.queues,
    );
    writeFileSync(cloud.endpointsFile, `${JSON.stringify(endpointsFile(local, endpoints), null, 2)}\n`, {
      mode: 0o600,
    });
    return { cloud, endpoints, synth, close: () => cloud.close() };
  } catch (error) {
    await cloud.close();
    throw error;
  }
}

/**
 * The emulator's generic document plus hydrant's keys (README, "Running locally"). `queues` stays
 * the emulator's (every queue by its SQS name); the CLI names them from the outputs when it reads.
 */
function endpointsFile(local: LocalCloud['endpoints'], e: Endpoints): Record<string, unknown> {
  return {
    ...local,
    bus: e.bus,
    bucket: e.bucket,
    webhooks: e.webhooks,
    mockPartner: e.mockPartner,
    secrets: e.secrets,
    dlqs: e.dlqs,
  };
}
