/** One figure of the benchmark, with its unit and, where the issue sets one, its bar. */
export interface Metric {
  stage: string;
  name: string;
  value: number | null;
  unit: string;
  bar?: { op: '>=' | '<='; value: number };
  pass?: boolean;
  note?: string;
}

export function metric(stage: string, name: string, value: number | null, unit: string, bar?: Metric['bar'], note?: string): Metric {
  const m: Metric = { stage, name, value: value === null ? null : round(value), unit };
  if (bar) {
    m.bar = bar;
    // A skipped figure has its bar but no verdict.
    if (!(value === null && note?.startsWith('skipped'))) m.pass = value !== null && (bar.op === '>=' ? value >= bar.value : value <= bar.value);
  }
  if (note) m.note = note;
  return m;
}

export function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const a = Math.abs(v);
  return a >= 100 ? Math.round(v) : a >= 10 ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
