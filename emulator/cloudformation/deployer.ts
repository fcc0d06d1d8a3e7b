/**
 * Deploys a synthesized stack locally: resources in dependency order, each property resolved
 * (intrinsics, pseudo parameters, conditions) and created through the services' own APIs. Types the
 * emulator does not create are announced: no-ops with their reason, the rest as not emulated.
 * References to them still resolve to placeholder ids, so the rest of the stack deploys.
 */
import { ApiGatewayService } from '../services/apigateway/apigateway-service';
import type { AssemblyStack } from './cloud-assembly';
import { creationOrder } from './dependency-order';
import { IntrinsicError, ResourceCreationError } from './errors';
import { IntrinsicResolver } from './intrinsics';
import { HANDLERS, NOT_EMULATED_NOTES, NO_OPS } from './resources/registry';
import type { CreatedResource, DeployTargets, ResourceHandler } from './resources/resource-handler';

export interface DeployedResource extends CreatedResource {
  readonly logicalId: string;
  readonly type: string;
  /** The resolved properties it was created with. */
  readonly properties: Record<string, unknown>;
  /** The CDK construct path, when the template carries it. */
  readonly path?: string;
}

export interface SkippedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

export interface DeployedStack {
  readonly stackName: string;
  readonly resources: ReadonlyMap<string, DeployedResource>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, string>>;
  /** Accepted as announced no-ops. */
  readonly noOps: readonly SkippedResource[];
  /** Not emulated at all. */
  readonly notEmulated: readonly SkippedResource[];
}

export interface DeployOptions {
  /** Exports of stacks deployed before, for Fn::ImportValue. */
  readonly imports?: Readonly<Record<string, string>>;
  /** Values for template parameters without defaults (or to override them). */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** `https://<id>.execute-api.<region>.amazonaws.com/<stage>/<path>` → the same stage on the local edge. */
export function localizeApiUrls(value: string, endpoint: string): string {
  return value.replace(
    /https:\/\/([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/([^/\s"]+)(\/[^\s"]*)?/g,
    (_, apiId: string, stageName: string, rest: string | undefined) =>
      ApiGatewayService.stageUrl(endpoint, apiId, stageName, rest ?? '/'),
  );
}

export async function deployStack(
  stack: AssemblyStack,
  targets: DeployTargets,
  options: DeployOptions = {},
): Promise<DeployedStack> {
  const { template, stackName } = stack;
  const created = new Map<string, DeployedResource>();
  const noOps: SkippedResource[] = [];
  const notEmulated: SkippedResource[] = [];
  const createdResource = (logicalId: string) => {
    const resource = created.get(logicalId);
    if (!resource)
      throw new IntrinsicError(`${logicalId} is referenced before it exists (or its Condition is false)`);
    return resource;
  };
  const resolver = new IntrinsicResolver(
    template,
    { accountId: targets.accountId, region: targets.region, stackName },
    {
      ref: (id) => createdResource(id).ref,
      getAtt: (id, attribute) => {
        const resource = createdResource(id);
        const value = resource.attributes?.[attribute];
        if (value === undefined) {
          const known = Object.keys(resource.attributes ?? {}).join(', ') || 'none';
          throw new IntrinsicError(
            `${id} (${resource.type}) has no attribute ${attribute} locally (has: ${known})`,
          );
        }
        return value;
      },
      importValue: (name) => {
        const value = options.imports?.[name];
        if (value === undefined) throw new IntrinsicError(`Fn::ImportValue: no stack exports "${name}"`);
        return value;
      },
    },
    { BootstrapVersion: '20', ...options.parameters },
  );
  const localizeUrls = (value: string) => localizeApiUrls(value, targets.endpoint);

  for (const logicalId of creationOrder(template)) {
    const definition = template.Resources[logicalId];
    if (definition.Condition && !resolver.condition(definition.Condition)) continue;
    const type = definition.Type;
    const metadata = definition.Metadata ?? {};
    const path = typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined;
    const handler: ResourceHandler | undefined = HANDLERS[type];
    let properties: Record<string, unknown> = {};
    try {
      properties = (resolver.resolve(definition.Properties ?? {}) ?? {}) as Record<string, unknown>;
    } catch (cause) {
      if (handler) throw new ResourceCreationError(logicalId, type, { cause });
    }
    if (!handler) {
      const reason = NO_OPS[type];
      (reason ? noOps : notEmulated).push({
        logicalId,
        type,
        reason: reason ?? NOT_EMULATED_NOTES[type] ?? '',
      });
      created.set(logicalId, { logicalId, type, properties, path, ...placeholder(logicalId, type, targets) });
      continue;
    }
    try {
      const result = await handler({
        logicalId,
        type,
        stackName,
        properties,
        metadata,
        assemblyDir: stack.assemblyDir,
        assets: stack.assets,
        targets,
        localizeUrls,
      });
      created.set(logicalId, { logicalId, type, properties, path, ...result });
    } catch (cause) {
      throw new ResourceCreationError(logicalId, type, { cause });
    }
  }

  const outputs: Record<string, string> = {};
  const exports: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !resolver.condition(output.Condition)) continue;
    const value = resolver.resolve(output.Value);
    outputs[name] = localizeUrls(typeof value === 'string' ? value : JSON.stringify(value));
    if (output.Export) exports[String(resolver.resolve(output.Export.Name))] = outputs[name];
  }
  return { stackName, resources: created, outputs, exports, noOps, notEmulated };
}

/** Ids for resources that exist only on paper, so references to them still resolve. */
function placeholder(logicalId: string, type: string, targets: DeployTargets): CreatedResource {
  const service = type.split('::')[1]?.toLowerCase() ?? 'local';
  const id = `${logicalId}-local`;
  const resourceArn = `arn:aws:${service}:${targets.region}:${targets.accountId}:${id}`;
  return {
    ref: id,
    attributes: new Proxy({ Arn: resourceArn } as Record<string, unknown>, {
      // Any attribute of a paper resource resolves, so templates referring to it still deploy.
      get: (target, key) => (typeof key === 'string' ? (target[key] ?? `${id}.${key}`) : undefined),
    }),
  };
}

/** The startup report of what was not created, one line per type with its count and reason. */
export function describeSkipped(stack: DeployedStack): string[] {
  const lines: string[] = [];
  const group = (items: readonly SkippedResource[]) => {
    const byType = new Map<string, { count: number; reason: string }>();
    for (const item of items) {
      const entry = byType.get(item.type) ?? { count: 0, reason: item.reason };
      entry.count++;
      byType.set(item.type, entry);
    }
    return [...byType.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  for (const [type, { count, reason }] of group(stack.noOps))
    lines.push(`  no-op  ${type} ×${count}: ${reason}`);
  for (const [type, { count, reason }] of group(stack.notEmulated)) {
    const note = reason || 'created on paper only; references to it resolve to placeholders';
    lines.push(`  NOT EMULATED  ${type} ×${count}: ${note}`);
  }
  return lines;
}
