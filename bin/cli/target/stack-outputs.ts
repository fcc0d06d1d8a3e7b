/**
 * The one place that maps CloudFormation output names of the hydrant stack to endpoints.
 * Queues and DLQs are found by suffix, so a construct that adds a queue only adds an output:
 * `<Name>QueueUrl` → queues["<name>"], `<Name>DlqUrl` → dlqs["<name>"] (name in kebab case,
 * e.g. `OrderHydrationDlqUrl` → `order-hydration`).
 */
import { TargetUnavailableError } from '../errors';
import type { Endpoints } from './endpoints';

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

export interface StackOutput {
  readonly OutputKey?: string;
  readonly OutputValue?: string;
}

export function endpointsFromOutputs(
  stackName: string,
  region: string,
  profile: string | undefined,
  outputs: readonly StackOutput[],
): Endpoints {
  const byKey = new Map(
    outputs.filter((o) => o.OutputKey && o.OutputValue).map((o) => [o.OutputKey!, o.OutputValue!]),
  );
  const missing = REQUIRED.filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    throw new TargetUnavailableError(
      `Stack ${stackName} in ${region} lacks the outputs ${missing.join(', ')}: is it a hydrant stack? ` +
        'Deploy it with `npx cdk deploy`.',
    );
  }
  const get = (k: keyof typeof STACK_OUTPUT_FIELDS) => byKey.get(k);
  const { queues, dlqs } = queuesFromOutputs(byKey);
  return {
    kind: 'stack',
    description: `stack ${stackName} (${region})`,
    region,
    profile,
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

/** `OrderHydration` → `order-hydration`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Accepts `…/webhooks/delivery/{provider}` or `…/webhooks/delivery[/]`. */
function withProviderPlaceholder(url: string | undefined): string | undefined {
  if (url === undefined || url.includes('{provider}')) return url;
  return `${url.replace(/\/+$/, '')}/{provider}`;
}
