import { describe, expect, it } from 'vitest';
import { stage } from '../../../emulator/cloudformation/resources/apigateway';
import type { ResourceInput } from '../../../emulator/cloudformation/resources/resource-handler';
import type { Stage } from '../../../emulator/services/apigateway/rest-api';

/** Deploys an `AWS::ApiGateway::Stage` and returns the stage the API Gateway service was given. */
async function deployStage(properties: Record<string, unknown>): Promise<Stage> {
  let created: Stage | undefined;
  const input = {
    logicalId: 'Stage',
    type: 'AWS::ApiGateway::Stage',
    stackName: 'Test',
    properties: { RestApiId: 'api1', StageName: 'v1', ...properties },
    targets: {
      region: 'eu-west-1',
      apigateway: { createStage: (_api: string, s: Stage) => (created = s) },
    },
  } as unknown as ResourceInput;
  await stage(input);
  if (!created) throw new Error('no stage created');
  return created;
}

describe('AWS::ApiGateway::Stage', () => {
  it('reads the stage-wide throttle and each method-level throttle from MethodSettings', async () => {
    const created = await deployStage({
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        {
          ResourcePath: '/~1webhooks~1stripe',
          HttpMethod: 'POST',
          ThrottlingRateLimit: 5,
          ThrottlingBurstLimit: 10,
        },
        { ResourcePath: '/~1a~0b', HttpMethod: 'GET', ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 },
        { ResourcePath: '/~1logged', HttpMethod: 'GET', LoggingLevel: 'ERROR' },
      ],
    });
    expect(created.throttle).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(created.methodThrottles).toEqual({
      'POST /webhooks/stripe': { rateLimit: 5, burstLimit: 10 },
      'GET /a~b': { rateLimit: 1, burstLimit: 1 },
    });
  });

  it('leaves a stage without settings unthrottled', async () => {
    const created = await deployStage({});
    expect(created.throttle).toBeUndefined();
    expect(created.methodThrottles).toEqual({});
  });
});
