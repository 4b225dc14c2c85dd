/**
 * `node dist/bench/profile.js <file.cpuprofile> [top]`: where a V8 CPU profile (node --cpu-prof, or
 * `npm run bench -- --cpu-prof`) spent its time: self time by function and by module, and the total
 * (inclusive) time of the project's own functions.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

function where(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const d = url.indexOf('/dist/');
  if (d >= 0) return url.slice(d + 6);
  return url ? url.replace(/^node:/, 'node:') : '(native/VM)';
}

export function summarise(file: string, top = 25): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = p.samples.length;
  const self = new Map<string, number>();
  const module = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const hits = new Map<number, number>();
  for (const s of p.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  for (const [id, h] of hits) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${where(f.url)}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + h);
    const m = f.url ? where(f.url).replace(/\/[^/]*$/, '') : f.functionName;
    module.set(m, (module.get(m) ?? 0) + h);
    // Inclusive time of project functions (dist/src/…): each sample counts once per distinct function on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!.callFrame;
      if (!c.url.includes('/dist/src/')) continue;
      const k = `${c.functionName || '(anonymous)'} ${where(c.url)}:${c.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + h);
    }
  }
  const pct = (h: number) => `${((h / total) * 100).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, h]) => `  ${pct(h)}  ${k}`).join('\n');
  const seconds = (p.endTime - p.startTime) / 1e6;
  return [
    `${file}: ${seconds.toFixed(1)} s, ${total} samples`,
    'self time by function:', list(self),
    'self time by module:', list(module),
    'total time of the project\'s functions:', list(inclusive),
  ].join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/profile.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(summarise(file, Number(top ?? 25)));
}
