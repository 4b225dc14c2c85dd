import { Pool } from 'pg';
import request from 'supertest';
import { articleAt } from '../../bench/corpus';
import { ARTICLE_SUBMITTED, ArticleSubmittedData, streamIdOf } from '../../src/articles/article-events';
import { eventIdOf, runEvents, sha256 } from '../../src/articles/article-stream';
import { defaultAnalyser } from '../../src/articles/articles.module';
import { readManifestFolder, SEEDS_DIR } from '../../src/articles/seeds';
import { EventStore } from '../../src/event-store/event-store';
import { startTestApp, TestApp } from '../support/app';

const auth = { Authorization: 'Bearer test-admin-token-0123456789' };

async function waitForReplay(t: TestApp, id: string, ms = 120_000) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await request(t.url).get(`/admin/replays/${id}`).set(auth).expect(200);
    if (r.body.status === 'completed' || r.body.status === 'failed') return r.body;
    if (Date.now() > until) throw new Error(`replay ${id} still ${r.body.status}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The whole timeline, page by page, once the projection has caught up with the store. */
async function fullTimeline(t: TestApp): Promise<{ entries: unknown[]; statuses: number[] }> {
  const entries: unknown[] = [];
  const statuses: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await request(t.url).get(`/timeline?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    statuses.push(res.status);
    if (res.status !== 200) break;
    entries.push(...res.body.entries);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { entries, statuses };
}

async function caughtUp(t: TestApp, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const body = (await request(t.url).get('/admin/projections').set(auth).expect(200)).body;
    if (body.projections[0].lag === '0') return;
    if (Date.now() > until) throw new Error('the projection did not catch up');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('projections replay', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(async () => t.close());

  it('rebuilds the seeds into a timeline identical to the live one', async () => {
    for (const a of readManifestFolder(SEEDS_DIR)) await request(t.url).post('/articles').send(a).expect(201);
    await caughtUp(t);
    const before = await fullTimeline(t);
    expect(before.entries.length).toBeGreaterThan(5);
    const r = await request(t.url).post('/admin/replays').set(auth).send({ kind: 'projections' }).expect(202);
    const second = await request(t.url).post('/admin/replays').set(auth).send({ kind: 'projections' });
    if (second.status === 409) expect(second.body.message).toContain(r.body.replayId);
    expect((await waitForReplay(t, r.body.replayId)).status).toBe('completed');
    const after = await fullTimeline(t);
    expect(JSON.stringify(after.entries)).toBe(JSON.stringify(before.entries));
  });

  it(`never shows a partial timeline while rebuilding ${process.env.REBUILD_TEST_ARTICLES ?? 2000} articles`, async () => {
    // A pool of the test's own, so the writers do not starve the service's.
    const pool = new Pool({ connectionString: t.db.url, max: 8 });
    const store = new EventStore(pool);
    // Straight into the store (the ingestion path is tested elsewhere): 8 writers.
    const n = Number(process.env.REBUILD_TEST_ARTICLES ?? 2000);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < n; i = next++) {
          const a = articleAt(7, n, i);
          const submitted: ArticleSubmittedData = {
            articleId: a.id, outlet: a.outlet, url: a.url, title: a.title, publishedAt: a.publishedAt,
            timezone: a.timezone, language: 'en', text: a.text, sha256: sha256(a.text),
          };
          const stream = streamIdOf(a.id);
          await store.append(stream, 'no_stream', [
            { eventId: eventIdOf(`${stream}/submitted`), type: ARTICLE_SUBMITTED, data: submitted },
            ...runEvents(submitted, 'run-1', defaultAnalyser, {}),
          ]);
        }
      }),
    );
    await pool.end();
    await caughtUp(t, 300_000);
    const before = await fullTimeline(t);
    const count = before.entries.length;
    expect(count).toBeGreaterThan(n / 4);

    const r = await request(t.url).post('/admin/replays').set(auth).send({ kind: 'projections' }).expect(202);
    const seen: number[] = [];
    const bad: number[] = [];
    const firstPages: boolean[] = [];
    const firstIds = JSON.stringify(before.entries.slice(0, 500).map((e: any) => e.id));
    let done = false;
    // Whole timelines, back to back: the count never drops.
    const polling = (async () => {
      while (!done) {
        const started = Date.now();
        const { entries, statuses } = await fullTimeline(t);
        bad.push(...statuses.filter((s) => s !== 200));
        seen.push(entries.length);
        await new Promise((res) => setTimeout(res, Math.max(0, 50 - (Date.now() - started))));
      }
    })();
    // And the first page every 50 ms: always the complete one (a half-built timeline would miss entries).
    const quick = (async () => {
      while (!done) {
        const res = await request(t.url).get('/timeline?limit=500');
        if (res.status !== 200) bad.push(res.status);
        else firstPages.push(JSON.stringify(res.body.entries.map((e: any) => e.id)) === firstIds);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await waitForReplay(t, r.body.replayId, 300_000);
    done = true;
    await Promise.all([polling, quick]);
    expect(result.status).toBe('completed');
    expect(bad).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(firstPages.length).toBeGreaterThan(3);
    expect(firstPages.every(Boolean)).toBe(true);
    expect(Math.min(...seen)).toBe(count);
    const after = await fullTimeline(t);
    expect(JSON.stringify(after.entries)).toBe(JSON.stringify(before.entries));
  }, 600_000);
});
