import { Pool } from 'pg';
import { startTestApp } from '../support/app';
import { ingest, post, seedArticles, settled } from './support';

/** A deterministic shuffle (mulberry32), so a failing order can be replayed. */
function shuffle<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function headOf(url: string): Promise<string> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    return (await pool.query(`select coalesce(max(global_position), 0)::text as p from events`)).rows[0].p;
  } finally {
    await pool.end();
  }
}

async function timelineAfter(run: (base: string) => Promise<void>): Promise<{ json: string; articles: number }> {
  const t = await startTestApp();
  try {
    await run(t.url);
    const entries = await settled(t.url, await headOf(t.db.url));
    const list = await fetch(`${t.url}/articles?limit=500`).then((r) => r.json() as Promise<any>);
    return { json: JSON.stringify(entries), articles: list.articles.length };
  } finally {
    await t.close();
  }
}

jest.setTimeout(600_000);

describe('the timeline is a function of the set of articles', () => {
  const seeds = seedArticles();
  let reference: string;

  beforeAll(async () => {
    reference = (await timelineAfter((base) => ingest(base, seeds).then(() => undefined))).json;
  });

  it('gives byte-identical timelines for 10 random orders (fresh database each)', async () => {
    for (let k = 1; k <= 10; k++) {
      const order = shuffle(seeds, k);
      const got = await timelineAfter((base) => ingest(base, order).then(() => undefined));
      expect({ order: order.map((a) => a.id), same: got.json === reference }).toEqual({ order: order.map((a) => a.id), same: true });
    }
  });

  it('gives the same timeline when the five seeds are posted all at once, twice over, and stores five articles', async () => {
    const got = await timelineAfter(async (base) => {
      const all = await Promise.all([...seeds, ...seeds].map((a) => post(base, '/articles', a)));
      expect(all.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    });
    expect(got.articles).toBe(5);
    expect(got.json).toBe(reference);
  });
});
