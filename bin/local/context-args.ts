/**
 * `-c key=value` as the CDK CLI takes it: the value is everything after the first `=`, kept as a
 * string (the app's config turns numbers and lists into their types, as under `cdk synth`).
 */
export function parseContext(pairs: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new Error(`--context takes key=value, e.g. -c hydrant:throttleRateLimit=5000 (got "${pair}")`);
    context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return context;
}
