/**
 * Picks the target from the global options: `--stack` means a deployed stack, otherwise the local
 * emulator's state folder (`--state`, then HYDRANT_STATE, then `.hydrant/`).
 */
import { UsageError } from '../../ops/errors';
import type { CliIo } from '../io';
import type { Endpoints } from './endpoints';
import { DEFAULT_STATE_DIR, readLocalEndpoints } from './local-target';
import { readStackEndpoints } from './stack-target';

export interface TargetOptions {
  readonly state?: string;
  readonly stack?: string;
  readonly region?: string;
  readonly profile?: string;
}

export async function resolveTarget(options: TargetOptions, io: CliIo): Promise<Endpoints> {
  if (options.stack !== undefined) {
    if (options.state !== undefined)
      throw new UsageError('--state and --stack exclude each other: pick one target');
    return readStackEndpoints({
      stackName: options.stack,
      region: options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION,
      profile: options.profile ?? io.env.AWS_PROFILE,
    });
  }
  if (options.region !== undefined || options.profile !== undefined) {
    throw new UsageError('--region and --profile apply to a deployed stack: add --stack <name>');
  }
  // An empty HYDRANT_STATE= counts as unset (it would otherwise name the working directory).
  return readLocalEndpoints(options.state ?? (io.env.HYDRANT_STATE || DEFAULT_STATE_DIR), io.cwd);
}
