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
  /** File assets by S3 object key (`<hash>.zip`) → their folder or file in `cdk.out`. */
  readonly assets: ReadonlyMap<string, string>;
}

interface AssetManifest {
  readonly files?: Record<
    string,
    { source: { path?: string }; destinations?: Record<string, { objectKey?: string }> }
  >;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    {
      type: string;
      properties?: { templateFile?: string; stackName?: string; file?: string };
      dependencies?: string[];
      displayName?: string;
    }
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
  const artifacts = manifest.artifacts ?? {};
  const stacks = Object.entries(artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => {
      const templateFile = artifact.properties?.templateFile;
      if (!templateFile)
        throw new AssemblyError(`Stack artifact ${id} in ${manifestPath} names no templateFile`);
      return {
        stackName: artifact.properties?.stackName ?? id,
        template: readJson<Template>(path.join(assemblyDir, templateFile)),
        assemblyDir,
        assets: readAssets(assemblyDir, artifacts),
      };
    });
  if (stacks.length === 0) throw new AssemblyError(`The cloud assembly at ${assemblyDir} holds no stack`);
  return stacks;
}

/** Every file asset of the assembly, by the object key its destinations publish it under. */
function readAssets(assemblyDir: string, artifacts: NonNullable<Manifest['artifacts']>): Map<string, string> {
  const assets = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    if (artifact.type !== 'cdk:asset-manifest' || !artifact.properties?.file) continue;
    const manifest = readJson<AssetManifest>(path.join(assemblyDir, artifact.properties.file));
    for (const file of Object.values(manifest.files ?? {})) {
      if (!file.source.path) continue;
      for (const destination of Object.values(file.destinations ?? {})) {
        if (destination.objectKey)
          assets.set(destination.objectKey, path.join(assemblyDir, file.source.path));
      }
    }
  }
  return assets;
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new AssemblyError(`Cannot read ${file}; synthesize again`, { cause });
  }
}
