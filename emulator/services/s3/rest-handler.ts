/**
 * S3's REST-XML API over the provider: path-style (`/<bucket>/<key>`) and `<bucket>.localhost`
 * virtual-host requests, XML results, and AWS-shaped `<Error>` bodies (none for HEAD).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asAwsError } from '../../protocol/errors';
import { serializeXmlError, unescapeXml, xmlDocument, xmlElements } from '../../protocol/xml';
import { readBody } from '../../server/body';
import { NotImplemented } from './errors';
import { handleObject } from './object-handler';
import type { S3Provider } from './provider';
import { decodeUpload } from './request-body';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export interface S3Request {
  req: IncomingMessage;
  method: string;
  bucket: string;
  key: string;
  query: URLSearchParams;
}

export interface S3Response {
  status?: number;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
}

export function createS3Handler(provider: S3Provider) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
    let response: S3Response;
    try {
      response = await route(provider, parseRequest(req));
    } catch (error) {
      const aws = asAwsError(error);
      if (aws.statusCode >= 500 && aws.code === 'InternalFailure') console.error('[s3]', error);
      response = {
        status: aws.statusCode,
        headers: { 'content-type': 'application/xml' },
        body: req.method === 'HEAD' ? undefined : serializeXmlError(aws, requestId),
      };
      req.resume();
    }
    const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
    const headers: Record<string, string | number> = { 'x-amz-request-id': requestId, ...response.headers };
    if (body && headers['content-length'] === undefined) headers['content-length'] = body.length;
    if (!body && headers['content-length'] === undefined) headers['content-length'] = 0;
    res.writeHead(response.status ?? 200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

function parseRequest(req: IncomingMessage): S3Request {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const host = String(req.headers.host ?? '').split(':')[0]!;
  const segments = url.pathname.split('/').slice(1);
  let bucket: string;
  if (host.endsWith('.localhost')) {
    bucket = host.slice(0, -'.localhost'.length);
  } else {
    bucket = decodeURIComponent(segments.shift() ?? '');
  }
  const key = segments.map(decodeURIComponent).join('/');
  return { req, method: req.method ?? 'GET', bucket, key, query: url.searchParams };
}

async function route(provider: S3Provider, r: S3Request): Promise<S3Response> {
  if (!r.bucket) {
    if (r.method === 'GET') return listBuckets(provider);
    throw new NotImplemented(`S3 ${r.method} /`);
  }
  if (r.key) return handleObject(provider, r);
  const sub = ['location', 'delete', 'list-type'].find((s) => r.query.has(s)) ?? [...r.query.keys()][0];
  switch (`${r.method} ${sub ?? ''}`) {
    case 'PUT ':
      await readBody(r.req);
      provider.createBucket(r.bucket);
      return { headers: { location: `/${r.bucket}` } };
    case 'HEAD ':
      provider.headBucket(r.bucket);
      return { headers: { 'x-amz-bucket-region': provider.region } };
    case 'DELETE ':
      provider.deleteBucket(r.bucket);
      return { status: 204 };
    case 'GET location':
      provider.headBucket(r.bucket);
      return {
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${NS}">${provider.region === 'us-east-1' ? '' : provider.region}</LocationConstraint>`,
      };
    case 'GET list-type':
    case 'GET prefix':
    case 'GET delimiter':
    case 'GET max-keys':
    case 'GET ':
      // PARITY: ListObjects (v1) requests get the V2 listing shape.
      return listObjects(provider, r);
    case 'POST delete':
      return deleteObjects(provider, r);
    default:
      throw new NotImplemented(`S3 ${r.method} on a bucket with ?${sub}`);
  }
}

function xml(root: string, body: Parameters<typeof xmlDocument>[1]): S3Response {
  return { headers: { 'content-type': 'application/xml' }, body: xmlDocument(root, body, NS) };
}

function listBuckets(provider: S3Provider): S3Response {
  return xml('ListAllMyBucketsResult', {
    Owner: { ID: 'local-emulator', DisplayName: 'local-emulator' },
    Buckets: {
      Bucket: provider
        .listBuckets()
        .map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt).toISOString() })),
    },
  });
}

function listObjects(provider: S3Provider, r: S3Request): S3Response {
  const q = r.query;
  const maxKeys = q.has('max-keys') ? Number(q.get('max-keys')) : 1000;
  const out = provider.listObjects(r.bucket, {
    prefix: q.get('prefix') ?? undefined,
    delimiter: q.get('delimiter') ?? undefined,
    startAfter: q.get('start-after') ?? undefined,
    continuationToken: q.get('continuation-token') ?? undefined,
    maxKeys,
  });
  const encode = q.get('encoding-type') === 'url' ? encodeURIComponent : (s: string) => s;
  return xml('ListBucketResult', {
    Name: r.bucket,
    Prefix: encode(q.get('prefix') ?? ''),
    Delimiter: q.has('delimiter') ? encode(q.get('delimiter')!) : undefined,
    MaxKeys: maxKeys,
    EncodingType: q.get('encoding-type') ?? undefined,
    KeyCount: out.keys.length + out.commonPrefixes.length,
    IsTruncated: out.isTruncated,
    ContinuationToken: q.get('continuation-token') ?? undefined,
    NextContinuationToken: out.nextContinuationToken,
    StartAfter: q.has('start-after') ? encode(q.get('start-after')!) : undefined,
    Contents: out.objects.map((o) => ({
      Key: encode(o.key),
      LastModified: new Date(o.lastModified).toISOString(),
      ETag: o.etag,
      ...(o.checksum ? { ChecksumAlgorithm: o.checksum.algorithm } : {}),
      Size: o.body.length,
      StorageClass: 'STANDARD',
    })),
    CommonPrefixes: out.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  });
}

async function deleteObjects(provider: S3Provider, r: S3Request): Promise<S3Response> {
  const body = decodeUpload(r.req.headers, await readBody(r.req)).data.toString('utf8');
  provider.headBucket(r.bucket);
  const quiet = xmlElements(body, 'Quiet')[0] === 'true';
  const keys = xmlElements(body, 'Object').map((o) => unescapeXml(xmlElements(o, 'Key')[0] ?? ''));
  for (const key of keys) provider.deleteObject(r.bucket, key);
  return xml('DeleteResult', { Deleted: quiet ? [] : keys.map((Key) => ({ Key })) });
}
