/**
 * `hydrant partner …`: the partner credentials hydrant calls the partner API with, and the mock
 * partner's fault control.
 */
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { Command } from 'commander';
import { action, type ContextFactory } from '../context';
import { UsageError } from '../../ops/errors';
import { readRequiredSecret } from './secret-input';
import { requireEndpoint } from '../target/endpoints';
import { partnerFaultsCommand } from './partner-faults';

const CREDENTIALS_HELP = `
Secrets are read from stdin, or prompted for (not echoed) on a terminal; never from arguments.

Examples:
  hydrant --stack Hydrant partner use-credentials --client-id amzn1.app.1234 \\
    --token-url https://api.example.com/token --installation-id inst-42 < client-secret.txt
  printf %s "$PARTNER_TOKEN" | hydrant partner use-credentials --token --installation-id inst-42

Stored in the partner secret (PartnerSecretArn) as
  {"type":"oauth","tokenUrl","clientId","clientSecret","installationId"} or
  {"type":"static","token","installationId"}; nothing is printed back.`;

interface CredentialOptions {
  readonly clientId?: string;
  readonly tokenUrl?: string;
  readonly scope?: string;
  readonly token?: boolean;
  readonly installationId?: string;
}

export function partnerCommand(makeContext: ContextFactory): Command {
  const partner = new Command('partner').description('partner API credentials and mock partner faults');

  partner
    .command('use-credentials')
    .description('store the partner API credentials (OAuth client or a token) and the installation id')
    .option('--client-id <id>', 'OAuth client id (the client secret is read from stdin)')
    .option('--token-url <url>', 'OAuth token endpoint for the client-credentials grant')
    .option('--scope <scope>', 'OAuth scope to ask for, if the partner needs one')
    .option('--token', 'store a static bearer token (read from stdin) instead of a client')
    .option('--installation-id <id>', 'the merchant installation (X-Omni-InstallationId header)')
    .addHelpText('after', CREDENTIALS_HELP)
    .action(
      action(makeContext, async (ctx, opts: CredentialOptions) => {
        const problems = credentialProblems(opts);
        if (problems.length > 0) throw new UsageError(problems.join('\n'));
        const installation = opts.installationId ? { installationId: opts.installationId } : {};
        const value = opts.token
          ? { type: 'static', token: await readRequiredSecret(ctx.io, 'partner token'), ...installation }
          : {
              type: 'oauth',
              tokenUrl: opts.tokenUrl,
              clientId: opts.clientId,
              clientSecret: await readRequiredSecret(ctx.io, 'client secret'),
              ...(opts.scope ? { scope: opts.scope } : {}),
              ...installation,
            };
        const endpoints = await ctx.endpoints();
        const secretId = requireEndpoint(endpoints, 'secrets.partner');
        await (
          await ctx.clients()
        ).secrets.send(
          new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(value) }),
        );
        const summary = {
          stored: true,
          secret: secretId,
          type: value.type,
          ...(opts.clientId && !opts.token ? { clientId: opts.clientId } : {}),
          ...installation,
        };
        ctx.output.result(
          summary,
          (s) =>
            `${s.green('stored')} ${opts.token ? 'a static token' : `OAuth client ${opts.clientId}`}` +
            (opts.installationId ? ` for installation ${opts.installationId}` : '') +
            s.dim(` in ${secretId}`),
        );
      }),
    );

  partner.addCommand(partnerFaultsCommand(makeContext));
  return partner;
}

function credentialProblems(opts: CredentialOptions): string[] {
  const problems: string[] = [];
  if (opts.token && (opts.clientId || opts.tokenUrl || opts.scope)) {
    problems.push('--token stores a static token: leave out --client-id, --token-url and --scope');
  }
  if (!opts.token) {
    if (!opts.clientId) problems.push('--client-id is required (or --token for a static token)');
    if (!opts.tokenUrl) problems.push('--token-url is required with --client-id');
    else if (!/^https?:\/\/\S+$/.test(opts.tokenUrl))
      problems.push(`--token-url must be an http(s) URL (got "${opts.tokenUrl}")`);
  }
  if (opts.installationId !== undefined && !/^[\w.:-]{1,128}$/.test(opts.installationId)) {
    problems.push('--installation-id must be 1-128 letters, digits, . _ : -');
  }
  return problems;
}
