/**
 * Reads a whole request body, up to the limit the edge set for the request's protocol: a larger
 * body fails with `RequestTooLarge` (the edge answers 413 and closes the connection) as soon as it
 * passes the limit, without reading the rest.
 */
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../protocol/errors';

const limits = new WeakMap<IncomingMessage, number>();

export class RequestTooLarge extends AwsError {
  constructor(limit: number, code = 'RequestEntityTooLarge', statusCode = 413) {
    super(code, `The request body exceeds the ${limit}-byte limit of this API.`, { statusCode });
  }
}

/** The edge sets the limit of a request's protocol before a handler reads it. */
export function setBodyLimit(req: IncomingMessage, bytes: number): void {
  limits.set(req, bytes);
}

export function bodyLimit(req: IncomingMessage): number {
  return limits.get(req) ?? Number.POSITIVE_INFINITY;
}

export async function readBody(req: IncomingMessage, limit = bodyLimit(req)): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
