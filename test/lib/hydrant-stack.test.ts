import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildStack, nagFindings, synthTemplate } from '../helpers/synth';

describe('hydrant stack foundations', () => {
  it('creates the bus with the configured name and an archive of all its events', () => {
    const template = synthTemplate({ config: { busName: 'my-bus', archiveRetentionDays: 7 } });
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'my-bus' });
    template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 7,
      EventPattern: { account: ['123456789012'] },
    });
  });

  it('locks the pipeline bucket down and expires rejected webhooks', () => {
    const template = synthTemplate();
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'pipeline/' }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'rejected/', ExpirationInDays: 30, Status: 'Enabled' }),
        ]),
      },
    });
  });

  it('keeps signing secrets as JSON lists so several can be active during rotation', () => {
    const template = synthTemplate({ config: { deliveryProviders: ['acme-post'] } });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: JSON.stringify({ signingSecrets: [] }),
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: JSON.stringify({ 'acme-post': [] }),
    });
  });

  it('rejects a bad configuration listing every problem at once', () => {
    expect(() =>
      buildStack({ config: { busName: 'default', deliveryProviders: ['Bad Name'], hydrationBatchSize: 0 } }),
    ).toThrow(/busName[\s\S]*hydrationBatchSize[\s\S]*Bad Name/);
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    expect(nagFindings(buildStack())).toEqual([]);
  });
});
