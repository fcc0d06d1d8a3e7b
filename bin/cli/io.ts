/**
 * The process surface the CLI writes to, injected so tests run commands in-process and capture
 * what a user would see.
 */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Where `--stdin` and `--prompt` read secrets from. */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Aborted on Ctrl-C / SIGTERM; long-running commands stop and clean up. */
  readonly signal?: AbortSignal;
}

/**
 * Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org); FORCE_COLOR
 * turns it on for pipes.
 */
export function colourEnabled(sink: TextSink, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return sink.isTTY === true && env.TERM !== 'dumb';
}
