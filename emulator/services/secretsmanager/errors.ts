/** Secrets Manager errors, named after the AWS error codes. */
import { AwsError } from '../../protocol/errors';

export {
  AwsError,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
} from '../../protocol/errors';

export class ResourceExistsException extends AwsError {
  constructor(name: string) {
    super(
      'ResourceExistsException',
      `The operation failed because the secret ${name} already exists; use PutSecretValue to add a version.`,
    );
  }
}

export class InvalidNextTokenException extends AwsError {
  constructor() {
    super(
      'InvalidNextTokenException',
      'The NextToken value is invalid; pass the NextToken the previous page returned, or none for the first page.',
    );
  }
}
