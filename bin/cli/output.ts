/**
 * What a command prints. With `--json` every command writes exactly one JSON document to stdout
 * (`events tail` writes one per line); otherwise readable text, coloured only on a terminal.
 * Diagnostics and progress go to stderr so stdout stays parseable.
 */
import { colourEnabled, type CliIo } from './io';
import { Progress } from './progress';
import { makeStyle, visibleLength, type Style } from './style';

export class Output {
  readonly style: Style;
  private readonly errStyle: Style;

  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {
    this.style = makeStyle(!json && colourEnabled(io.stdout, io.env));
    this.errStyle = makeStyle(colourEnabled(io.stderr, io.env));
  }

  /** The command's result: `value` as JSON with --json, else the text `human` renders. */
  result(value: unknown, human: (style: Style) => string | string[]): void {
    if (this.json) {
      this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      return;
    }
    const text = human(this.style);
    const lines = Array.isArray(text) ? text : [text];
    if (lines.length > 0) this.io.stdout.write(`${lines.join('\n')}\n`);
  }

  /** One record of a stream (events tail): a JSON line, or text. */
  record(value: unknown, human: (style: Style) => string): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(value)}\n` : `${human(this.style)}\n`);
  }

  /** A note for the person at the terminal, on stderr. */
  note(text: string): void {
    this.io.stderr.write(`${this.errStyle.dim(text)}\n`);
  }

  error(text: string): void {
    this.io.stderr.write(`${this.errStyle.red('error:')} ${text}\n`);
  }

  progress(label: string): Progress {
    return new Progress(this.io.stderr, label, this.errStyle);
  }
}

/** Left-aligned columns; the last column is not padded. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  style: Style,
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - visibleLength(c))))
      .join('  ')
      .trimEnd();
  return [style.bold(line(header)), ...rows.map(line)];
}

/** "3m 12s ago"-style age of an epoch-millisecond time. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}
