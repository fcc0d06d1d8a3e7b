/**
 * The semantics of Lambda's API operations over the local runtime, in the API's shapes but with no
 * HTTP (rest-handler.ts binds them to the wire).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 */
import type { EventInvokeConfig, EventInvokeConfigInput } from './async/event-invoke-config';
import {
  FunctionError,
  InvalidParameterValueException,
  InvalidRequestContentException,
  ResourceNotFoundException,
} from './errors';
import type { FunctionConfig } from './function-config';
import type { LambdaService } from './lambda-service';

export interface InvokeInput {
  readonly functionName: string;
  readonly qualifier?: string;
  readonly invocationType: string;
  readonly payload: string;
}

export interface InvokeOutput {
  /** 200 RequestResponse, 202 Event, 204 DryRun. */
  readonly statusCode: number;
  readonly executedVersion?: string;
  readonly functionError?: 'Unhandled';
  readonly payload?: string;
}

const PAGE_SIZE = 50;

export class LambdaApi {
  constructor(private readonly service: LambdaService) {}

  async invoke(input: InvokeInput): Promise<InvokeOutput> {
    const name = this.resolve(input.functionName, input.qualifier);
    try {
      JSON.parse(input.payload);
    } catch {
      throw new InvalidRequestContentException('Could not parse request body into json: not valid JSON');
    }
    switch (input.invocationType) {
      case 'DryRun':
        this.service.getFunction(name);
        return { statusCode: 204 };
      case 'Event':
        this.service.invokeAsync(name, input.payload);
        return { statusCode: 202 };
      case 'RequestResponse':
        try {
          const result = await this.service.invokeSync(name, input.payload);
          return { statusCode: 200, executedVersion: '$LATEST', payload: result ?? 'null' };
        } catch (error) {
          if (!(error instanceof FunctionError)) throw error;
          // A function error is a successful Invoke: 200, X-Amz-Function-Error, the error as payload.
          return {
            statusCode: 200,
            executedVersion: '$LATEST',
            functionError: 'Unhandled',
            payload: JSON.stringify({
              errorType: error.errorType,
              errorMessage: error.errorMessage,
              trace: (error.handlerStack ?? '').split('\n').filter(Boolean),
            }),
          };
        }
      default:
        throw new InvalidParameterValueException(
          `InvocationType must be RequestResponse, Event or DryRun (got ${input.invocationType})`,
        );
    }
  }

  getFunction(nameOrArn: string) {
    const fn = this.service.getFunction(this.resolve(nameOrArn));
    const config = fn.config;
    return {
      Configuration: configuration(config),
      // PARITY: the code is served from cdk.out, not a presigned S3 URL.
      Code: { RepositoryType: 'S3', Location: `file://${config.codeDir}` },
      ...(config.reservedConcurrency === undefined
        ? {}
        : { Concurrency: { ReservedConcurrentExecutions: config.reservedConcurrency } }),
    };
  }

  functionConfiguration(nameOrArn: string) {
    return configuration(this.service.getFunction(this.resolve(nameOrArn)).config);
  }

  /** Functions by name, 50 a page (MaxItems up to 50), continued with NextMarker. */
  listFunctions(marker?: string, maxItems?: number) {
    if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000))
      throw new InvalidParameterValueException(`MaxItems must be 1 to 10000 (got ${maxItems})`);
    const all = this.service.listFunctions().sort((a, b) => a.functionName.localeCompare(b.functionName));
    const start = marker === undefined ? 0 : Number(marker);
    if (!Number.isInteger(start) || start < 0 || start > all.length)
      throw new InvalidParameterValueException(`Marker ${marker} is not one this API returned`);
    const size = Math.min(maxItems ?? PAGE_SIZE, PAGE_SIZE);
    const page = all.slice(start, start + size);
    return {
      Functions: page.map(configuration),
      ...(start + size < all.length ? { NextMarker: String(start + size) } : {}),
    };
  }

  getEventInvokeConfig(nameOrArn: string) {
    const fn = this.service.getFunction(this.resolve(nameOrArn));
    return invokeConfigShape(fn.config.functionArn, this.service.eventInvokeConfig(fn.config.functionName));
  }

  putEventInvokeConfig(nameOrArn: string, input: EventInvokeConfigInput) {
    const fn = this.service.getFunction(this.resolve(nameOrArn));
    return invokeConfigShape(
      fn.config.functionArn,
      this.service.putEventInvokeConfig(fn.config.functionName, input),
    );
  }

  /** A function name; only the `$LATEST` qualifier exists locally. */
  private resolve(nameOrArn: string, qualifier?: string): string {
    const parts = nameOrArn.startsWith('arn:') ? nameOrArn.split(':').slice(6) : nameOrArn.split(':');
    const [name = '', inlineQualifier] = parts;
    const q = qualifier ?? inlineQualifier;
    // PARITY: published versions and aliases are not emulated.
    if (q !== undefined && q !== '$LATEST') throw new ResourceNotFoundException(`${name}:${q}`);
    return name;
  }
}

function configuration(config: FunctionConfig) {
  return {
    FunctionName: config.functionName,
    FunctionArn: config.functionArn,
    // PARITY: the local runtime runs every function on the host's Node.js; Runtime is not kept.
    Handler: config.handler,
    Timeout: config.timeoutSeconds,
    MemorySize: config.memoryMb,
    Environment: { Variables: { ...config.environment } },
    Version: '$LATEST',
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
  };
}

function invokeConfigShape(functionArn: string, config: EventInvokeConfig) {
  return {
    FunctionArn: `${functionArn}:$LATEST`,
    MaximumRetryAttempts: config.maximumRetryAttempts,
    MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds,
    DestinationConfig: {
      OnSuccess: config.onSuccess ? { Destination: config.onSuccess } : {},
      OnFailure: config.onFailure ? { Destination: config.onFailure } : {},
    },
  };
}
