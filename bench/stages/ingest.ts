import { articleAt, bodyOf } from '../corpus';
import { log, metric, Metric, percentile } from '../lib/metrics';
import { cpuSeconds, Service } from '../lib/service';

export interface IngestOutcome {
  metrics: Metric[];
  articles: number;
  events: number;
  facts: number;
}

/** Stage 2: POST /articles over HTTP, `clients` concurrent keep-alive clients, every article of the corpus once. */
export async function ingestStage(svc: Service, seed: number, n: number, clients: number): Promise<IngestOutcome> {
  const S = `2. ingestion (HTTP, ${clients} clients)`;
  let next = 0;
  let events = 0;
  let facts = 0;
  let ok = 0;
  const failures = new Map<string, number>();
  const latencies: number[] = [];
  let lastLog = Date.now();
  svc.rss.reset();
  const cpu0 = cpuSeconds(svc.pid);
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      const body = bodyOf(articleAt(seed, n, i));
      const s = process.hrtime.bigint();
      const res = await svc.client.request('POST', '/articles', body);
      latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (res.status === 201 || res.status === 200) {
        const r = JSON.parse(res.body);
        ok++;
        events += r.version;
        facts += r.facts;
      } else {
        const key = `${res.status} ${res.body.slice(0, 160)}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`ingestion: ${ok} of ${n}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds(svc.pid) - cpu0;
  latencies.sort((a, b) => a - b);
  if (failures.size) log(`ingestion failures: ${JSON.stringify([...failures].slice(0, 5))}`);
  log(`ingestion: ${ok} articles, ${events} events in ${seconds.toFixed(1)} s`);
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  return {
    articles: ok,
    events,
    facts,
    metrics: [
      metric(S, 'articles', ok / seconds, 'articles/s', undefined, failed ? `${failed} requests failed: ${[...failures.keys()][0]}` : `${ok} articles`),
      metric(S, 'events', events / seconds, 'events/s', undefined, `${events} events, ${(facts / Math.max(1, ok)).toFixed(1)} facts/article`),
      metric(S, 'latency p50', percentile(latencies, 50), 'ms'),
      metric(S, 'latency p99', percentile(latencies, 99), 'ms'),
      metric(S, 'service CPU', (cpu / seconds) * 100, '% of a core'),
      metric(S, 'service peak RSS', svc.rss.peakMb(), 'MiB'),
    ],
  };
}
