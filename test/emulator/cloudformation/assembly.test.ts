import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssembly } from '../../../emulator/cloudformation/cloud-assembly';
import { creationOrder } from '../../../emulator/cloudformation/dependency-order';
import { AssemblyError, DeployError } from '../../../emulator/cloudformation/errors';
import { buildStack } from '../../helpers/synth';

describe('cloud assembly loader', () => {
  it('reads the synthesized hydrant stack and orders its resources by their references', () => {
    const stack = buildStack();
    const assembly = (stack.node.root as unknown as { synth(): { directory: string } }).synth();

    const [loaded] = loadAssembly(assembly.directory);

    expect(loaded.stackName).toBe('Test');
    expect(loaded.assemblyDir).toBe(assembly.directory);
    const types = Object.values(loaded.template.Resources).map((r) => r.Type);
    expect(types).toContain('AWS::Events::EventBus');
    const order = creationOrder(loaded.template);
    expect(order).toHaveLength(Object.keys(loaded.template.Resources).length);
    for (const [id, resource] of Object.entries(loaded.template.Resources)) {
      const refs = JSON.stringify(resource.Properties ?? {}).match(/"Ref":"([A-Za-z0-9]+)"/g) ?? [];
      for (const ref of refs) {
        const target = ref.slice(7, -1);
        if (loaded.template.Resources[target]) expect(order.indexOf(target)).toBeLessThan(order.indexOf(id));
      }
    }
  }, 120_000);

  it('tells the user to synthesize when there is no assembly', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'hydrant-empty-'));
    expect(() => loadAssembly(empty)).toThrow(AssemblyError);
    expect(() => loadAssembly(empty)).toThrow(/cdk synth/);
    writeFileSync(path.join(empty, 'manifest.json'), JSON.stringify({ artifacts: {} }));
    expect(() => loadAssembly(empty)).toThrow(/holds no stack/);
  });

  it('honours DependsOn and reports cycles', () => {
    const order = creationOrder({
      Resources: {
        A: { Type: 'T', DependsOn: 'B' },
        B: { Type: 'T', Properties: { X: { 'Fn::GetAtt': ['C', 'Arn'] } } },
        C: { Type: 'T' },
      },
    });
    expect(order).toEqual(['C', 'B', 'A']);
    expect(() =>
      creationOrder({ Resources: { A: { Type: 'T', DependsOn: ['B'] }, B: { Type: 'T', DependsOn: 'A' } } }),
    ).toThrow(DeployError);
  });
});
