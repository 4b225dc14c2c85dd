import autocannon from 'autocannon';
import { log, metric, Metric } from '../lib/metrics';
import { cpuSeconds, Service } from '../lib/service';

async function load(svc: Service, path: string, seconds: number, connections: number, headers: Record<string, string> = {}): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${svc.port}${path}`, connections, duration: seconds, pipelining: 1, headers });
}

/**
 * Stage 5: GET /timeline under load (autocannon, `connections` connections): the first page of 100
 * entries, and filtered queries (a two-week window with at least two sources; one place). Repeated
 * reads of one projection state are served from the service's page cache; the "uncached" line sends
 * `Cache-Control: no-cache`, so every request runs the page query; the "gzip" line accepts gzip, as
 * browsers do (the other lines do not, so their bytes are the uncompressed page).
 */
export async function timelineStage(svc: Service, seconds: number, connections: number): Promise<Metric[]> {
  const S = `5. GET /timeline (${connections} conn, ${seconds} s)`;
  const first = await svc.client.json('GET', '/timeline?limit=100');
  if (first.status !== 200) return [metric(S, 'page of 100: p99', null, 'ms', { op: '<=', value: 20 }, `GET /timeline answered ${first.status}`)];
  const entries: any[] = first.data.entries ?? [];
  // A window in the middle of the corpus's span, and a place that the first page names.
  const place = entries.flatMap((e) => e.places ?? []).map((p: any) => p.key ?? p.text ?? p)[0];
  const queries: [string, string, Record<string, string>?][] = [
    ['page of 100', '/timeline?limit=100'],
    ['page of 100, uncached', '/timeline?limit=100', { 'cache-control': 'no-cache' }],
    // What a browser asks for: the page compressed (once per page, kept with it in the cache).
    ['page of 100, gzip', '/timeline?limit=100', { 'accept-encoding': 'gzip' }],
    ['window filter', '/timeline?from=2026-04-13&to=2026-04-26&minSources=2&limit=100'],
    ['window filter, uncached', '/timeline?from=2026-04-13&to=2026-04-26&minSources=2&limit=100', { 'cache-control': 'no-cache' }],
  ];
  if (typeof place === 'string') queries.push(['place filter', `/timeline?place=${encodeURIComponent(place)}&limit=100`]);
  const out: Metric[] = [];
  svc.rss.reset();
  for (const [label, path, headers] of queries) {
    const probe = await svc.client.json('GET', path);
    const n = probe.data?.entries?.length ?? 0;
    await load(svc, path, 1, connections, headers); // warm-up
    const cpu0 = cpuSeconds(svc.pid);
    const r = await load(svc, path, seconds, connections, headers);
    const cpu = cpuSeconds(svc.pid) - cpu0;
    const bad = r.non2xx + r.errors + r.timeouts;
    log(`timeline ${label}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${n} entries${bad ? `, ${bad} failed` : ''})`);
    const note = `${path} → ${n} entries, ${Math.round(r.throughput.average / 1024)} KB/s${bad ? `, ${bad} failed requests` : ''}`;
    out.push(
      metric(S, `${label}: throughput`, r.requests.average, 'requests/s', undefined, note),
      metric(S, `${label}: p50`, r.latency.p50, 'ms'),
      metric(S, `${label}: p99`, r.latency.p99, 'ms', label === 'page of 100' ? { op: '<=', value: 20 } : undefined),
      metric(S, `${label}: service CPU`, (cpu / seconds) * 100, '% of a core'),
    );
  }
  out.push(metric(S, 'service peak RSS', svc.rss.peakMb(), 'MiB'));
  return out;
}
