/**
 * S3's REST-XML API over the provider: path-style (`/<bucket>/<key>`) and `<bucket>.localhost`
 * virtual-host requests, presigned URLs, XML results, and AWS-shaped `<Error>` bodies (none for
 * HEAD).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, asAwsError } from '../../protocol/errors';
import { serializeXmlError, unescapeXml, xmlElements } from '../../protocol/xml';
import { readBody } from '../../server/body';
import { MalformedXML, NoSuchTagSet, NotImplemented } from './errors';
import { bucketEncryption, bucketVersioning, privateAcl, putAcl, refuseBucketAcl } from './bucket-settings';
import { listBuckets, listObjectVersions, listObjectsV1, listObjectsV2 } from './list-handler';
import { listMultipartUploads } from './multipart-handler';
import { handleObject } from './object-handler';
import type { S3Provider } from './provider';
import { consumeQueryAuth } from './query-auth';
import { decodeUpload } from './request-body';
import { S3_NAMESPACE, xml, type S3Request, type S3Response } from './s3-response';

export type { S3Request, S3Response } from './s3-response';

/** Query parameters of the listings; any other key names a bucket sub-resource (`?location`). */
const LIST_PARAMETERS = new Set([
  'prefix',
  'delimiter',
  'max-keys',
  'marker',
  'encoding-type',
  'list-type',
  'start-after',
  'continuation-token',
  'fetch-owner',
  'x-id',
  'key-marker',
  'version-id-marker',
]);

export function createS3Handler(provider: S3Provider, now: () => number = Date.now) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
    let response: S3Response;
    try {
      response = await route(provider, parseRequest(req, now()));
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

function parseRequest(req: IncomingMessage, now: number): S3Request {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const host = String(req.headers.host ?? '').split(':')[0]!;
  const segments = url.pathname.split('/').slice(1);
  try {
    const bucket = host.endsWith('.localhost')
      ? host.slice(0, -'.localhost'.length)
      : decodeURIComponent(segments.shift() ?? '');
    const key = segments.map(decodeURIComponent).join('/');
    for (const [name, value] of Object.entries(consumeQueryAuth(url.searchParams, now)))
      req.headers[name] ??= value;
    return { req, method: req.method ?? 'GET', bucket, key, query: url.searchParams };
  } catch (error) {
    if (error instanceof URIError)
      throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", {
        fields: { URI: req.url ?? '' },
      });
    throw error;
  }
}

async function route(provider: S3Provider, r: S3Request): Promise<S3Response> {
  if (!r.bucket) {
    if (r.method === 'GET') return listBuckets(provider);
    throw new NotImplemented(`S3 ${r.method} /`);
  }
  if (r.key) return handleObject(provider, r);
  const sub = [...r.query.keys()].find((k) => !LIST_PARAMETERS.has(k)) ?? '';
  switch (`${r.method} ${sub}`) {
    case 'PUT ':
      // PARITY: a CreateBucketConfiguration body (LocationConstraint) is read and ignored.
      await readBody(r.req);
      refuseBucketAcl(r.req.headers);
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
      // us-east-1 answers an empty LocationConstraint.
      return {
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${provider.region === 'us-east-1' ? '' : provider.region}</LocationConstraint>`,
      };
    case 'GET ':
      provider.headBucket(r.bucket);
      return r.query.get('list-type') === '2' ? listObjectsV2(provider, r) : listObjectsV1(provider, r);
    case 'GET versions':
      provider.headBucket(r.bucket);
      return listObjectVersions(provider, r);
    case 'GET versioning':
      provider.headBucket(r.bucket);
      return bucketVersioning();
    case 'GET encryption':
      provider.headBucket(r.bucket);
      return bucketEncryption();
    case 'GET acl':
      provider.headBucket(r.bucket);
      return privateAcl();
    case 'PUT acl':
      provider.headBucket(r.bucket);
      return putAcl(r.req.headers, await readBody(r.req));
    case 'GET uploads':
      provider.headBucket(r.bucket);
      return listMultipartUploads(provider, r);
    // PARITY: bucket tags are not stored: PutBucketTagging and DeleteBucketTagging answer
    // NotImplemented, so every bucket is one without a tag set, which AWS answers with 404.
    case 'GET tagging':
      provider.headBucket(r.bucket);
      throw new NoSuchTagSet(r.bucket);
    case 'POST delete':
      return deleteObjects(provider, r);
    default:
      throw new NotImplemented(`S3 ${r.method} on a bucket with ?${sub}`);
  }
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html (at most 1000 keys). */
async function deleteObjects(provider: S3Provider, r: S3Request): Promise<S3Response> {
  const body = decodeUpload(r.req.headers, await readBody(r.req)).data.toString('utf8');
  provider.headBucket(r.bucket);
  if (!/<Delete[\s>]/.test(body)) throw new MalformedXML('no Delete element');
  const quiet = xmlElements(body, 'Quiet')[0]?.trim() === 'true';
  const keys = xmlElements(body, 'Object').map((o) => {
    const key = xmlElements(o, 'Key')[0];
    if (!key) throw new MalformedXML('every Object in a Delete needs a non-empty Key');
    return unescapeXml(key);
  });
  if (keys.length === 0 || keys.length > 1000)
    throw new MalformedXML(`Delete needs 1 to 1000 Object elements, not ${keys.length}`);
  for (const key of keys) provider.deleteObject(r.bucket, key);
  // Quiet mode reports only errors; deleting a missing key is a success in S3.
  return xml('DeleteResult', { Deleted: quiet ? [] : keys.map((Key) => ({ Key })) });
}
