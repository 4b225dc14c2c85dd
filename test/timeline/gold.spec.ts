import { startTestApp, TestApp } from '../support/app';
import { ingest, scoreGold, seedArticles, settled } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());


describe('the seeds against the gold chronology (check.py score_gold)', () => {
  let entries: any[];
  let score: ReturnType<typeof scoreGold>;

  beforeAll(async () => {
    const seeds = seedArticles();
    const { ids, texts } = await ingest(t.url, seeds);
    entries = await settled(t.url, await storeHead(t));
    score = scoreGold(entries, ids, texts);
    if (process.env.GOLD_DUMP) require('node:fs').writeFileSync(process.env.GOLD_DUMP, JSON.stringify(entries, null, 1));
    // The figures the outside check prints, for the report.
    console.log([...score.fails.map((f) => `miss ${f}`), ...score.future.map((f) => `dated after the last publication: ${f}`),
      `entries ${score.entries}`, `gold: tier A ${score.a[0]}/${score.a[1]}, tier B ${score.b[0]}/${score.b[1]}, source merge ${score.merge[0]}/${score.merge[1]}, after-publication ${score.future.length}`].join('\n'));
  });

  it('passes every tier A event', () => expect(score.fails.filter((f) => f.startsWith('A '))).toEqual([]));
  it('passes at least 8 tier B events', () => expect(score.b[0]).toBeGreaterThanOrEqual(8));
  it('dates no entry after the last publication (2024-12-01)', () => expect(score.future).toEqual([]));

  it('has the offensive as one entry with five sources', () => {
    const offensive = entries.filter((e) => e.when.from === '2024-11-27' && e.sources.some((s: any) => /launched/.test(s.quote)) && e.kind !== 'ceasefire');
    expect(offensive.map((e) => e.sourceCount)).toEqual([5]);
  });

  it('has the visit as one confirmed entry with five sources, the announcement kept as planned', () => {
    const visit = entries.filter((e) => e.sources.some((s: any) => s.articleId === 'seed-003' && s.status === 'planned'));
    expect(visit).toHaveLength(1);
    expect(visit[0]).toMatchObject({ status: 'confirmed', sourceCount: 5, when: { from: '2024-12-01', to: '2024-12-01' } });
  });
});

async function storeHead(app: TestApp): Promise<string> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: app.db.url, max: 1 });
  try {
    const { rows } = await pool.query(`select coalesce(max(global_position), 0)::text as p from events`);
    return rows[0].p;
  } finally {
    await pool.end();
  }
}
