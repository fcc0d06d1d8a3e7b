/** Malformed-request generators for the edge fuzz test, driven by a seeded PRNG. */

export type Random = () => number;

/** mulberry32: a small, fast, seedable PRNG (same sequence for the same seed). */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, max: number) => Math.floor(random() * max);

const JUNK = [
  '',
  '{',
  '}',
  'null',
  '[]',
  '"x"',
  '1e999999',
  '-0',
  '{"a":}',
  '\u0000',
  '\ud800',
  '%',
  '%zz',
  '%E0%A4%A',
  '../../etc/passwd',
  '<?xml version="1.0"?><Delete><Object><Key>a</Key></Object></Delete>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><x>&a;&a;</x>',
  'a'.repeat(70_000),
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
];

function junkValue(random: Random): unknown {
  switch (int(random, 9)) {
    case 0:
      return pick(random, JUNK);
    case 1:
      return random() * 1e20 - 5e19;
    case 2:
      return null;
    case 3:
      return random() < 0.5;
    case 4:
      return [junkValue(random), junkValue(random)];
    case 5:
      return { [pick(random, ['a', 'Name', 'QueueUrl', '__proto__', 'constructor'])]: junkValue(random) };
    case 6:
      return String.fromCharCode(...Array.from({ length: int(random, 40) }, () => int(random, 0xffff)));
    case 7:
      return pick(random, [
        'arn:aws:sqs:us-east-1:000000000000:fuzz',
        'http://127.0.0.1/000000000000/fuzz',
        'fuzz',
      ]);
    default:
      return int(random, 1000) - 10;
  }
}

/** Valid request bodies per target, to be mutated. */
const JSON_TEMPLATES: Record<string, Record<string, unknown>> = {
  'AWSEvents.PutEvents': { Entries: [{ Source: 'fuzz', DetailType: 't', Detail: '{"n":1}' }] },
  'AWSEvents.PutRule': { Name: 'r', EventPattern: '{"source":["x"]}' },
  'AWSEvents.PutTargets': {
    Rule: 'all',
    Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:000000000000:fuzz' }],
  },
  'AWSEvents.TestEventPattern': { EventPattern: '{"source":["x"]}', Event: '{"source":"x"}' },
  'AWSEvents.CreateArchive': {
    ArchiveName: 'a',
    EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
  },
  'AWSEvents.DescribeArchive': { ArchiveName: 'fuzz' },
  'AWSEvents.ListRules': { Limit: 5 },
  'AWSEvents.ListRuleNamesByTarget': { TargetArn: 'arn:aws:sqs:us-east-1:000000000000:fuzz', Limit: 1 },
  'AWSEvents.ListReplays': { NamePrefix: 'r', State: 'COMPLETED' },
  'AWSEvents.ListArchives': { NamePrefix: 'f', State: 'ENABLED' },
  'secretsmanager.CreateSecret': { Name: 's', SecretString: 'v' },
  'secretsmanager.PutSecretValue': { SecretId: 's', SecretString: 'v2' },
  'secretsmanager.GetSecretValue': { SecretId: 's' },
  'secretsmanager.ListSecrets': {},
  'secretsmanager.GetRandomPassword': { PasswordLength: 12, ExcludeCharacters: 'abc' },
  'secretsmanager.TagResource': { SecretId: 's', Tags: [{ Key: 'k', Value: 'v' }] },
  'secretsmanager.UntagResource': { SecretId: 's', TagKeys: ['k'] },
  'secretsmanager.BatchGetSecretValue': { SecretIdList: ['s'] },
  'AmazonSQS.SendMessage': { QueueUrl: 'http://127.0.0.1/000000000000/fuzz', MessageBody: 'm' },
  'AmazonSQS.SendMessageBatch': {
    QueueUrl: 'http://127.0.0.1/000000000000/fuzz',
    Entries: [
      { Id: '1', MessageBody: 'm', MessageAttributes: { a: { DataType: 'String', StringValue: 'x' } } },
    ],
  },
  'AmazonSQS.ReceiveMessage': { QueueUrl: 'http://127.0.0.1/000000000000/fuzz', MaxNumberOfMessages: 1 },
  'AmazonSQS.DeleteMessage': { QueueUrl: 'http://127.0.0.1/000000000000/fuzz', ReceiptHandle: 'x' },
  'AmazonSQS.CreateQueue': { QueueName: 'q' },
  'AmazonSQS.PurgeQueue': { QueueUrl: 'http://127.0.0.1/000000000000/fuzz' },
  'AmazonSQS.SetQueueAttributes': {
    QueueUrl: 'http://127.0.0.1/000000000000/fuzz',
    Attributes: {
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:q","maxReceiveCount":3}',
    },
  },
  'AmazonSQS.GetQueueAttributes': { QueueUrl: 'http://127.0.0.1/000000000000/fuzz', AttributeNames: ['All'] },
};

