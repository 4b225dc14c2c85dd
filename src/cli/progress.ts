/**
 * Progress for long commands: a redrawn bar (done/total, rate, ETA, failures) on a terminal,
 * a plain line every few seconds otherwise (CI logs, pipes).
 */
export class Progress {
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {}

  update(done: number, total: number, failures = 0): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && total > done ? Math.ceil((total - done) / rate) : 0;
    const tail = `${done}/${total}  ${rate.toFixed(1)}/s  ETA ${formatSeconds(eta)}${failures ? `  failures ${failures}` : ''}`;
    if (this.out.isTTY) {
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${tail}\x1b[K`);
    } else if (Date.now() - this.lastLine > 2000 || done === total) {
      this.lastLine = Date.now();
      this.out.write(`${this.label} ${tail}\n`);
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}

export function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
