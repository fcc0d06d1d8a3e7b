/** The request and response shapes the S3 REST handlers pass around, the owner they name, and the XML result helper. */
import type { IncomingMessage } from 'node:http';
import { xmlDocument } from '../../protocol/xml';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The one account's canonical user: owner of every bucket and object, initiator of every upload. */
export const OWNER = { ID: 'local-emulator', DisplayName: 'local-emulator' };

export interface S3Request {
  req: IncomingMessage;
  method: string;
  bucket: string;
  key: string;
  /** The query without query-string auth parameters. */
  query: URLSearchParams;
}

export interface S3Response {
  status?: number;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
}

export function xml(root: string, body: Parameters<typeof xmlDocument>[1]): S3Response {
  return { headers: { 'content-type': 'application/xml' }, body: xmlDocument(root, body, S3_NAMESPACE) };
}
