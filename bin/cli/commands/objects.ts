/** `hydrant objects ls|get`: browse the pipeline bucket (hydrated objects, rejected webhooks, shop data). */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Command } from 'commander';
import { action, type ContextFactory } from '../context';
import { NotFoundError } from '../errors';
import { table } from '../output';
import { parseCount } from './parse';

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: string;
}

export async function listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  limit: number,
): Promise<ObjectSummary[]> {
  const found: ObjectSummary[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        ContinuationToken: token,
        MaxKeys: Math.min(1000, limit - found.length),
      }),
    );
    for (const o of page.Contents ?? []) {
      found.push({ key: o.Key!, size: o.Size ?? 0, lastModified: o.LastModified?.toISOString() });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && found.length < limit);
  return found;
}

export async function getObjectText(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ body: string; contentType?: string }> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: (await out.Body?.transformToString('utf8')) ?? '', contentType: out.ContentType };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') {
      throw new NotFoundError(
        `No object ${key} in ${bucket}: list keys with \`hydrant objects ls <prefix>\``,
        { cause: error },
      );
    }
    throw error;
  }
}

export function objectsCommand(makeContext: ContextFactory): Command {
  const objects = new Command('objects').description('browse the pipeline bucket');

  objects
    .command('ls')
    .description('list object keys, e.g. hydrated/orders/, rejected/, orders/<id>/timeline/')
    .argument('[prefix]', 'key prefix', '')
    .option('--limit <n>', 'most keys to list', parseCount, 1000)
    .action(
      action(makeContext, async (ctx, prefix: string, opts: { limit: number }) => {
        const endpoints = await ctx.endpoints();
        const { s3 } = await ctx.clients();
        const found = await listObjects(s3, endpoints.bucket, prefix, opts.limit);
        if (found.length === opts.limit)
          ctx.output.note(`showing the first ${opts.limit} keys; raise --limit for more`);
        ctx.output.result({ bucket: endpoints.bucket, prefix, objects: found }, (s) =>
          found.length === 0
            ? s.dim(`no objects under "${prefix}" in ${endpoints.bucket}`)
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
        const endpoints = await ctx.endpoints();
        const { s3 } = await ctx.clients();
        const { body, contentType } = await getObjectText(s3, endpoints.bucket, key);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        ctx.output.result(
          { key, contentType, ...(parsed === undefined ? { text: body } : { json: parsed }) },
          () => (parsed === undefined ? body : JSON.stringify(parsed, null, 2)),
        );
      }),
    );

  return objects;
}
