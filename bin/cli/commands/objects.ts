/** `hydrant objects ls|get`: browse the pipeline bucket (hydrated objects, rejected webhooks, shop data). */
import { Command } from 'commander';
import { getObjectText, listObjects } from '../../ops/objects/objects';
import { action, type ContextFactory } from '../context';
import { table } from '../output';
import { parseCount } from './parse';

export function objectsCommand(makeContext: ContextFactory): Command {
  const objects = new Command('objects').description('browse the pipeline bucket');

  objects
    .command('ls')
    .description('list object keys, e.g. hydrated/orders/, rejected/, orders/<id>/timeline/')
    .argument('[prefix]', 'key prefix', '')
    .option('--limit <n>', 'most keys to list', parseCount, 1000)
    .action(
      action(makeContext, async (ctx, prefix: string, opts: { limit: number }) => {
        const target = await ctx.target();
        const found = await listObjects(target, prefix, opts.limit);
        if (found.length === opts.limit)
          ctx.output.note(`showing the first ${opts.limit} keys; raise --limit for more`);
        const { bucket } = target.endpoints;
        ctx.output.result({ bucket, prefix, objects: found }, (s) =>
          found.length === 0
            ? s.dim(`no objects under "${prefix}" in ${bucket}`)
            : table(
                ['KEY', 'SIZE', 'LAST MODIFIED'],
                found.map((o) => [o.key, String(o.size), o.lastModified ?? '']),
                s,
              ),
        );
      }),
    );

  objects
    .command('get')
    .description('print an object; JSON is pretty-printed')
    .argument('<key>', 'object key')
    .action(
      action(makeContext, async (ctx, key: string) => {
        const { text, json, contentType } = await getObjectText(await ctx.target(), key);
        ctx.output.result({ key, contentType, ...(json === undefined ? { text } : { json }) }, () =>
          json === undefined ? text : JSON.stringify(json, null, 2),
        );
      }),
    );

  return objects;
}
