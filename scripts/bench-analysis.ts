/**
 * npm run bench:analysis [-- --rounds N]
 * Analyses the seed articles and a generated mix of their sentences repeatedly on one core and prints
 * ms per article and articles per second. Bar: ≤ 10 ms per 3–5 KB article.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../src/analysis';

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'seeds', 'manifest.json'), 'utf8')) as {
  timezone: string;
  articles: { id: string; file: string; publishedAt: string }[];
};
const seeds = manifest.articles.map((a) => ({
  text: readFileSync(join(root, 'seeds', a.file), 'utf8'),
  publishedAt: a.publishedAt,
  timezone: manifest.timezone,
}));

/** A deterministic mix: sentences of all seeds shuffled into ~4 KB articles (mulberry32). */
function mix(count: number, seed = 42): typeof seeds {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sentences = seeds.flatMap((a) => a.text.split(/(?<=[.!?])\s+/));
  const out: typeof seeds = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    while (text.length < 4000) text += `${sentences[Math.floor(rand() * sentences.length)]}${rand() < 0.2 ? '\n\n' : ' '}`;
    out.push({ text, publishedAt: seeds[i % seeds.length].publishedAt, timezone: manifest.timezone });
  }
  return out;
}

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 40;
const corpus = [...seeds, ...mix(20)];
const bytes = corpus.reduce((n, a) => n + Buffer.byteLength(a.text), 0) / corpus.length;

for (const a of corpus) analyse(a); // warm-up: JIT and regex compilation
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let n = 0;
let facts = 0;
for (let r = 0; r < rounds; r++) {
  for (const a of corpus) {
    facts += analyse(a).facts.length;
    n++;
  }
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
// CPU time is the one-core cost even when the machine is shared; wall time is printed beside it.
const perArticle = (cpu.user + cpu.system) / 1000 / n;
const wallPerArticle = ms / n;
console.log(JSON.stringify({
  articles: n,
  meanBytes: Math.round(bytes),
  msPerArticle: Number(perArticle.toFixed(3)),
  wallMsPerArticle: Number(wallPerArticle.toFixed(3)),
  articlesPerSecond: Math.round(1000 / perArticle),
  factsPerArticle: Number((facts / n).toFixed(1)),
  bar: perArticle <= 10 ? 'pass (≤ 10 ms/article)' : 'FAIL (> 10 ms/article)',
}, null, 2));
