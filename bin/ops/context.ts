/**
 * What every operation runs against: the target's endpoints and its AWS clients. The CLI builds it
 * from its global options, the console once at start; operations never print.
 */
import type { AwsClients } from './aws/clients';
import type { Endpoints } from './target/endpoints';

export interface OpsTarget {
  readonly endpoints: Endpoints;
  readonly clients: AwsClients;
}

/** Progress of a long operation: `done` of `total` (when known), and a short status word. */
export type OnProgress = (done: number, total?: number, status?: string) => void;
