import type { MachineFacts } from './lib/machine';
import type { Metric } from './lib/metrics';

export interface SizeResult {
  n: number;
  metrics: Metric[];
  seconds: number;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  seed: number;
  options: Record<string, unknown>;
  machine: MachineFacts & { loadAtEnd: number[] };
  sizes: SizeResult[];
}

const fmt = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const bar = (m: Metric) => (m.bar ? `${m.bar.op === '>=' ? '≥' : '≤'} ${fmt(m.bar.value)}` : '');

export function markdown(r: BenchResult): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(`# Chronicle benchmark, ${r.startedAt.slice(0, 10)}${r.quick ? ' (quick)' : ''}`, '');
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres}; commit ${m.gitCommit}.`,
    `Load average (1/5/15 min) at start ${m.loadAtStart.join(' / ')}, at end ${m.loadAtEnd.join(' / ')}: the cores are shared with other work (the bench client, PostgreSQL and the service run on the same machine too).`,
    `Seed ${r.seed}; options ${JSON.stringify(r.options)}.`,
    '',
  );
  const sizes = r.sizes.map((s) => s.n);
  const keys: { stage: string; name: string; unit: string; bar: string }[] = [];
  for (const s of r.sizes) {
    for (const x of s.metrics) {
      if (!keys.some((k) => k.stage === x.stage && k.name === x.name)) keys.push({ stage: x.stage, name: x.name, unit: x.unit, bar: bar(x) });
    }
  }
  lines.push(`| Stage | Figure | Unit | ${sizes.map((n) => `N = ${n.toLocaleString('en-US')}`).join(' | ')} | Bar |`);
  lines.push(`|---|---|---|${sizes.map(() => '---:').join('|')}|---|`);
  let last = '';
  for (const k of keys) {
    const cells = r.sizes.map((s) => {
      const x = s.metrics.find((y) => y.stage === k.stage && y.name === k.name);
      if (!x) return '';
      if (x.bar && x.pass === undefined) return 'skipped';
      return `${fmt(x.value)}${x.pass === undefined ? '' : x.pass ? ' ✅ pass' : ' ❌ FAIL'}`;
    });
    lines.push(`| ${k.stage === last ? '' : k.stage} | ${k.name} | ${k.unit} | ${cells.join(' | ')} | ${k.bar} |`);
    last = k.stage;
  }
  lines.push('', '## Bars', '');
  for (const s of r.sizes) {
    const bars = s.metrics.filter((x) => x.bar);
    lines.push(`- N = ${s.n}: ${bars.map((x) => `${x.stage.replace(/ \(.*\)$/, '')} ${x.name} ${fmt(x.value)} ${x.unit} (${bar(x)}): ${x.pass === undefined ? 'skipped' : x.pass ? 'pass' : 'FAIL'}`).join('; ')}. Total ${s.seconds.toFixed(0)} s.`);
  }
  lines.push('', '## Notes', '');
  for (const s of r.sizes) {
    for (const x of s.metrics.filter((y) => y.note)) lines.push(`- N = ${s.n}, ${x.stage}, ${x.name}: ${x.note}`);
  }
  return lines.join('\n') + '\n';
}
