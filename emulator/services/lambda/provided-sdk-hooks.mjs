// Module resolve hook for Lambda workers: the Lambda Node.js runtime provides the AWS SDK v3, so
// bundles leave `@aws-sdk/*` out (see lib/hydrant-function.ts). When a bundle's own folder cannot
// resolve such an import, resolve it from the project's node_modules, as the runtime would from its
// own copy. Any other missing module still fails, as it would on AWS.
// PARITY: the SDK version is the project's, not the one the managed runtime ships.
import { pathToFileURL } from 'node:url';

let providedFrom;

export function initialize(data) {
  providedFrom = pathToFileURL(`${data.projectRoot}/package.json`).href;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('@aws-sdk/')) throw error;
    return nextResolve(specifier, { ...context, parentURL: providedFrom });
  }
}
