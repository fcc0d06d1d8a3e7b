/**
 * Posts a request to a hydrant HTTP endpoint and returns the answer; non-2xx is an error. 429 and
 * 5xx answers are retried with backoff first (`retrying-fetch.ts`).
 */
import { HttpStatusError, TargetUnavailableError } from '../errors';
import { fetchWithRetry, type RetryPolicy } from './retrying-fetch';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  retry: RetryPolicy = {},
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetchWithRetry(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
      retry,
    );
  } catch (cause) {
    throw new TargetUnavailableError(`Could not reach ${url}: is \`npm start\` running?`, { cause });
  }
  const text = await response.text();
  if (!response.ok) throw new HttpStatusError(response.status, text, url);
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A non-JSON answer is reported as text.
  }
  return { status: response.status, body: parsed };
}
