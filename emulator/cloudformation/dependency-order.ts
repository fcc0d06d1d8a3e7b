/** Orders a template's resources so each one is created after everything it refers to. */
import { DeployError } from './errors';
import { referencedLogicalIds } from './intrinsics';
import type { Template } from './template';

/** Logical ids in creation order (Ref, Fn::GetAtt, Fn::Sub and DependsOn edges; stable otherwise). */
export function creationOrder(template: Template): string[] {
  const ids = Object.keys(template.Resources);
  const dependencies = new Map<string, Set<string>>();
  for (const id of ids) {
    const resource = template.Resources[id];
    const refs = referencedLogicalIds(resource.Properties ?? {});
    const dependsOn = resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
    for (const d of dependsOn) refs.add(d);
    dependencies.set(id, new Set([...refs].filter((r) => r !== id && template.Resources[r] !== undefined)));
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new DeployError(`Circular dependency between resources: ${[...path, id].join(' -> ')}`);
    }
    state.set(id, 'visiting');
    for (const dependency of dependencies.get(id) ?? []) visit(dependency, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id, []);
  return order;
}
