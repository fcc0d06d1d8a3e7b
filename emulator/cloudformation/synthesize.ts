/**
 * Synthesizes the CDK app into a cloud assembly the way the CDK CLI does (runs the `app` command's
 * entry with CDK_OUTDIR and CDK_CONTEXT_JSON from cdk.json), with bundling by local esbuild. The
 * result is reused while the sources the app watches (cdk.json `watch.include`) are unchanged.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { AssemblyError } from './errors';

export interface SynthOptions {
  readonly projectRoot: string;
  /** @default `<projectRoot>/cdk.out` */
  readonly outdir?: string;
  /** Extra context, over cdk.json's. */
  readonly context?: Record<string, unknown>;
  /** Synthesize even when the sources are unchanged. @default false */
  readonly force?: boolean;
}

export interface SynthResult {
  readonly outdir: string;
  /** False when a previous synthesis of the same sources was reused. */
  readonly synthesized: boolean;
  readonly millis: number;
}

const STAMP = 'synth-stamp.json';

interface CdkJson {
  readonly app?: string;
  readonly context?: Record<string, unknown>;
  readonly watch?: { include?: string[] };
}

export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const started = Date.now();
  const outdir = options.outdir ?? path.join(options.projectRoot, 'cdk.out');
  const cdkJson = JSON.parse(readFileSync(path.join(options.projectRoot, 'cdk.json'), 'utf8')) as CdkJson;
  const context = {
    ...cdkJson.context,
    ...options.context,
    // What the CDK CLI passes by default: construct paths and asset paths in resource metadata.
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
  };
  const stamp = fingerprint(options.projectRoot, cdkJson, context);
  mkdirSync(outdir, { recursive: true });
  const release = await lock(path.join(outdir, '.synth.lock'));
  try {
    const stampFile = path.join(outdir, STAMP);
    if (!options.force && existsSync(path.join(outdir, 'manifest.json')) && readStamp(stampFile) === stamp) {
      return { outdir, synthesized: false, millis: Date.now() - started };
    }
    rmSync(stampFile, { force: true });
    await runApp(options.projectRoot, cdkJson, outdir, context);
    writeFileSync(stampFile, JSON.stringify({ fingerprint: stamp }));
    return { outdir, synthesized: true, millis: Date.now() - started };
  } finally {
    release();
  }
}

/** Runs the app's entry point (`npx tsx bin/app.ts` → node --import tsx bin/app.ts) as the CLI would. */
async function runApp(
  projectRoot: string,
  cdkJson: CdkJson,
  outdir: string,
  context: Record<string, unknown>,
) {
  const entry = /tsx\s+(\S+)$/.exec(cdkJson.app ?? '')?.[1];
  if (!entry)
    throw new AssemblyError(`cdk.json "app" must run a TypeScript entry through tsx (got ${cdkJson.app})`);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: projectRoot,
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c) => output.push(String(c)));
    child.stderr.on('data', (c) => output.push(String(c)));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    // Bundling progress and npm's warnings hide the error; keep what explains the failure.
    const noise = /^(Bundling asset|npm warn|⚡ Done|\s*\.\.\..*(building|index\.mjs)|\s*$)/;
    const explanation = output
      .join('')
      .split('\n')
      .filter((line) => !noise.test(line));
    throw new AssemblyError(
      `Synthesizing the CDK app failed (exit ${code}):\n${explanation.join('\n').trim()}`,
    );
  }
}

/** Hash of the inputs of a synthesis: watched files (path, size, mtime), context and lockfile. */
function fingerprint(projectRoot: string, cdkJson: CdkJson, context: Record<string, unknown>): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(context))
    .update(cdkJson.app ?? '');
  const roots = (cdkJson.watch?.include ?? ['bin/**', 'lib/**']).map((glob) =>
    glob.replace(/\/?\*\*.*$/, ''),
  );
  const files = [path.join(projectRoot, 'cdk.json'), path.join(projectRoot, 'package-lock.json')];
  for (const root of roots) collect(path.join(projectRoot, root), files);
  for (const file of files.sort()) {
    if (!existsSync(file)) continue;
    const stats = statSync(file);
    hash.update(`${path.relative(projectRoot, file)}:${stats.size}:${stats.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function collect(dir: string, into: string[]): void {
  if (!existsSync(dir)) return;
  if (statSync(dir).isFile()) {
    into.push(dir);
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full, into);
    else into.push(full);
  }
}

function readStamp(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { fingerprint?: string }).fingerprint;
  } catch {
    return undefined;
  }
}

/** A lock file, so test workers and a running `npm start` never synthesize into one folder at once. */
async function lock(file: string): Promise<() => void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx'));
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(file, { throwIfNoEntry: false });
      // Released between our attempt and this look: try again at once.
      if (!held) continue;
      // A lock older than the deadline belongs to a process that died.
      if (Date.now() - held.mtimeMs > 180_000) rmSync(file, { force: true });
      if (Date.now() > deadline)
        throw new AssemblyError(`Timed out waiting for ${file}; delete it if no synth runs`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
