/** Copies a worker's output to a destination line by line, each line prefixed with the function name. */
import type { Readable, Writable } from 'node:stream';

export function pipeWithPrefix(source: Readable, destination: Writable, prefix: string): void {
  let pending = '';
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    if (lines.length > 0) destination.write(lines.map((line) => `${prefix} ${line}\n`).join(''));
  });
  source.on('end', () => {
    if (pending) destination.write(`${prefix} ${pending}\n`);
    pending = '';
  });
}
