import { analyse } from '../../src/analysis';
import { articleAt, BenchArticle } from '../corpus';
import { log, metric, Metric } from '../lib/metrics';

/**
 * Stage 1: the analyser alone, in this process, on one core: articles/s over the corpus in order,
 * within a time budget (generation is outside the timing).
 */
export function analysisStage(seed: number, n: number, budgetMs: number): Metric[] {
  const S = '1. analysis (in-process, 1 core)';
  for (let i = 0; i < Math.min(20, n); i++) analyse(articleAt(seed, n, i)); // warm-up
  let done = 0;
  let facts = 0;
  let bytes = 0;
  let spent = 0;
  while (done < n && spent < budgetMs) {
    const chunk: BenchArticle[] = [];
    for (let i = done; i < Math.min(n, done + 50); i++) chunk.push(articleAt(seed, n, i));
    const t0 = process.hrtime.bigint();
    for (const a of chunk) facts += analyse({ text: a.text, publishedAt: a.publishedAt, timezone: a.timezone }).facts.length;
    spent += Number(process.hrtime.bigint() - t0) / 1e6;
    for (const a of chunk) bytes += Buffer.byteLength(a.text);
    done += chunk.length;
  }
  const rate = done / (spent / 1000);
  log(`analysis: ${done} articles in ${(spent / 1000).toFixed(1)} s: ${rate.toFixed(0)} articles/s, ${(facts / done).toFixed(1)} facts/article`);
  return [
    metric(S, 'throughput', rate, 'articles/s', undefined, done < n ? `${done} of ${n} articles (time budget)` : `${done} articles`),
    metric(S, 'text throughput', bytes / 1024 / (spent / 1000), 'KB/s'),
    metric(S, 'mean time per article', spent / done, 'ms'),
    metric(S, 'facts per article', facts / done, 'facts'),
  ];
}
