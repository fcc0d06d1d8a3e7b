/**
 * Where the emulator pretends to be: region, account and its own endpoint (known once listening).
 */
export interface AwsContext {
  readonly region: string;
  readonly accountId: string;
  /** `http://127.0.0.1:<port>`, set by startEmulator after the edge listens. */
  endpoint: string;
}

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

export function createContext(region = DEFAULT_REGION, endpoint = 'http://127.0.0.1:4566'): AwsContext {
  return { region, accountId: DEFAULT_ACCOUNT_ID, endpoint };
}

export interface ParsedArn {
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2]!, region: parts[3]!, accountId: parts[4]!, resource: parts.slice(5).join(':') };
}
