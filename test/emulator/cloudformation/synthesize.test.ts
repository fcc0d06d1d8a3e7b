import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAssembly } from '../../../emulator/cloudformation/cloud-assembly';
import { AssemblyError } from '../../../emulator/cloudformation/errors';
import { synthesize } from '../../../emulator/cloudformation/synthesize';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A tiny CDK-shaped project (inside node_modules/.cache so `tsx` resolves) whose app writes a manifest. */
function fakeProject(appSource: string): string {
  const cache = path.join(REPO, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(path.join(cache, 'hydrant-synth-test-'));
  mkdirSync(path.join(root, 'bin'));
  writeFileSync(
    path.join(root, 'cdk.json'),
    JSON.stringify({
      app: 'npx tsx bin/app.ts',
      watch: { include: ['bin/**'] },
      context: { 'demo:greeting': 'hej' },
    }),
  );
  writeFileSync(path.join(root, 'bin', 'app.ts'), appSource);
  return root;
}

const WRITES_A_STACK = `
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const out = process.env.CDK_OUTDIR as string;
const context = JSON.parse(process.env.CDK_CONTEXT_JSON ?? '{}');
appendFileSync(path.join(out, '..', 'runs.log'), 'run\\n');
writeFileSync(path.join(out, 'S.template.json'), JSON.stringify({ Resources: { Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: context['demo:greeting'], Extra: context.extra } } } }));
writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
`;

describe('synthesize', () => {
  it('runs the app with cdk.json context into the out folder, then reuses it while the sources are unchanged', async () => {
    const root = fakeProject(WRITES_A_STACK);
    const outdir = path.join(root, 'out', 'cdk.out');

    const first = await synthesize({ projectRoot: root, outdir, context: { extra: 1 } });
    const second = await synthesize({ projectRoot: root, outdir, context: { extra: 1 } });
    utimesSync(path.join(root, 'bin', 'app.ts'), new Date(), new Date(Date.now() + 5000));
    const third = await synthesize({ projectRoot: root, outdir, context: { extra: 1 } });
    const fourth = await synthesize({ projectRoot: root, outdir, context: { extra: 2 } });

    expect([first.synthesized, second.synthesized, third.synthesized, fourth.synthesized]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(
      readFileSync(path.join(root, 'out', 'runs.log'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(3);
    const [stack] = loadAssembly(outdir);
    expect(stack.template.Resources.Bus.Properties).toEqual({ Name: 'hej', Extra: 2 });
  }, 60_000);

  it("reports the app's error without the bundling noise", async () => {
    const root = fakeProject(
      `console.log('Bundling asset X...');\nthrow new Error('stack is broken: fix lib/x.ts');\n`,
    );

    const failure = await synthesize({ projectRoot: root, outdir: path.join(root, 'cdk.out') }).catch(
      (e: unknown) => e,
    );

    expect(failure).toBeInstanceOf(AssemblyError);
    expect((failure as Error).message).toMatch(/stack is broken: fix lib\/x\.ts/);
    expect((failure as Error).message).not.toMatch(/Bundling asset/);
  }, 60_000);
});
