import { Progress } from './progress';
import type { IngestItem } from './ingest-sources';

export interface Failure {
  label: string;
  reason: string;
}

export interface IngestReport {
  total: number;
  created: number;
  existing: number;
  failures: Failure[];
  seconds: number;
}

export interface HttpIngestOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  concurrency: number;
  /** Attempts per article for answers worth retrying (429, 503, network errors). */
  attempts?: number;
  timeoutMs?: number;
  progress?: Progress;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs every item to /articles with at most `concurrency` requests in flight. A rejected
 * article is a failure with the server's reason; an overloaded or unreachable server is retried
 * with backoff (honouring Retry-After) before it counts as one.
 */
export async function ingestOverHttp(items: IngestItem[], opts: HttpIngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const endpoint = new URL('/articles', opts.url).toString();
  const attempts = opts.attempts ?? 4;
  const report: IngestReport = { total: items.length, created: 0, existing: 0, failures: [], seconds: 0 };
  let done = 0;
  let next = 0;
  opts.progress?.update(0, items.length, 0);

  const finish = (item: IngestItem, outcome: 'created' | 'existing' | Failure) => {
    if (outcome === 'created') report.created++;
    else if (outcome === 'existing') report.existing++;
    else report.failures.push(outcome);
    done++;
    opts.progress?.update(done, items.length, report.failures.length);
  };

  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (!item.body) {
        finish(item, { label: item.label, reason: item.error ?? 'nothing to send' });
        continue;
      }
      finish(item, await post(endpoint, item, attempts, opts.timeoutMs ?? 120_000));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, items.length || 1)) }, worker));
  opts.progress?.finish();
  // Listed in input order, whatever order they finished in.
  const order = new Map(items.map((it, i) => [it.label, i]));
  report.failures.sort((a, b) => (order.get(a.label) ?? 0) - (order.get(b.label) ?? 0));
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

async function post(endpoint: string, item: IngestItem, attempts: number, timeoutMs: number): Promise<'created' | 'existing' | Failure> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(item.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      last = `cannot reach ${endpoint}: ${e.cause?.code ?? e.cause?.message ?? e.message}`;
      if (attempt < attempts) await sleep(500 * 2 ** (attempt - 1));
      continue;
    }
    const text = await res.text();
    if (res.status === 201) return 'created';
    if (res.status === 200) return 'existing';
    last = `${res.status} ${reasonOf(text, res.statusText)}`;
    if ((res.status === 429 || res.status === 503) && attempt < attempts) {
      const after = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : 500 * 2 ** (attempt - 1));
      continue;
    }
    break;
  }
  return { label: item.label, reason: last };
}

function reasonOf(text: string, fallback: string): string {
  try {
    const body = JSON.parse(text) as { message?: string | string[] };
    if (Array.isArray(body.message)) return body.message.join('; ');
    if (body.message) return body.message;
  } catch {
    // not JSON: fall through
  }
  return text.trim().slice(0, 300) || fallback;
}
