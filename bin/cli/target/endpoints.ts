/**
 * The CLI's view of a target's endpoints (`Endpoints`, from bin/ops/target), the checks on a field a
 * command needs, and the validation of `<state>/endpoints.json`.
 */
import type { Endpoints } from '../../ops/target/endpoints';

export type { Endpoints };
export { requireEndpoint } from '../../ops/target/endpoints';
import { TargetUnavailableError } from '../../ops/errors';

/**
 * An endpoints.json document: the emulator's generic facts (`awsEndpoint`, `region`, `outputs` as
 * deployed locally, `queues` by SQS name) and hydrant's keys that `npm start` derives from the outputs.
 */
export type EndpointsFile = Omit<Endpoints, 'kind' | 'description'> & {
  readonly outputs?: Readonly<Record<string, string>>;
};

/** Validates an endpoints.json document, listing every problem at once. */
export function parseEndpointsFile(raw: unknown, file: string): EndpointsFile {
  const problems: string[] = [];
  const doc = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const str = (obj: Record<string, unknown> | undefined, key: string, required: boolean, label = key) => {
    const v = obj?.[key];
    if (typeof v === 'string' && v !== '') return v;
    if (required || v !== undefined) problems.push(`${label} must be a non-empty string`);
    return undefined;
  };
  const obj = (key: string) => {
    const v = doc[key];
    if (v === undefined) return undefined;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    problems.push(`${key} must be an object`);
    return undefined;
  };
  const urlMap = (key: string) => {
    const m = obj(key) ?? {};
    for (const [name, url] of Object.entries(m)) {
      if (typeof url !== 'string') problems.push(`${key}.${name} must be a queue URL`);
    }
    return m as Record<string, string>;
  };
  const stringMap = (key: string) => {
    const m = obj(key);
    if (!m) return undefined;
    for (const [name, v] of Object.entries(m)) {
      if (typeof v !== 'string') problems.push(`${key}.${name} must be a string`);
    }
    return m as Record<string, string>;
  };
  const webhooks = obj('webhooks');
  const mockPartner = obj('mockPartner');
  const secrets = obj('secrets');
  const result = {
    awsEndpoint: str(doc, 'awsEndpoint', true),
    region: str(doc, 'region', true) ?? 'us-east-1',
    bus: str(doc, 'bus', true) ?? '',
    bucket: str(doc, 'bucket', true) ?? '',
    webhooks: {
      stripe: str(webhooks, 'stripe', false, 'webhooks.stripe'),
      delivery: str(webhooks, 'delivery', false, 'webhooks.delivery'),
    },
    mockPartner: {
      graphql: str(mockPartner, 'graphql', false, 'mockPartner.graphql'),
      events: str(mockPartner, 'events', false, 'mockPartner.events'),
    },
    secrets: {
      stripe: str(secrets, 'stripe', true, 'secrets.stripe') ?? '',
      delivery: str(secrets, 'delivery', true, 'secrets.delivery') ?? '',
      partner: str(secrets, 'partner', false, 'secrets.partner'),
    },
    queues: urlMap('queues'),
    dlqs: urlMap('dlqs'),
    outputs: stringMap('outputs'),
  };
  if (problems.length > 0) {
    throw new TargetUnavailableError(
      `${file} is not a valid endpoints file:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Restart `npm start` to rewrite it.',
    );
  }
  return result;
}
