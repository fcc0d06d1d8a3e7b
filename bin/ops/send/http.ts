/** Posts a request to a hydrant HTTP endpoint and returns the answer; non-2xx is an error. */
import { HttpStatusError, TargetUnavailableError } from '../../cli/errors';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(30_000),
    });
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
