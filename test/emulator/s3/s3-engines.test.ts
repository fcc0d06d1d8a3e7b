import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { decodeAwsChunked } from '../../../emulator/services/s3/aws-chunked';
import { checksum } from '../../../emulator/services/s3/checksums';
import { listKeys } from '../../../emulator/services/s3/list-objects';
import { startTestEmulator } from '../helpers/emulator';

describe('aws-chunked decoding', () => {
  it('joins chunks, ignores chunk signatures and reads trailers', () => {
    const body = Buffer.from(
      '3;chunk-signature=abc\r\nhel\r\n2\r\nlo\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n',
    );
    expect(decodeAwsChunked(body)).toEqual({
      data: Buffer.from('hello'),
      trailers: { 'x-amz-checksum-crc32': 'NhCmhg==' },
    });
  });

  it('rejects a body shorter than its chunk sizes', () => {
    expect(() => decodeAwsChunked(Buffer.from('a\r\nshort'))).toThrow(
      expect.objectContaining({ code: 'IncompleteBody' }),
    );
  });
});

describe('checksums', () => {
  it.each([
    ['CRC32', 'NhCmhg=='],
    ['CRC32C', 'mnG7TA=='],
    ['SHA1', 'qvTGHdzF6KLavt4PO0gs2a6pQ00='],
    ['SHA256', 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ='],
  ] as const)('%s of "hello"', (algorithm, expected) => {
    expect(checksum(algorithm, Buffer.from('hello'))).toBe(expected);
  });
});

describe('ListObjectsV2 listing', () => {
  const keys = ['a', 'b/1', 'b/2', 'c/x/1', 'c/y', 'd'];
  it.each([
    ['everything', {}, { keys, commonPrefixes: [], isTruncated: false }],
    [
      'delimiter groups',
      { delimiter: '/' },
      { keys: ['a', 'd'], commonPrefixes: ['b/', 'c/'], isTruncated: false },
    ],
    [
      'prefix and delimiter',
      { prefix: 'c/', delimiter: '/' },
      { keys: ['c/y'], commonPrefixes: ['c/x/'], isTruncated: false },
    ],
    [
      'start-after',
      { startAfter: 'b/2' },
      { keys: ['c/x/1', 'c/y', 'd'], commonPrefixes: [], isTruncated: false },
    ],
    [
      'max-keys counts prefixes',
      { delimiter: '/', maxKeys: 2 },
      { keys: ['a'], commonPrefixes: ['b/'], isTruncated: true },
    ],
    ['max-keys 0', { maxKeys: 0 }, { keys: [], commonPrefixes: [], isTruncated: false }],
  ] as const)('%s', (_name, input, expected) => {
    expect(listKeys(keys, input)).toMatchObject(expected);
  });

  it('resumes after a common prefix without repeating it', () => {
    const first = listKeys(keys, { delimiter: '/', maxKeys: 2 });
    const second = listKeys(keys, {
      delimiter: '/',
      maxKeys: 2,
      continuationToken: first.nextContinuationToken,
    });
    expect([...second.commonPrefixes, ...second.keys]).toEqual(['c/', 'd']);
  });
});

describe('S3 virtual-host requests', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  const send = (method: string, host: string, path: string, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: emulator.port, method, path, headers: { host } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('reads the bucket from a <bucket>.localhost Host header', async () => {
    emulator.services.s3.createBucket('vhost-bucket');
    expect((await send('PUT', `vhost-bucket.localhost:${emulator.port}`, '/k.txt', 'virtual')).status).toBe(
      200,
    );
    expect(emulator.services.s3.getObject('vhost-bucket', 'k.txt').body.toString()).toBe('virtual');
    expect((await send('GET', `vhost-bucket.localhost:${emulator.port}`, '/k.txt')).text).toBe('virtual');
  });
});
