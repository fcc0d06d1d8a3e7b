/**
 * Reads one secret value for a command, never from argv (shell history, `ps`): piped stdin
 * (`… < file`, `printf %s "$X" | …`), or on a terminal a prompt that does not echo.
 */
import { createInterface } from 'node:readline';
import type { CliIo } from '../io';
import { UsageError } from '../errors';

export async function readSecret(io: CliIo, label: string): Promise<string> {
  const input = io.stdin;
  if (!input) throw new UsageError(`No input to read the ${label} from: pipe it on stdin`);
  const value = input.isTTY
    ? await promptHidden(io, input as NodeJS.ReadableStream, label)
    : await readAll(input);
  const trimmed = value.replace(/\r?\n$/, '');
  if (trimmed === '' || /\s/.test(trimmed)) {
    throw new UsageError(`The ${label} read from stdin is empty or contains whitespace`);
  }
  return trimmed;
}

async function readAll(input: AsyncIterable<string | Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text;
}

/** A prompt on stderr; what is typed is not echoed (the output is muted while reading). */
function promptHidden(io: CliIo, input: NodeJS.ReadableStream, label: string): Promise<string> {
  io.stderr.write(`${label}: `);
  let muted = true;
  const output = {
    write: (chunk: string) => (muted ? true : io.stderr.write(chunk)),
  } as unknown as NodeJS.WritableStream;
  const rl = createInterface({ input, output, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      muted = false;
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
  });
}
