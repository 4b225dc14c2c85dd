import { Pool } from 'pg';
import { articleAt, bodyOf } from '../../bench/corpus';
import { ADMIN_TOKEN, fullTimeline, waitCaughtUp } from '../chaos/service';
import { startTestApp, TestApp } from '../support/app';

/**
 * 200 concurrent POST /articles, a quarter of them repeats of others: every request answers 200 or
 * 201, and exactly the distinct articles are stored, once each, with complete streams.
 */

const DISTINCT = 150;
const REPEATS = 50;
const SEED = 7;

function articles(): { body: string; key: number }[] {
  const distinct = Array.from({ length: DISTINCT }, (_, i) => {
    const a = articleAt(SEED, DISTINCT, i);
    // Half of them name themselves, half let the text name them.
    const body = JSON.parse(bodyOf(a));
    if (i % 2) delete body.id;
    else body.id = `conc-${i}`;
    return { body: JSON.stringify(body), key: i };
  });
  // Repeats of the first REPEATS articles, interleaved so each races its original.
  const out: { body: string; key: number }[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    out.push(distinct[i]);
    if (i < REPEATS) out.push({ ...distinct[i] });
  }
  return out;
}

async function post(url: string, body: string): Promise<{ status: number; data: any }> {
  const res = await fetch(`${url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, data: await res.json() };
}

describe('200 concurrent POST /articles, a quarter repeats', () => {
  let t: TestApp;
  let pool: Pool;
  beforeAll(async () => {
    t = await startTestApp({ PG_POOL_SIZE: '10', ADMIN_TOKEN });
    pool = new Pool({ connectionString: t.db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('stores each distinct article exactly once and answers every request 200 or 201', async () => {
    const all = articles();
    expect(all).toHaveLength(200);
    const replies = await Promise.all(all.map((a) => post(t.url, a.body)));

    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(DISTINCT);
    expect(statuses.filter((s) => s === 200)).toHaveLength(REPEATS);

    // Both requests of a pair got the same article.
    const byKey = new Map<number, Set<string>>();
    all.forEach((a, i) => byKey.set(a.key, (byKey.get(a.key) ?? new Set()).add(replies[i].data.articleId)));
    expect([...byKey.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    expect(new Set(replies.map((r) => r.data.articleId)).size).toBe(DISTINCT);

    const { rows: submitted } = await pool.query(
      `select count(*)::int as n, count(distinct data->>'sha256')::int as texts, count(distinct stream_id)::int as streams
       from events where type = 'ArticleSubmitted'`,
    );
    expect(submitted[0]).toEqual({ n: DISTINCT, texts: DISTINCT, streams: DISTINCT });

    // Every stream: ArticleSubmitted, then exactly one complete run, versions 1..n without gaps.
    const { rows: streams } = await pool.query(
      `select stream_id, array_agg(type order by stream_version) as types, max(stream_version) as v, count(*)::int as n
       from events group by stream_id`,
    );
    expect(streams).toHaveLength(DISTINCT);
    for (const s of streams) {
      expect(s.n).toBe(s.v);
      expect(s.types[0]).toBe('ArticleSubmitted');
      expect(s.types[1]).toBe('AnalysisStarted');
      expect(s.types[s.types.length - 1]).toBe('AnalysisCompleted');
      expect(s.types.filter((x: string) => x === 'AnalysisStarted')).toHaveLength(1);
    }
    const { rows: guard } = await pool.query(
      `select count(*)::int as bad from streams s
       where s.version <> (select max(stream_version) from events e where e.stream_id = s.stream_id)`,
    );
    expect(guard[0].bad).toBe(0);
  }, 120_000);

  it('projects the same timeline as the same articles ingested one by one on another database', async () => {
    await waitCaughtUp(t.url);
    const concurrent = await fullTimeline(t.url);
    expect(concurrent.entries.length).toBeGreaterThan(0);
    const seq = await startTestApp({ ADMIN_TOKEN });
    try {
      for (const a of articles()) {
        const r = await post(seq.url, a.body);
        expect([200, 201]).toContain(r.status);
      }
      await waitCaughtUp(seq.url);
      const sequential = await fullTimeline(seq.url);
      expect(JSON.stringify(concurrent.entries)).toBe(JSON.stringify(sequential.entries));
    } finally {
      await seq.close();
    }
  }, 180_000);
});
