/**
 * Progress of a long operation on stderr. On a terminal one line is redrawn in place; elsewhere a
 * line is printed only when the figures change, so logs stay short.
 */
import type { TextSink } from './io';
import type { Style } from './style';

const WIDTH = 24;

export class Progress {
  private last = '';

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly style: Style,
  ) {}

  update(done: number, total: number | undefined, suffix = ''): void {
    const figures = total === undefined ? `${done}` : `${done}/${total}`;
    const key = `${figures} ${suffix}`;
    if (key === this.last) return;
    this.last = key;
    if (this.sink.isTTY) {
      const ratio = total ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const bar = this.style.green('█'.repeat(filled)) + this.style.dim('░'.repeat(WIDTH - filled));
      this.sink.write(`\r\u001b[2K${this.label} ${bar} ${figures} ${suffix}`.trimEnd());
    } else {
      this.sink.write(`${this.label}: ${figures} ${suffix}`.trimEnd() + '\n');
    }
  }

  done(message: string): void {
    this.sink.write(this.sink.isTTY ? `\r\u001b[2K${message}\n` : `${message}\n`);
  }
}
