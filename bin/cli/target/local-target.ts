/** The local target: `<state>/endpoints.json`, written by `npm start` while the emulator runs. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { endpointsFromOutputs } from '../../ops/target/endpoints';
import { MissingOutputsError } from '../../ops/target/errors';
import { withReadableNames } from '../../ops/target/queue-names';
import { TargetUnavailableError } from '../../ops/errors';
import { parseEndpointsFile, type Endpoints } from './endpoints';

export const DEFAULT_STATE_DIR = '.hydrant';

export async function readLocalEndpoints(stateDir: string, cwd: string): Promise<Endpoints> {
  const dir = resolve(cwd, stateDir);
  const file = join(dir, 'endpoints.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new TargetUnavailableError(
      `No local hydrant found: ${file} does not exist. Start it with \`npm start\` ` +
        '(or set --state / HYDRANT_STATE to its state folder, or pass --stack <name> for a deployed stack)',
      { cause },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new TargetUnavailableError(`${file} is not JSON: restart \`npm start\` to rewrite it`, { cause });
  }
  const { outputs, ...parsed } = parseEndpointsFile(raw, file);
  const target = {
    kind: 'local',
    description: `the local emulator (${file})`,
    awsEndpoint: parsed.awsEndpoint,
    region: parsed.region,
  } as const;
  // The stack outputs are the source: hydrant's keys follow from them as they do for --stack.
  if (outputs) {
    try {
      return endpointsFromOutputs(outputs, target, parsed.queues);
    } catch (error) {
      if (error instanceof MissingOutputsError)
        throw new TargetUnavailableError(error.message, { cause: error });
      throw error;
    }
  }
  return {
    ...parsed,
    ...target,
    queues: withReadableNames(parsed.queues),
    dlqs: withReadableNames(parsed.dlqs),
  };
}
