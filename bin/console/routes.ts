/** What a page handler gets and gives: the parsed request, and an answer the server writes. */
import type { IncomingMessage } from 'node:http';
import type { OpsTarget } from '../ops/context';
import type { BusFeed } from './bus-feed';
import type { Html, PageContext } from './html';
import type { Jobs } from './jobs';

export interface ConsoleRequest {
  readonly method: string;
  /** The path below the console's base, without a leading `/`, URL-decoded per segment. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  /** The form body of a POST (already CSRF-checked). */
  readonly form: URLSearchParams;
  readonly raw: IncomingMessage;
}

export interface ConsoleServices {
  readonly target: OpsTarget;
  readonly bus?: BusFeed;
  readonly jobs: Jobs;
  /** Environment the Stripe operations read (STRIPE_API_KEY, STRIPE_API_BASE); never sent to a page. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type Answer =
  | {
      readonly kind: 'page';
      readonly status?: number;
      readonly title: string;
      readonly nav: string;
      readonly body: Html;
    }
  | { readonly kind: 'redirect'; readonly to: string }
  | { readonly kind: 'json'; readonly status?: number; readonly value: unknown }
  | {
      readonly kind: 'download';
      readonly name: string;
      readonly contentType: string;
      readonly body: Uint8Array;
    }
  | {
      readonly kind: 'stream';
      readonly start: (write: (event: string, data: unknown) => void) => () => void;
    };

export type Handler = (req: ConsoleRequest, ctx: PageContext, services: ConsoleServices) => Promise<Answer>;

export function page(nav: string, title: string, body: Html, status?: number): Answer {
  return { kind: 'page', nav, title, body, status };
}
