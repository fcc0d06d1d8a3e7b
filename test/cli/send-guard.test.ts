import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../bin/ops/aws/clients';
import { sendTarget } from '../../bin/cli/commands/send';
import type { CommandContext } from '../../bin/cli/context';
import type { Endpoints } from '../../bin/cli/target/endpoints';

function contextFor(kind: Endpoints['kind']): CommandContext {
  const endpoints = {
    kind,
    description: kind === 'stack' ? 'stack Hydrant (eu-west-1)' : 'the local emulator',
  };
  return {
    endpoints: async () => endpoints as Endpoints,
    clients: async () => ({}) as AwsClients,
  } as unknown as CommandContext;
}

describe('send to a deployed stack', () => {
  it('takes --yes; the local emulator does not ask', async () => {
    await expect(sendTarget(contextFor('stack'), undefined)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('add --yes to confirm'),
    });
    await expect(sendTarget(contextFor('stack'), true)).resolves.toMatchObject({
      endpoints: { kind: 'stack' },
    });
    await expect(sendTarget(contextFor('local'), undefined)).resolves.toMatchObject({
      endpoints: { kind: 'local' },
    });
  });
});
