/** Reads a cloud assembly (`cdk.out`): its stacks, their templates and the folder of their assets. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AssemblyError } from './errors';
import type { Template } from './template';

export interface AssemblyStack {
  readonly stackName: string;
  readonly template: Template;
  /** The `cdk.out` folder; asset paths in resource metadata are relative to it. */
  readonly assemblyDir: string;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    { type: string; properties?: { templateFile?: string; stackName?: string }; displayName?: string }
  >;
}

export function loadAssembly(assemblyDir: string): AssemblyStack[] {
  const manifestPath = path.join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new AssemblyError(
      `No cloud assembly at ${assemblyDir}: run \`npx cdk synth\` (or \`npm start\`) first`,
    );
  }
  const manifest = readJson<Manifest>(manifestPath);
  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => {
      const templateFile = artifact.properties?.templateFile;
      if (!templateFile)
        throw new AssemblyError(`Stack artifact ${id} in ${manifestPath} names no templateFile`);
      return {
        stackName: artifact.properties?.stackName ?? id,
        template: readJson<Template>(path.join(assemblyDir, templateFile)),
        assemblyDir,
      };
    });
  if (stacks.length === 0) throw new AssemblyError(`The cloud assembly at ${assemblyDir} holds no stack`);
  return stacks;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new AssemblyError(`Cannot read ${file}; synthesize again`, { cause });
  }
}
