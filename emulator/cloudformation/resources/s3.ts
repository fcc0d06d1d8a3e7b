/** AWS::S3::Bucket through the S3 provider. */
import { generatedName } from '../physical-names';
import { isAwsError, type ResourceHandler } from './resource-handler';

export const bucket: ResourceHandler = async (input) => {
  const p = input.properties;
  const name =
    typeof p.BucketName === 'string'
      ? p.BucketName
      : generatedName(input.stackName, input.logicalId, { maxLength: 63, lowercase: true });
  try {
    input.targets.s3.createBucket(name);
  } catch (error) {
    if (!isAwsError(error, 'BucketAlreadyOwnedByYou')) throw error;
  }
  // PARITY: lifecycle rules, versioning, encryption, logging and policies are accepted, not enforced.
  const region = input.targets.region;
  return {
    ref: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
    },
  };
};
