/**
 * Timeline summarisation measures on real multi-article news with editors' timelines (Timeline17's
 * layout: TOPIC/articles.jsonl shaped for POST /articles, TOPIC/timelines/*.txt):
 *
 *   npm run eval:tls -- DIR [--verbose]
 *
 * Each topic's articles go through the same analysis, linking and reconciliation as the projection (in
 * process: no database), and the days of the reconciled timeline are ranked by how many distinct
 * articles report something on them. For each editors' timeline of l dates, the l best days within its
 * span are compared with its dates: Date-F1 (Ghalandari & Ifrim 2020), where precision equals recall.
 * The same is given for counting articles by publication day, the usual baseline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../src/analysis';
import { featuresOf } from '../src/projections/reconciliation/link';
import { reconcile } from '../src/projections/reconciliation/reconcile';
import type { ReconciledEntry } from '../src/projections/reconciliation/types';
import { ComponentSweep, sweepOrder, toSourceFact } from '../src/projections/timeline.projection';

interface Article { id: string; publishedAt: string; timezone?: string; outlet: string | null; text: string }

/** Days an editors' timeline gives: `YYYY-MM-DD` lines, each followed by its summary. */
function goldDates(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => /^\d{4}-\d{2}-\d{2}\s*$/.test(l)).map((l) => l.trim()).sort();
}

/** The reconciled entries of a set of articles, as the projection computes them. */
function timelineOf(articles: Article[]): { entries: ReconciledEntry[]; facts: number; ms: number } {
  const t = Date.now();
  const features = [];
  for (const a of articles) {
    const { facts } = analyse({ text: a.text, publishedAt: a.publishedAt, timezone: a.timezone });
    for (const f of facts) {
      // As the article's stream records it (runEvents), and the projection reads it back.
      const data = { ...f, factId: `${a.id}:r:${f.evidence.start}-${f.evidence.end}:${f.index}`, articleId: a.id, runId: 'r' };
      features.push(featuresOf(toSourceFact(data, a)));
    }
  }
  const entries: ReconciledEntry[] = [];
  const sweep = new ComponentSweep((component) => entries.push(...reconcile(component)));
  for (const f of features.sort(sweepOrder)) sweep.add(f);
  sweep.end();
  return { entries, facts: features.length, ms: Date.now() - t };
}

/** Days by the number of distinct articles reporting something dated to that day (ties: earlier day). */
function rankDays(byDay: Map<string, Set<string>>, from: string, to: string): string[] {
  return [...byDay]
    .filter(([d]) => d >= from && d <= to)
    .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
    .map(([d]) => d);
}

function dateF1(ranked: string[], gold: string[]): number {
  const picked = new Set(ranked.slice(0, gold.length));
  return gold.filter((d) => picked.has(d)).length / gold.length;
}

function add(byDay: Map<string, Set<string>>, day: string, article: string): void {
  (byDay.get(day) ?? byDay.set(day, new Set()).get(day)!).add(article);
}

function main(argv: string[]): number {
  const dir = argv.find((a) => !a.startsWith('--'));
  const verbose = argv.includes('--verbose');
  if (!dir) {
    process.stderr.write('usage: npm run eval:tls -- DIR [--verbose]\n');
    return 2;
  }
  const rows: string[] = ['| topic | articles | facts | entries | timeline | l | Date-F1 | publication days | ms |', '|---|---:|---:|---:|---|---:|---:|---:|---:|'];
  const scores: number[] = [];
  const baseline: number[] = [];
  for (const topic of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const articles: Article[] = readFileSync(join(dir, topic, 'articles.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const { entries, facts, ms } = timelineOf(articles);
    const reported = new Map<string, Set<string>>();
    for (const { entry } of entries) {
      if (entry.when.precision !== 'day' || !entry.when.from) continue;
      for (const s of entry.sources) add(reported, entry.when.from, s.articleId);
    }
    const published = new Map<string, Set<string>>();
    for (const a of articles) add(published, a.publishedAt.slice(0, 10), a.id);
    for (const file of readdirSync(join(dir, topic, 'timelines')).sort()) {
      const gold = goldDates(join(dir, topic, 'timelines', file));
      const [from, to] = [gold[0], gold[gold.length - 1]];
      const ranked = rankDays(reported, from, to);
      const f1 = dateF1(ranked, gold);
      const b = dateF1(rankDays(published, from, to), gold);
      scores.push(f1);
      baseline.push(b);
      rows.push(`| ${topic} | ${articles.length} | ${facts} | ${entries.length} | ${file} | ${gold.length} | ${f1.toFixed(3)} | ${b.toFixed(3)} | ${ms} |`);
      if (verbose) {
        const goldSet = new Set(gold);
        const top = ranked.slice(0, gold.length);
        process.stdout.write(`\n${topic}/${file}: picked ${top.map((d) => `${d}${goldSet.has(d) ? '*' : ''}(${reported.get(d)!.size})`).join(' ')}\n`);
        process.stdout.write(`  missed ${gold.filter((d) => !top.includes(d)).map((d) => `${d}(${reported.get(d)?.size ?? 0})`).join(' ')}\n`);
      }
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  rows.push(`| mean | | | | | | ${mean(scores).toFixed(3)} | ${mean(baseline).toFixed(3)} | |`);
  process.stdout.write(`${rows.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
