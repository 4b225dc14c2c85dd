import { Pool } from 'pg';
import { ANALYSIS_COMPLETED, ANALYSIS_STARTED, ARTICLE_SUBMITTED, ARTICLE_WITHDRAWN, streamIdOf } from '../../src/articles/article-events';
import type { Fact, When } from '../../src/analysis/types';
import { EventStore } from '../../src/event-store/event-store';
import { liveState, Projector, rebuildTimeline, runBatch, unreadEvents } from '../../src/projections/projector';
import { foldStore, generationTable } from '../../src/projections/timeline.projection';
import { createTestDatabase, TestDatabase } from '../support/database';

let db: TestDatabase;
let pool: Pool;
let store: EventStore;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new Pool({ connectionString: db.url, max: 10 });
  store = new EventStore(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const day = (d: string): When => ({ from: d, to: d, precision: 'day', edtf: d, timex3: d });

function fact(index: number, text: string, start: number, kind: string, when: When, places: string[] = []): Fact {
  return {
    index,
    type: 'EventReported',
    kind,
    title: text,
    when,
    datedBy: { text: 'on Wednesday', start, end: start + 5, rule: 'weekday-past', anchor: { type: 'publication' } },
    participants: [],
    places: places.map((p) => ({ text: p, key: p.toLowerCase(), start, end: start + p.length })),
    figures: [],
    status: 'reported',
    attribution: null,
    evidence: { text, start, end: start + text.length },
  };
}

/** An article stream as ingestion writes it: submitted, then one run, in one append. */
async function article(id: string, facts: Fact[], runId = 'run-1', submit = true): Promise<void> {
  const events: any[] = [];
  if (submit) events.push({ type: ARTICLE_SUBMITTED, data: { articleId: id, outlet: 'o', url: null, title: null, publishedAt: '2024-12-01T19:00:00+03:00', timezone: 'UTC', language: 'en', text: 'x', sha256: id } });
  events.push({ type: ANALYSIS_STARTED, data: { articleId: id, runId, analyserVersion: 't' } });
  for (const f of facts) events.push({ type: 'EventReported', data: { ...f, factId: `${id}:${runId}:${f.evidence.start}-${f.evidence.end}:${f.index}`, articleId: id, runId } });
  events.push({ type: ANALYSIS_COMPLETED, data: { articleId: id, runId, analyserVersion: 't', count: facts.length } });
  await store.append(streamIdOf(id), 'any', events);
}

async function drain(batch = 1000): Promise<void> {
  while (await runBatch(pool, store, 'timeline', batch));
}

/** Every column of the generation's facts and entries but the generation, in a stable order. */
async function rowsOf(generation: number): Promise<{ facts: any[]; entries: any[] }> {
  const { rows: facts } = await pool.query(
    `select fact_id, article_id, run_id, kind, kind_group, from_day::text, to_day::text, precision, lo::text, hi::text, keys,
            position::text, entry_id, component, encode(words, 'hex') as words, places
     from timeline_facts where generation = $1 order by fact_id`,
    [generation],
  );
  const { rows: entries } = await pool.query(
    `select id, sort_day::text, from_day::text, to_day::text, kind, status, source_count, participant_keys, place_keys,
            search::text, body, fact_ids
     from timeline_entries where generation = $1 order by id`,
    [generation],
  );
  return { facts, entries };
}

async function entries(generation?: number): Promise<any[]> {
  const g = generation ?? (await liveState(pool)).generation;
  const { rows } = await pool.query(`select body from timeline_entries where generation = $1 order by sort_day, id`, [g]);
  return rows.map((r) => r.body);
}

describe('timeline projection', () => {
  it('merges reports of one happening across articles, supersedes a run, and drops a withdrawn article', async () => {
    await article('p1', [fact(0, 'rebels launched an offensive on Aleppo on Wednesday', 10, 'attack', day('2024-11-27'), ['Aleppo'])]);
    await article('p2', [fact(0, 'insurgents launched an offensive on Aleppo on Wednesday', 40, 'attack', day('2024-11-27'), ['Aleppo'])]);
    await drain();
    expect((await entries()).map((e) => e.sourceCount)).toEqual([2]);

    // A second run of p2 that says something else: its old fact leaves the entry.
    await article('p2', [fact(0, 'the minister visited the capital on Sunday', 80, 'visit', day('2024-12-01'), ['Capital'])], 'run-2', false);
    await drain();
    expect((await entries()).map((e) => [e.kind, e.sourceCount])).toEqual([['attack', 1], ['visit', 1]]);

    await store.append(streamIdOf('p1'), 'any', [{ type: ARTICLE_WITHDRAWN, data: { articleId: 'p1', reason: 'test' } }]);
    await drain();
    expect((await entries()).map((e) => e.kind)).toEqual(['visit']);
  });

  it('gives the same entries whatever the batch size (runs cut across batches are read from the stream)', async () => {
    // Text that COPY's format and array literals must escape: tab, newline, CR, backslash, quotes, commas, braces.
    const awkward = 'troops shelled "Ras\\Tanura"\t{east, west}\r\non Wednesday, officials said';
    await article('p4\t"x"', [fact(0, awkward, 3, 'attack', day('2024-11-27'), ['Ras\\Tanura', '"Qa,lat{}"'])]);
    await drain();
    const before = (await liveState(pool)).generation;
    const live = JSON.stringify(await entries());
    const liveRows = await rowsOf(before);
    expect(liveRows.entries.some((e) => e.body.title === awkward)).toBe(true);
    const r = await rebuildTimeline(pool, store, { batchSize: 3 });
    expect(r.generation).toBeGreaterThan(1);
    // The old generation is out of the parents as the rebuild returns, and its tables are dropped after.
    const { rows: attached } = await pool.query(`select distinct generation from timeline_facts union select distinct generation from timeline_entries`);
    expect(attached).toEqual([{ generation: r.generation }]);
    expect(await r.dropped).toBeNull();
    expect((await liveState(pool)).generation).toBe(r.generation);
    expect(JSON.stringify(await entries())).toBe(live);
    // Row for row, column for column: what the rebuild streams by COPY is what the live projector inserts.
    expect(await rowsOf(r.generation)).toEqual(liveRows);
    // The search vector is computed from the quotes the rebuild writes beside the body: their words are found.
    const { rows: found } = await pool.query(`select id from timeline_entries where search @@ websearch_to_tsquery('english', 'shelling Tanura')`);
    expect(found).toHaveLength(1);
    await store.append(streamIdOf('p4\t"x"'), 'any', [{ type: ARTICLE_WITHDRAWN, data: { articleId: 'p4\t"x"', reason: 'test' } }]);
    await drain();
    const { rows } = await pool.query(`select distinct generation from timeline_entries`);
    expect(rows.map((x) => x.generation)).toEqual([r.generation]);
    // The old generation's tables are dropped, not emptied; the new one's facts and entries are attached.
    const { rows: tables } = await pool.query(`select g from timeline_generations() g`);
    expect(tables).toEqual([{ g: r.generation }]);
    const { rows: parts } = await pool.query(
      `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent in ('timeline_facts'::regclass, 'timeline_entries'::regclass) order by 1`,
    );
    expect(parts.map((p) => p.relname)).toEqual([`timeline_entries_g${r.generation}`, `timeline_facts_g${r.generation}`]);
    // Analyzed through the parents: a join's estimate reads the parent's statistics, which autovacuum never gathers.
    const { rows: stats } = await pool.query(
      `select distinct tablename from pg_stats where inherited and tablename in ('timeline_entries', 'timeline_facts', 'timeline_articles') order by 1`,
    );
    expect(stats.map((x) => x.tablename)).toEqual(['timeline_articles', 'timeline_entries', 'timeline_facts']);
  });

  it('runs exactly one active projector across instances; another takes over when it stops', async () => {
    const a = new Projector({ pool, store, pollMs: 50, lockRetryMs: 100 });
    const b = new Projector({ pool, store, pollMs: 50, lockRetryMs: 100 });
    a.start();
    await new Promise((r) => setTimeout(r, 300));
    b.start();
    await new Promise((r) => setTimeout(r, 300));
    expect([a.status, b.status].sort()).toEqual(['active', 'standby']);
    const [active, standby] = a.status === 'active' ? [a, b] : [b, a];
    await article('p3', [fact(0, 'a ceasefire took effect in the south on Wednesday', 5, 'ceasefire', day('2024-11-27'), ['South'])]);
    const head = await store.headPosition();
    for (let i = 0; i < 40 && (await liveState(pool)).position !== head; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await liveState(pool)).position).toBe(head);
    await active.stop();
    for (let i = 0; i < 40 && standby.status !== 'active'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(standby.status).toBe('active');
    await standby.stop();
    expect((await entries()).map((e) => e.kind).sort()).toEqual(['ceasefire', 'visit']);
  });

  it('reaches the head and reports no lag when an older transaction took later positions', async () => {
    await drain();
    // A gets its transaction id first but takes its sequence value after B: in commit-safe order
    // A's event is read before B's, so the checkpoint ends on B's lower position.
    const a = await pool.connect();
    try {
      await a.query('begin');
      await a.query('select pg_current_xact_id()');
      await store.append('late-1', 'any', [{ type: 'Noted', data: {} }]);
      const [posA] = (await store.append('late-2', 'any', [{ type: 'Noted', data: {} }], a)).positions;
      await a.query('commit');
      await drain();
      const live = await liveState(pool);
      expect(BigInt(live.globalPosition)).toBeLessThan(BigInt(posA));
      expect(live.position).toBe(posA);
      expect(await unreadEvents(pool)).toBe(0);
    } finally {
      a.release();
    }
    // A committed event the projector has not read holds the reached position just below it.
    const [pos] = (await store.append('late-3', 'any', [{ type: 'Noted', data: {} }])).positions;
    expect((await liveState(pool)).position).toBe((BigInt(pos) - 1n).toString());
    expect(await unreadEvents(pool)).toBe(1);
  });

  it('folds the store inside the database exactly as the apply folds it event by event', async () => {
    const when = (from: string | null, to: string | null, precision: string): When => ({ from, to, precision, edtf: '', timex3: '' }) as When;
    await article('f1', [
      fact(0, 'talks were held in the capital', 0, 'meeting', day('2024-11-20'), ['Capital']),
      fact(1, 'an accord was signed in November', 40, 'agreement', when('2024-11-01', '2024-11-30', 'month'), ['Capital']),
      fact(2, 'fighting went on', 80, 'attack', when(null, '2024-12-01', 'day'), []),
      fact(3, 'troops left after the talks', 120, 'withdrawal', when('2024-11-21', null, 'day'), []),
      fact(4, 'the war goes on', 160, 'statement', when(null, null, 'day'), []),
    ]);
    // Re-analysed: run-2 replaces run-1; a third run started but never completed is not shown.
    await article('f2', [fact(0, 'a town was shelled on Monday', 0, 'attack', day('2024-11-25'), ['Town'])]);
    await article('f2', [fact(0, 'a town was shelled on Tuesday', 0, 'attack', day('2024-11-26'), ['Town'])], 'run-2', false);
    await store.append(streamIdOf('f2'), 'any', [
      { type: ANALYSIS_STARTED, data: { articleId: 'f2', runId: 'run-3', analyserVersion: 't' } },
      { type: 'EventReported', data: { ...fact(0, 'half a run', 0, 'attack', day('2024-11-27')), factId: 'f2:run-3:0-10:0', articleId: 'f2', runId: 'run-3' } },
    ]);
    // Withdrawn after its run; and a run with no submission is not shown.
    await article('f3', [fact(0, 'a protest was held downtown', 0, 'protest', day('2024-11-24'), ['Downtown'])]);
    await store.append(streamIdOf('f3'), 'any', [{ type: ARTICLE_WITHDRAWN, data: { articleId: 'f3', reason: 'test' } }]);
    await article('f4', [fact(0, 'an orphan run', 0, 'attack', day('2024-11-24'))], 'run-1', false);

    const head = (await store.safeHead())!;
    for (const g of [901, 902]) await pool.query(`select timeline_create_generation($1)`, [g]);
    // Batches of two articles, shared out between two connections as a rebuild does.
    const [c, also] = [await pool.connect(), await pool.connect()];
    let counts: { articles: number; facts: number };
    try {
      counts = await foldStore(c, 901, head, { batchSize: 2, also });
    } finally {
      c.release();
      also.release();
    }
    // The fold stays a bare table, as in a rebuild: the batches after the fold write into it by name.
    await pool.query(`insert into projection_checkpoints (name, version) values ('fold-check', 902)`);
    while (await runBatch(pool, store, 'fold-check', 4, true));
    const rowsOf = async (table: string, generation: number) =>
      (await pool.query(`select * from ${table} where generation = $1 order by 2`, [generation])).rows.map(({ generation: _, ...r }) => r);
    const folded = await rowsOf(generationTable('timeline_fold', 901), 901);
    expect(folded).toEqual(await rowsOf(generationTable('timeline_fold', 902), 902));
    const articles = await rowsOf('timeline_articles', 901);
    expect(articles).toEqual(await rowsOf('timeline_articles', 902));
    expect(counts).toEqual({ articles: articles.length, facts: folded.length });
    // The cases above are all there: groups, open ends closed by the window, the latest run only.
    const f1 = (i: number) => folded.find((r) => r.article_id === 'f1' && r.fact_id.endsWith(`:${i}`));
    expect(f1(0)).toMatchObject({ kind_group: 'visit' });
    expect(f1(1)).toMatchObject({ kind_group: 'ceasefire' });
    const { rows: ends } = await pool.query(
      `select lo::text, hi::text from ${generationTable('timeline_fold', 901)} where fact_id = any($1) order by lo`,
      [[f1(2)!.fact_id, f1(3)!.fact_id]],
    );
    expect(ends).toEqual([{ lo: '2024-11-17', hi: '2024-12-01' }, { lo: '2024-11-21', hi: '2024-12-05' }]);
    expect(f1(4)).toMatchObject({ lo: null, hi: null });
    expect(folded.filter((r) => r.article_id === 'f2').map((r) => r.run_id)).toEqual(['run-2']);
    expect(folded.filter((r) => r.article_id === 'f3' || r.article_id === 'f4')).toEqual([]);
    for (const g of [901, 902]) await pool.query(`select timeline_drop_generation($1)`, [g]);
    await pool.query(`delete from projection_checkpoints where name = 'fold-check'`);
  });

  it('labels each fact with its component as a rebuild does, through a merge and a split', async () => {
    const facts = async () => {
      const g = (await liveState(pool)).generation;
      const { rows } = await pool.query(`select fact_id, entry_id, component from timeline_facts where generation = $1 and article_id like 'k%' order by fact_id`, [g]);
      return rows;
    };
    const componentsOf = async () => new Set((await facts()).map((r) => r.component)).size;
    /** The live timeline (entries, facts with entry and component) is the one a rebuild makes. */
    const expectAsRebuilt = async () => {
      const live = { entries: await entries(), facts: await facts() };
      await rebuildTimeline(pool, store);
      expect({ entries: await entries(), facts: await facts() }).toEqual(live);
    };
    const protest = (text: string, places: string[]) => fact(0, text, 0, 'protest', day('2024-11-28'), places);
    await article('k1', [protest('crowds marched through Riverton on Thursday', ['Riverton'])]);
    await article('k2', [protest('crowds marched through Lakeside on Thursday', ['Lakeside'])]);
    await drain();
    expect(await componentsOf()).toBe(2);
    // A report naming both towns links the two: one component, whose label is its least fact id.
    await article('k3', [protest('crowds marched through Riverton and Lakeside on Thursday', ['Riverton', 'Lakeside'])]);
    await drain();
    const merged = await facts();
    expect(new Set(merged.map((r) => r.component))).toEqual(new Set([merged[0].fact_id]));
    await expectAsRebuilt();
    // Re-analysed without the bridge: the component falls apart again.
    await article('k3', [protest('the mayor spoke in Hillcrest on Thursday', ['Hillcrest'])], 'run-2', false);
    await drain();
    expect(await componentsOf()).toBe(3);
    await expectAsRebuilt();
  });

  it('links a new report to a stored one of its day by wording alone, at the least wording that links', async () => {
    // No name, place or count in common (the first names a town, the second none): only the day's
    // stored words find the first report. Each has 8 content words (16 with its title) and they share
    // 2 of them, a quarter of the shorter.
    const protest = (text: string, places: string[] = []) => fact(0, text, 0, 'protest', day('2024-11-20'), places);
    await article('w1', [protest('farmers blocked the highway with tractors demanding subsidies outside parliament', ['Riverton'])]);
    await drain();
    await article('w2', [protest('students occupied the campus library demanding subsidies and chanting slogans')]);
    await drain();
    const live = await entries();
    const joint = live.filter((e) => e.sources.some((s: any) => s.articleId === 'w1'));
    expect(joint).toHaveLength(1);
    expect(joint[0].sources.map((s: any) => s.articleId).sort()).toEqual(['w1', 'w2']);
    await rebuildTimeline(pool, store);
    expect(await entries()).toEqual(live);
  });

  it('sweeps the kind groups on two threads into the same rows as on one', async () => {
    // Reports of several kinds, some linking across articles: each thread sweeps whole groups.
    const kinds = ['attack', 'protest', 'visit', 'meeting', 'arrest'];
    for (let a = 0; a < 6; a++) {
      const facts = kinds.map((kind, i) => fact(i, `crowds and officials in Townsville ${kind} report ${a % 2} on Tuesday`, 100 * i, kind, day(`2024-10-${10 + (a % 3)}`), ['Townsville']));
      await article(`s${a}`, facts);
    }
    await drain();
    const one = await rebuildTimeline(pool, store, { sweep: { parallelFrom: Infinity } });
    expect(one.sweepWorkers).toBe(0);
    const rows = await rowsOf(one.generation);
    const two = await rebuildTimeline(pool, store, { sweep: { parallelFrom: 0 } });
    expect(two.sweepWorkers).toBe(1);
    const shared = await rowsOf(two.generation);
    expect(shared.entries.length).toBeGreaterThanOrEqual(kinds.length);
    expect(shared.entries.some((e) => e.source_count > 1)).toBe(true);
    expect(shared).toEqual(rows);
    // A worker that fails (here out of a 1 MB heap before it has read a fact) stores nothing, and its
    // groups are swept by the main thread instead.
    const failed = await rebuildTimeline(pool, store, { sweep: { parallelFrom: 0, workerHeapMb: 1 } });
    expect(failed.sweepWorkers).toBe(1);
    expect(await rowsOf(failed.generation)).toEqual(rows);
  });
});
