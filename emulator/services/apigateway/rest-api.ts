/** A deployed REST API: its resource tree, methods with their integrations, models and stages. */
import { NotFoundException } from './errors';

export type IntegrationType = 'AWS' | 'AWS_PROXY' | 'MOCK' | 'HTTP' | 'HTTP_PROXY';
export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';

export interface IntegrationResponse {
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

export interface Integration {
  readonly type: IntegrationType;
  readonly uri?: string;
  readonly httpMethod?: string;
  readonly requestParameters?: Readonly<Record<string, string>>;
  readonly requestTemplates?: Readonly<Record<string, string>>;
  /** @default 'WHEN_NO_MATCH' */
  readonly passthroughBehavior?: PassthroughBehavior;
  readonly integrationResponses?: readonly IntegrationResponse[];
  /** @default 29000 */
  readonly timeoutMillis?: number;
}

export interface Method {
  readonly httpMethod: string;
  /** `method.request.header.Name` → required. */
  readonly requestParameters?: Readonly<Record<string, boolean>>;
  /** Content type → model name. */
  readonly requestModels?: Readonly<Record<string, string>>;
  readonly requestValidatorId?: string;
  readonly integration?: Integration;
}

export interface ApiResource {
  readonly id: string;
  readonly parentId?: string;
  readonly pathPart: string;
  /** Full path, e.g. `/webhooks/delivery/{provider}`. */
  readonly path: string;
  readonly methods: Map<string, Method>;
}

export interface RequestValidator {
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
}

export interface GatewayResponse {
  readonly statusCode?: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

export interface Stage {
  readonly stageName: string;
  readonly variables: Readonly<Record<string, string>>;
  /** Steady-state requests per second and burst for the whole stage. @default - not throttled */
  readonly throttle?: Throttle;
  /**
   * Method-level throttles that replace the stage's for one method, keyed `<METHOD> <resource path>`
   * (`POST /webhooks/stripe`). @default - none
   */
  readonly methodThrottles?: Readonly<Record<string, Throttle>>;
}

export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The `methodThrottles` key of a method. */
export function methodThrottleKey(httpMethod: string, resourcePath: string): string {
  return `${httpMethod} ${resourcePath}`;
}

export class RestApi {
  readonly resources = new Map<string, ApiResource>();
  readonly models = new Map<string, object>();
  readonly validators = new Map<string, RequestValidator>();
  readonly gatewayResponses = new Map<string, GatewayResponse>();
  readonly stages = new Map<string, Stage>();
  readonly rootResourceId: string;

  constructor(
    readonly id: string,
    readonly name: string,
  ) {
    this.rootResourceId = `${id}root`.slice(0, 10);
    this.resources.set(this.rootResourceId, {
      id: this.rootResourceId,
      pathPart: '',
      path: '/',
      methods: new Map(),
    });
  }

  addResource(id: string, parentId: string, pathPart: string): ApiResource {
    const parent = this.resource(parentId);
    const path = parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`;
    const resource: ApiResource = { id, parentId, pathPart, path, methods: new Map() };
    this.resources.set(id, resource);
    return resource;
  }

  putMethod(resourceId: string, method: Method): void {
    this.resource(resourceId).methods.set(method.httpMethod.toUpperCase(), method);
  }

  resource(id: string): ApiResource {
    const resource = this.resources.get(id);
    if (!resource) throw new NotFoundException(`Invalid resource identifier ${id} in API ${this.id}`);
    return resource;
  }

  stage(name: string): Stage | undefined {
    return this.stages.get(name);
  }
}
