/**
 * The local API Gateway: deployed REST APIs, served on the edge at
 * `/restapis/<apiId>/<stage>/_user_request_/<path>`. API ids derive from a stable key (stack name and
 * logical id), so URLs stay the same across restarts and a `stripe listen --forward-to` keeps working.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IntegrationBackends } from './chain/integration';
import { USER_REQUEST_PREFIX } from './chain/parse';
import { handleApiRequest } from './chain/run-chain';
import { NotFoundException } from './errors';
import { methodThrottleKey, RestApi, type Stage } from './rest-api';
import { TokenBucket } from './throttle';

/** A 10-character id like API Gateway's, derived from `key`. */
export function deterministicId(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(digest.subarray(0, 10), (byte) => alphabet[byte % alphabet.length]).join('');
}

export class ApiGatewayService {
  private readonly apis = new Map<string, RestApi>();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly backends: IntegrationBackends) {}

  /** The edge mount prefix for `edge.mount(prefix, handler)`. */
  readonly prefix = USER_REQUEST_PREFIX;

  createRestApi(key: string, name: string): RestApi {
    const api = new RestApi(deterministicId(key), name);
    this.apis.set(api.id, api);
    return api;
  }

  getRestApi(id: string): RestApi {
    const api = this.apis.get(id);
    if (!api) throw new NotFoundException(`Invalid API identifier specified ${id}`);
    return api;
  }

  listRestApis(): RestApi[] {
    return [...this.apis.values()];
  }

  createStage(apiId: string, stage: Stage): void {
    this.getRestApi(apiId).stages.set(stage.stageName, stage);
    for (const key of this.buckets.keys()) {
      if (key === `${apiId}/${stage.stageName}` || key.startsWith(`${apiId}/${stage.stageName}/`)) {
        this.buckets.delete(key);
      }
    }
  }

  /** The URL clients call for a path of a stage. */
  static stageUrl(endpoint: string, apiId: string, stageName: string, path = '/'): string {
    return `${endpoint}/restapis/${apiId}/${stageName}/_user_request_${path.startsWith('/') ? path : `/${path}`}`;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    handleApiRequest(req, res, {
      findApi: (id) => this.apis.get(id),
      admit: (api, stage, method) => this.admit(api, stage, method),
      backends: this.backends,
    });

  /**
   * Takes a token from the method's own throttle when the stage has one for it, else from the
   * stage's: a method-level setting replaces the stage-level one for that method.
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
   */
  private admit(api: RestApi, stage: Stage, method: { httpMethod: string; resourcePath: string }): boolean {
    const methodKey = methodThrottleKey(method.httpMethod, method.resourcePath);
    const own = stage.methodThrottles?.[methodKey];
    const throttle = own ?? stage.throttle;
    if (!throttle) return true;
    const key = own ? `${api.id}/${stage.stageName}/${methodKey}` : `${api.id}/${stage.stageName}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(throttle.rateLimit, throttle.burstLimit);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
