/** Secrets Manager errors, named after the AWS error codes. */
import { AwsError } from '../../protocol/errors';

export {
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
