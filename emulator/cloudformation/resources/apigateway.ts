/**
 * AWS::ApiGateway::* resources into the local API Gateway: the API (id derived from stack and
 * logical id), its resources, methods, models, validators, gateway responses and stages.
 */
import { randomUUID } from 'node:crypto';
import { deterministicId } from '../../services/apigateway/apigateway-service';
import {
  methodThrottleKey,
  type Integration,
  type Method,
  type Throttle,
} from '../../services/apigateway/rest-api';
import { type ResourceHandler, type ResourceInput } from './resource-handler';

function api(input: ResourceInput) {
  return input.targets.apigateway.getRestApi(String(input.properties.RestApiId));
}

function shortId(input: ResourceInput): string {
  return deterministicId(`${input.stackName}/${input.logicalId}`);
}

export const restApi: ResourceHandler = async (input) => {
  const name = String(input.properties.Name ?? input.logicalId);
  const created = input.targets.apigateway.createRestApi(`${input.stackName}/${input.logicalId}`, name);
  return { ref: created.id, attributes: { RootResourceId: created.rootResourceId, RestApiId: created.id } };
};

export const resource: ResourceHandler = async (input) => {
  const p = input.properties;
  const id = shortId(input);
  api(input).addResource(id, String(p.ParentId), String(p.PathPart));
  return { ref: id, attributes: { ResourceId: id } };
};

// PARITY: AuthorizationType (IAM, Lambda and Cognito authorizers), API keys and usage plans are
// not enforced; hydrant's APIs use none of them (signatures and bearer tokens are checked by code).
export const method: ResourceHandler = async (input) => {
  const p = input.properties;
  const integration = p.Integration as Record<string, unknown> | undefined;
  const m: Method = {
    httpMethod: String(p.HttpMethod),
    requestParameters: p.RequestParameters as Record<string, boolean> | undefined,
    requestModels: p.RequestModels as Record<string, string> | undefined,
    requestValidatorId: p.RequestValidatorId as string | undefined,
    integration: integration && toIntegration(integration),
  };
  api(input).putMethod(String(p.ResourceId), m);
  return { ref: randomUUID() };
};

function toIntegration(i: Record<string, unknown>): Integration {
  return {
    type: String(i.Type ?? 'MOCK') as Integration['type'],
    uri: i.Uri as string | undefined,
    httpMethod: i.IntegrationHttpMethod as string | undefined,
    requestParameters: i.RequestParameters as Record<string, string> | undefined,
    requestTemplates: i.RequestTemplates as Record<string, string> | undefined,
    passthroughBehavior: i.PassthroughBehavior as Integration['passthroughBehavior'],
    timeoutMillis: i.TimeoutInMillis === undefined ? undefined : Number(i.TimeoutInMillis),
    integrationResponses: ((i.IntegrationResponses as Record<string, unknown>[] | undefined) ?? []).map(
      (r) => ({
        statusCode: String(r.StatusCode),
        selectionPattern: r.SelectionPattern as string | undefined,
        responseTemplates: r.ResponseTemplates as Record<string, string> | undefined,
        responseParameters: r.ResponseParameters as Record<string, string> | undefined,
      }),
    ),
  };
}

export const model: ResourceHandler = async (input) => {
  const p = input.properties;
  const name = String(p.Name ?? input.logicalId.replace(/[^A-Za-z0-9]/g, ''));
  const schema = typeof p.Schema === 'string' ? (JSON.parse(p.Schema) as object) : (p.Schema as object);
  api(input).models.set(name, schema ?? {});
  return { ref: name };
};

export const requestValidator: ResourceHandler = async (input) => {
  const p = input.properties;
  const id = shortId(input);
  api(input).validators.set(id, {
    validateRequestBody: p.ValidateRequestBody === true || p.ValidateRequestBody === 'true',
    validateRequestParameters: p.ValidateRequestParameters === true || p.ValidateRequestParameters === 'true',
  });
  return { ref: id, attributes: { RequestValidatorId: id } };
};

export const gatewayResponse: ResourceHandler = async (input) => {
  const p = input.properties;
  api(input).gatewayResponses.set(String(p.ResponseType), {
    statusCode: p.StatusCode as string | undefined,
    responseTemplates: p.ResponseTemplates as Record<string, string> | undefined,
    responseParameters: p.ResponseParameters as Record<string, string> | undefined,
  });
  return { ref: randomUUID() };
};

export const deployment: ResourceHandler = async (input) => {
  const p = input.properties;
  const id = shortId(input);
  // A deployment with StageDescription/StageName creates its stage, as CloudFormation does.
  if (typeof p.StageName === 'string') {
    input.targets.apigateway.createStage(String(p.RestApiId), { stageName: p.StageName, variables: {} });
  }
  return { ref: id, attributes: { DeploymentId: id } };
};

export const stage: ResourceHandler = async (input) => {
  const p = input.properties;
  const stageName = String(p.StageName);
  const methodSettings = (p.MethodSettings as Record<string, unknown>[] | undefined) ?? [];
  const stageWide = methodSettings.find((s) => s.ResourcePath === '/*' && s.HttpMethod === '*');
  const methodThrottles: Record<string, Throttle> = {};
  for (const settings of methodSettings) {
    const throttle = throttleOf(settings);
    if (settings === stageWide || !throttle) continue;
    methodThrottles[methodThrottleKey(String(settings.HttpMethod), resourcePathOf(settings.ResourcePath))] =
      throttle;
  }
  input.targets.apigateway.createStage(String(p.RestApiId), {
    stageName,
    variables: (p.Variables as Record<string, string> | undefined) ?? {},
    throttle: stageWide ? throttleOf(stageWide) : undefined,
    methodThrottles,
  });
  return {
    ref: stageName,
    attributes: {
      StageArn: `arn:aws:apigateway:${input.targets.region}::/restapis/${String(p.RestApiId)}/stages/${stageName}`,
    },
  };
};

function throttleOf(settings: Record<string, unknown>): Throttle | undefined {
  const rate = settings.ThrottlingRateLimit;
  const burst = settings.ThrottlingBurstLimit;
  return rate === undefined || burst === undefined
    ? undefined
    : { rateLimit: Number(rate), burstLimit: Number(burst) };
}

/**
 * A MethodSetting's ResourcePath escapes the resource path's slashes as `~1` (and `~` as `~0`):
 * `/~1webhooks~1stripe` is `/webhooks/stripe`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html
 */
function resourcePathOf(escaped: unknown): string {
  const path = String(escaped).replace(/^\//, '').replaceAll('~1', '/').replaceAll('~0', '~');
  return path.startsWith('/') ? path : `/${path}`;
}
