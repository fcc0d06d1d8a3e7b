/**
 * The one place that maps CloudFormation outputs of the hydrant stack to endpoints, for a deployed
 * stack (`hydrant --stack`) and for the local cloud (whose outputs the emulator lists in
 * `<state>/endpoints.json`). Queues and DLQs are found by suffix, so a construct that adds a queue
 * only adds an output: `<Name>QueueUrl` → queues["<name>"], `<Name>DlqUrl` → dlqs["<name>"] (name
 * in kebab case, e.g. `OrderHydrationDlqUrl` → `order-hydration`).
 */
import { TargetUnavailableError } from '../errors';
import { MissingOutputsError } from './errors';
import { kebab } from './kebab';
import { withReadableNames } from './queue-names';

/** Where a hydrant deployment lives: the same shape for the local cloud and a deployed stack. */
export interface Endpoints {
  /** 'local' or 'stack', and a phrase naming the target for messages. */
  readonly kind: 'local' | 'stack';
  readonly description: string;
  /** Set for the emulator; unset means the real AWS endpoints of `region`. */
  readonly awsEndpoint?: string;
  readonly region: string;
  /** AWS shared-config profile for a deployed stack. */
  readonly profile?: string;
  readonly bus: string;
  readonly bucket: string;
  readonly webhooks: { readonly stripe?: string; readonly delivery?: string };
  readonly mockPartner: { readonly graphql?: string; readonly events?: string };
  readonly secrets: { readonly stripe: string; readonly delivery: string; readonly partner?: string };
  /** Queue name → URL. */
  readonly queues: Readonly<Record<string, string>>;
  /** DLQ name → URL. */
  readonly dlqs: Readonly<Record<string, string>>;
}

/** What the outputs do not say: which target, and how to reach its AWS APIs. */
export type EndpointsTarget = Pick<Endpoints, 'kind' | 'description' | 'awsEndpoint' | 'region' | 'profile'>;

/** Output key → dotted endpoint field. */
export const STACK_OUTPUT_FIELDS = {
  BusName: 'bus',
  BucketName: 'bucket',
  StripeSecretArn: 'secrets.stripe',
  DeliverySecretArn: 'secrets.delivery',
  PartnerSecretArn: 'secrets.partner',
  StripeWebhookUrl: 'webhooks.stripe',
  /** The delivery webhook URL with a literal `{provider}` segment. */
  DeliveryWebhookUrl: 'webhooks.delivery',
  MockPartnerGraphqlUrl: 'mockPartner.graphql',
  MockPartnerEventsUrl: 'mockPartner.events',
} as const;

const REQUIRED: readonly (keyof typeof STACK_OUTPUT_FIELDS)[] = [
  'BusName',
  'BucketName',
  'StripeSecretArn',
  'DeliverySecretArn',
];
const QUEUE_SUFFIX = 'QueueUrl';
const DLQ_SUFFIX = 'DlqUrl';

/**
 * The hydrant endpoints of a target from its stack outputs (output key → value). `otherQueues`
 * (SQS name → URL, the local cloud lists every queue) adds the queues no output names, under
 * readable names; a deployed stack has only the queues its outputs name.
 */
export function endpointsFromOutputs(
  outputs: Readonly<Record<string, string>>,
  target: EndpointsTarget,
  otherQueues: Readonly<Record<string, string>> = {},
): Endpoints {
  const byKey = new Map(Object.entries(outputs).filter(([, v]) => typeof v === 'string' && v !== ''));
  const missing = REQUIRED.filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    throw new MissingOutputsError(
      missing,
      `${target.description} lacks the outputs ${missing.join(', ')}: is it a hydrant stack? ` +
        (target.kind === 'stack' ? 'Deploy it with `npx cdk deploy`.' : 'Restart `npm start`.'),
    );
  }
  const get = (k: keyof typeof STACK_OUTPUT_FIELDS) => byKey.get(k);
  const { queues, dlqs } = queuesFromOutputs(byKey);
  const named = new Set([...Object.values(queues), ...Object.values(dlqs)]);
  const unnamed = Object.fromEntries(Object.entries(otherQueues).filter(([, url]) => !named.has(url)));
  for (const [name, url] of Object.entries(withReadableNames(unnamed))) {
    queues[name in queues || name in dlqs ? `${name}-queue` : name] = url;
  }
  return {
    ...target,
    bus: get('BusName')!,
    bucket: get('BucketName')!,
    webhooks: {
      stripe: get('StripeWebhookUrl'),
      delivery: withProviderPlaceholder(get('DeliveryWebhookUrl')),
    },
    mockPartner: { graphql: get('MockPartnerGraphqlUrl'), events: get('MockPartnerEventsUrl') },
    secrets: {
      stripe: get('StripeSecretArn')!,
      delivery: get('DeliverySecretArn')!,
      partner: get('PartnerSecretArn'),
    },
    queues,
    dlqs,
  };
}

/**
 * Queues and DLQs named by their outputs: `<Name>QueueUrl` → queues["<name>"], `<Name>DlqUrl` →
 * dlqs["<name>"]. The local target uses the same names when the emulator lists the outputs.
 */
export function queuesFromOutputs(byKey: ReadonlyMap<string, string>): {
  queues: Record<string, string>;
  dlqs: Record<string, string>;
} {
  const queues: Record<string, string> = {};
  const dlqs: Record<string, string> = {};
  for (const [key, value] of byKey) {
    if (key.endsWith(DLQ_SUFFIX) && key.length > DLQ_SUFFIX.length) {
      dlqs[kebab(key.slice(0, -DLQ_SUFFIX.length))] = value;
    } else if (key.endsWith(QUEUE_SUFFIX) && key.length > QUEUE_SUFFIX.length) {
      queues[kebab(key.slice(0, -QUEUE_SUFFIX.length))] = value;
    }
  }
  return { queues, dlqs };
}

/** Accepts `…/webhooks/delivery/{provider}` or `…/webhooks/delivery[/]`. */
function withProviderPlaceholder(url: string | undefined): string | undefined {
  if (url === undefined || url.includes('{provider}')) return url;
  return `${url.replace(/\/+$/, '')}/{provider}`;
}

/** The fields a command needs, named for the error message when the target lacks them. */
export function requireEndpoint(endpoints: Endpoints, path: string): string {
  const value = path
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], endpoints);
  if (typeof value !== 'string' || value === '') {
    throw new TargetUnavailableError(
      `${endpoints.description} has no ${path}` +
        (endpoints.kind === 'stack'
          ? ` (expected from a stack output; see the README's "Operating hydrant")`
          : ` in endpoints.json: restart \`npm start\` to rewrite it`),
    );
  }
  return value;
}