function mutate(random: Random, value: unknown, depth = 0): unknown {
  if (random() < 0.15 || depth > 4) return junkValue(random);
  if (Array.isArray(value)) return value.map((v) => mutate(random, v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (random() > 0.1) out[k] = mutate(random, v, depth + 1);
    if (random() < 0.1) out[pick(random, ['Extra', 'WaitTimeSeconds', 'Attributes'])] = junkValue(random);
    // Long polls would only slow the run down.
    if ('WaitTimeSeconds' in out) out.WaitTimeSeconds = 0;
    return out;
  }
  return value;
}

function mangleText(random: Random, text: string): string {
  switch (int(random, 5)) {
    case 0:
      return text.slice(0, int(random, text.length + 1));
    case 1: {
      const at = int(random, text.length + 1);
      return text.slice(0, at) + pick(random, JUNK) + text.slice(at);
    }
    case 2:
      return text.replace(/"/g, () => (random() < 0.2 ? "'" : '"'));
    default:
      return text;
  }
}

function jsonRequest(random: Random): FuzzRequest {
  const target =
    random() < 0.05
      ? pick(random, ['AmazonSQS.', 'Nope.Op', '.', 'AWSEvents.Unknown'])
      : pick(random, Object.keys(JSON_TEMPLATES));
  const template = JSON_TEMPLATES[target] ?? {};
  const version = target.startsWith('AmazonSQS') ? '1.0' : '1.1';
  return {
    method: random() < 0.9 ? 'POST' : pick(random, ['GET', 'PUT', 'DELETE']),
    path: random() < 0.9 ? '/' : `/${pick(random, JUNK).slice(0, 50)}`,
    headers: {
      'x-amz-target': target,
      'content-type':
        random() < 0.9
          ? `application/x-amz-json-${version}`
          : pick(random, ['text/plain', '', 'application/json']),
    },
    body: mangleText(random, JSON.stringify(mutate(random, template))),
  };
}

const S3_QUERIES = [
  '',
  '?uploads',
  '?delete',
  '?list-type=2&max-keys=abc',
  '?location',
  '?partNumber=0&uploadId=x',
  '?acl',
  '?tagging',
  '?versionId=%zz',
  '?versions&key-marker=%zz&version-id-marker=x',
  '?versions&max-keys=-1&encoding-type=nope',
  '?versioning',
  '?encryption',
  '?prefix=%FF&delimiter=/&encoding-type=url',
];

function s3Request(random: Random): FuzzRequest {
  const bucket = pick(random, ['fuzz-bucket', 'Bad_Bucket', '', 'a', 'x'.repeat(70), '%E0%A4%A']);
  const key = Array.from({ length: int(random, 4) }, () =>
    pick(random, ['k', 'a b', '%2F', '%', '..', '%zz', 'ü', '']),
  ).join('/');
  const headers: Record<string, string> = {};
  if (random() < 0.3) headers['content-md5'] = pick(random, ['junk', '1B2M2Y8AsgTpgAmY7PhCfg==', '']);
  if (random() < 0.3)
    headers['x-amz-content-sha256'] = pick(random, [
      'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'UNSIGNED-PAYLOAD',
      'zz',
    ]);
  if (random() < 0.2) headers['content-encoding'] = pick(random, ['aws-chunked', 'gzip, aws-chunked', 'x']);
  if (random() < 0.2) headers['x-amz-checksum-crc32'] = pick(random, ['AAAAAA==', 'junk']);
  if (random() < 0.2) headers['x-amz-decoded-content-length'] = pick(random, ['5', '-1', 'x']);
  if (random() < 0.2)
    headers.range = pick(random, ['bytes=0-0', 'bytes=5-1', 'bytes=-', 'lines=1-2', 'bytes=99999999-']);
  if (random() < 0.1) headers['x-amz-copy-source'] = pick(random, ['/fuzz-bucket/k', '%zz', '/', 'nope']);
  if (random() < 0.1) headers['x-amz-meta-m'] = pick(random, JUNK).slice(0, 100);
  if (random() < 0.1)
    headers['x-amz-tagging'] = pick(random, [
      'a=b',
      '=v',
      'a=1&a=2',
      '%zz=1',
      'k'.repeat(200),
      ...JUNK,
    ]).slice(0, 300);
  if (random() < 0.1) headers['x-amz-tagging-directive'] = pick(random, ['COPY', 'REPLACE', 'x']);
  if (random() < 0.1) headers['x-amz-acl'] = pick(random, ['private', 'public-read', '']);
  if (random() < 0.05) headers['x-amz-grant-read'] = 'id=x';
  const body =
    random() < 0.5
      ? undefined
      : pick(random, [
          'a',
          '0\r\n\r\n',
          '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:zz\r\n\r\n',
          'zz\r\n',
          ...JUNK,
        ]);
  return {
    method: pick(random, ['GET', 'PUT', 'PUT', 'POST', 'DELETE', 'HEAD']),
    path: `/${bucket}${key ? `/${key}` : ''}${pick(random, S3_QUERIES)}`,
    headers,
    body,
  };
}

function apiRequest(random: Random, apiPath: string): FuzzRequest {
  const path =
    random() < 0.6
      ? `${apiPath}/hook`
      : `${apiPath}/hook/${pick(random, ['a', '%zz', 'a/b/c', '%E0%A4%A', '..'])}`;
  return {
    method: pick(random, ['POST', 'POST', 'GET', 'PUT', 'OPTIONS']),
    path: random() < 0.1 ? `/restapis/${pick(random, ['nope', '%zz', ''])}/local/_user_request_/` : path,
    headers: {
      'content-type': pick(random, ['application/json', 'text/plain', 'application/json; charset=latin1']),
    },
    body: mangleText(random, JSON.stringify(mutate(random, { id: 'evt_1', data: { n: 1 } }))),
  };
}

function edgeRequest(random: Random): FuzzRequest {
  const base = random() < 0.5 ? jsonRequest(random) : s3Request(random);
  const headers = { ...base.headers };
  switch (int(random, 4)) {
    case 0:
      headers.host = pick(random, ['rebind.attacker.example', 'localhost:1', '[::1', ':::', '127.0.0.1:abc']);
      break;
    case 1:
      headers.origin = pick(random, ['null', 'https://evil.example', 'http://127.0.0.1']);
      break;
    case 2:
      headers['sec-fetch-site'] = 'cross-site';
      break;
    default:
      headers['transfer-encoding'] = 'chunked';
  }
  return { ...base, headers };
}

export function fuzzRequest(random: Random, apiPath: string): FuzzRequest {
  const kind = random();
  const request =
    kind < 0.35
      ? jsonRequest(random)
      : kind < 0.7
        ? s3Request(random)
        : kind < 0.9
          ? apiRequest(random, apiPath)
          : edgeRequest(random);
  // What an HTTP client can send: header values in printable ASCII, and on the request line
  // spaces and non-ASCII escaped (a stray % is kept).
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k, v.replace(/[^\x20-\x7e]/g, '?')]),
  );
  return {
    ...request,
    headers,
    path: request.path.replace(/[^\x21-\x7e]/g, (c) =>
      [...Buffer.from(c)].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''),
    ),
  };
}
