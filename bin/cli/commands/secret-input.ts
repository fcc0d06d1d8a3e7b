/**
 * Secrets come from standard input or a prompt, never from the command line, where shell history
 * and `ps` would keep them.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from '../io';
import { UsageError } from '../../ops/errors';

export interface SecretSource {
  readonly stdin?: boolean;
  readonly prompt?: boolean;
}

/** Refuses a secret given as an argument, with the safe way to give it instead. */
export function refuseArgvSecret(given: string | undefined, command: string): void {
  if (given === undefined) return;
  throw new UsageError(
    `Secrets are not taken as arguments (shell history and \`ps\` would keep them): pipe it with ` +
      `\`… | hydrant ${command} --stdin\` or type it with \`hydrant ${command} --prompt\``,
  );
}

/** The secret from stdin (first line, trimmed) or a prompt with echo off; undefined: neither asked. */
export async function readSecret(
  io: CliIo,
  source: SecretSource,
  label: string,
): Promise<string | undefined> {
  if (source.stdin && source.prompt)
    throw new UsageError('--stdin and --prompt exclude each other: pick one');
  if (source.stdin) {
    if (!io.stdin) throw new UsageError('--stdin: no standard input to read from');
    let text = '';
    for await (const chunk of io.stdin) text += String(chunk);
    const secret = text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim();
    if (!secret) throw new UsageError(`--stdin: standard input held no ${label}`);
    return secret;
  }
  if (source.prompt) {
    if (!io.stdin?.isTTY)
      throw new UsageError('--prompt needs a terminal; pipe the secret with --stdin instead');
    io.stderr.write(`${label}: `);
    // The typed characters are not echoed: readline writes to a sink that drops them.
    const rl = createInterface({
      input: io.stdin,
      output: new Writable({ write: (_chunk, _enc, done) => done() }),
      terminal: true,
    });
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    rl.close();
    io.stderr.write('\n');
    if (!answer.trim()) throw new UsageError(`No ${label} typed`);
    return answer.trim();
  }
  return undefined;
}

/** A secret that must be given: typed at a prompt on a terminal, else read from piped stdin. */
export async function readRequiredSecret(io: CliIo, label: string): Promise<string> {
  const onTerminal = io.stdin?.isTTY === true;
  const secret = await readSecret(io, { stdin: !onTerminal, prompt: onTerminal }, label);
  if (secret === undefined || /\s/.test(secret)) {
    throw new UsageError(
      `The ${label} is empty or contains whitespace: pipe it on stdin or type it at the prompt`,
    );
  }
  return secret;
}
