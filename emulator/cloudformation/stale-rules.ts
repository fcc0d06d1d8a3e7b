/**
 * Rules a previous deployment of the stack created and the current template no longer has. Rules
 * persist with the emulator's state, so without this a renamed or removed rule would keep
 * delivering after a restart. Only rules named like the deployer names them (`<stack>-…`) are
 * touched; rules created by people or tools stay.
 */
import type { DeployedStack } from './deployer';
import type { Dispatcher } from '../protocol/json-provider';
import type { EventsOperations } from '../services/events/operations';

export async function pruneStaleRules(
  stack: DeployedStack,
  events: Dispatcher<EventsOperations>,
): Promise<string[]> {
  const current = new Map<string, Set<string>>();
  for (const r of stack.resources.values()) {
    if (r.type !== 'AWS::Events::Rule') continue;
    const [bus, name] = r.ref.includes('|') ? r.ref.split('|') : ['default', r.ref];
    current.set(bus, (current.get(bus) ?? new Set()).add(name));
  }
  const buses = [...stack.resources.values()]
    .filter((r) => r.type === 'AWS::Events::EventBus')
    .map((r) => r.ref);
  const pruned: string[] = [];
  for (const bus of new Set([...buses, ...current.keys()])) {
    const rules: { Name: string }[] = [];
    let NextToken: string | undefined;
    do {
      // ListRules pages 100 rules at most, as on AWS.
      const page = (await events.dispatch('ListRules', {
        EventBusName: bus,
        NamePrefix: `${stack.stackName}-`,
        NextToken,
      })) as { Rules?: { Name: string }[]; NextToken?: string };
      rules.push(...(page.Rules ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    for (const { Name } of rules) {
      if (current.get(bus)?.has(Name)) continue;
      const { Targets = [] } = (await events.dispatch('ListTargetsByRule', {
        Rule: Name,
        EventBusName: bus,
      })) as {
        Targets?: { Id: string }[];
      };
      if (Targets.length > 0) {
        await events.dispatch('RemoveTargets', {
          Rule: Name,
          EventBusName: bus,
          Ids: Targets.map((t) => t.Id),
        });
      }
      await events.dispatch('DeleteRule', { Name, EventBusName: bus });
      pruned.push(`${bus}/${Name}`);
    }
  }
  return pruned;
}
