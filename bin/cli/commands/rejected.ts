/** `hydrant rejected`: webhooks the verifier quarantined under `rejected/`, newest first, with why. */
import { Command } from 'commander';
import { listRejected } from '../../ops/rejected/rejected';
import { action, type ContextFactory } from '../context';
import { table } from '../output';
import { parseCount } from './parse';

export function rejectedCommand(makeContext: ContextFactory): Command {
  return new Command('rejected')
    .description('quarantined webhooks (rejected/), newest first, with the reason the verifier gave')
    .option('--provider <name>', 'only this provider, e.g. stripe or acme-post')
    .option('--order <id>', 'only those whose envelope mentions this order id')
    .option('--limit <n>', 'most records to show', parseCount, 20)
    .action(
      action(makeContext, async (ctx, opts: { provider?: string; order?: string; limit: number }) => {
        const records = await listRejected(await ctx.target(), {
          provider: opts.provider,
          limit: opts.limit,
          mentioning: opts.order,
        });
        ctx.output.result({ rejected: records }, (s) =>
          records.length === 0
            ? s.green('no rejected webhooks')
            : table(
                ['REJECTED AT', 'PROVIDER', 'REASON', 'KEY'],
                records.map((r) => [
                  r.rejectedAt ?? '?',
                  r.provider,
                  `${s.red(r.reason)} ${s.dim(r.message)}`,
                  r.key,
                ]),
                s,
              ),
        );
      }),
    );
}
