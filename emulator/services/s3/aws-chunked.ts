/**
 * Decodes `Content-Encoding: aws-chunked` bodies (what the SDK streams by default):
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailer>:<value>\r\n\r\n`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
import { IncompleteBody } from './errors';

export interface DecodedChunks {
  data: Buffer;
  trailers: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, offset);
    if (lineEnd < 0) throw new IncompleteBody('The aws-chunked body ended inside a chunk header.');
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const size = parseInt(header.split(';')[0]!, 16);
    if (!Number.isFinite(size) || size < 0)
      throw new IncompleteBody(`Malformed aws-chunked chunk header "${header}".`);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size > body.length)
      throw new IncompleteBody('The aws-chunked body is shorter than its chunk sizes.');
    parts.push(body.subarray(offset, offset + size));
    offset += size;
    if (body.subarray(offset, offset + 2).equals(CRLF)) offset += 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of body.subarray(offset).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { data: Buffer.concat(parts), trailers };
}
