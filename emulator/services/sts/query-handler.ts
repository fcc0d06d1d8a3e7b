/**
 * STS over the AWS query protocol, for the one call every CLI session and deploy script makes
 * first: GetCallerIdentity (`aws sts get-caller-identity`), answering the emulator's one account
 * as its root user. Any other action is refused by name; credentials are never checked here, so
 * there is nothing to assume or federate.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsContext } from '../../protocol/aws-context';
import { AwsError } from '../../protocol/errors';
import { xmlDocument } from '../../protocol/xml';
import { readBody } from '../../server/body';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Answers a form-encoded STS request; throws an AwsError (written as <ErrorResponse>) otherwise. */
export function createStsQueryHandler(context: AwsContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const action = form.get('Action');
    if (action !== 'GetCallerIdentity')
      throw new AwsError(
        'InvalidAction',
        `STS action ${action ?? '(none)'} is not served by the local emulator; it answers GetCallerIdentity only.`,
      );
    const requestId = randomUUID();
    const body = xmlDocument(
      'GetCallerIdentityResponse',
      {
        GetCallerIdentityResult: {
          Arn: `arn:aws:iam::${context.accountId}:root`,
          UserId: context.accountId,
          Account: context.accountId,
        },
        ResponseMetadata: { RequestId: requestId },
      },
      STS_NAMESPACE,
    );
    res.writeHead(200, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': requestId,
    });
    res.end(body);
  };
}
