/**
 * STS GetCallerIdentity over the query protocol, as the AWS CLI sends it (form-encoded, signed for
 * `sts`): the emulator's account as its root user, and any other STS action refused by name in
 * the query protocol's <ErrorResponse>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { startTestEmulator } from '../helpers/emulator';

const SIGNED_FOR_STS =
  'AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00';

describe('STS GetCallerIdentity', () => {
  let emulator: Emulator;
  const sts = (body: string) =>
    fetch(emulator.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: SIGNED_FOR_STS,
      },
      body,
    });

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('answers the account and its root user', async () => {
    const response = await sts('Action=GetCallerIdentity&Version=2011-06-15');
    expect(response.status).toBe(200);
    const xml = await response.text();
    const account = emulator.context.accountId;
    expect(xml).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(xml).toContain(
      `<GetCallerIdentityResult><Arn>arn:aws:iam::${account}:root</Arn><UserId>${account}</UserId><Account>${account}</Account></GetCallerIdentityResult>`,
    );
    expect(xml).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata>/);
  });

  it('refuses any other action by name, in the query protocol error shape', async () => {
    const response = await sts('Action=AssumeRole&Version=2011-06-15&RoleArn=x&RoleSessionName=y');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /<ErrorResponse><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>STS action AssumeRole is not served/,
    );
  });
});
