// Runs one Lambda function inside a worker thread: loads its bundle once (the init phase), then
// answers invoke messages from the parent with the handler's result or error, one at a time.
/* global process */
import { register } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const { codeDir, handler: handlerSetting, functionName, functionArn, memoryMb, sourceMaps } = workerData;

// The managed runtime provides the AWS SDK; bundles do not carry it.
register('./provided-sdk-hooks.mjs', import.meta.url, {
  data: { projectRoot: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..') },
});

if (sourceMaps && typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);

function serializeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, stack: error.stack };
  }
  return { errorType: 'Error', errorMessage: String(error) };
}

async function loadHandler() {
  const dot = handlerSetting.lastIndexOf('.');
  const moduleName = handlerSetting.slice(0, dot);
  const exportName = handlerSetting.slice(dot + 1);
  const file = ['.mjs', '.js', '.cjs']
    .map((ext) => path.join(codeDir, moduleName + ext))
    .find((f) => existsSync(f));
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${moduleName}' in ${codeDir}`), {
      name: 'Runtime.ImportModuleError',
    });
  }
  const module = await import(pathToFileURL(file).href);
  const fn = module[exportName] ?? module.default?.[exportName];
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${handlerSetting} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return fn;
}

let handler;
try {
  handler = await loadHandler();
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'init-error', error: serializeError(error) });
}

parentPort.on('message', async ({ id, payload, requestId, deadline }) => {
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${process.pid}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(JSON.parse(payload), context);
    parentPort.postMessage({
      type: 'result',
      id,
      result: result === undefined ? null : JSON.stringify(result),
    });
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, error: serializeError(error) });
  }
});
