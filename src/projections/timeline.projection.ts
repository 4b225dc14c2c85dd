/**
 * The timeline projection: folds article streams into timeline_facts (the latest completed run of
 * each article still on the timeline) and timeline_entries (what GET /timeline serves). One `apply`
 * serves the live projector and a rebuild into a new generation alike, so they cannot drift.
 *
 * A change (a completed run, a withdrawal) recomputes only its neighbourhood: the connected components
 * of the link graph around the changed facts. Each fact row names its component, so these are the
 * components of the old facts and of the stored facts the new ones link to (found by blocking queries:
 * kind group, date window, token); the rebuild's sweep splits that set into components again, and the
 * pure reconciliation of each replaces its old entries.
 */
import type { PoolClient } from 'pg';
import {
  ANALYSIS_COMPLETED,
  ANALYSIS_STARTED,
  ARTICLE_SUBMITTED,
  ARTICLE_WITHDRAWN,
  ArticleSubmittedData,
  FactReportedData,
  STREAM_PREFIX,
  streamIdOf,
} from '../articles/article-events';
import type { Checkpoint, EventStore, StoredEvent } from '../event-store/event-store';
import { BOUNDED_WINDOW_DAYS, DATE_CONFLICT_DAYS, dayNumber, effectiveInterval } from './reconciliation/dates';
import { Features, featuresOf, KIND_GROUPS, kindGroupOf, link, MIN_COMMON_WORDS, placesConflict, reachDayOf, wordsBlockOf, wordsCanLink, wordsMayLink } from './reconciliation/link';
import { reconcile, sortDayOf } from './reconciliation/reconcile';
import { commonCount } from './reconciliation/tokens';
import { arrayLiteral, copyJson, copyValue, CopyIn } from './copy-in';
import type { ReconciledEntry, SourceFact } from './reconciliation/types';

export const TIMELINE = 'timeline';

/**
 * The version of the projection's code (this file and the reconciliation). A process that finds the
 * live timeline built by another version rebuilds it (blue/green) before projecting: change it with
 * any change that changes entries.
 */
export const TIMELINE_CODE_VERSION = '2026.12.03-entry-quotes';

interface ArticleRow {
  articleId: string;
  outlet: string | null;
  title: string | null;
  publishedAt: string;
  latestRun: string | null;
  withdrawn: boolean;
}

interface RunBuffer {
  runId: string;
  startedVersion: number;
  facts: ReportedAt[];
}

/** A FactReported event's data and its store position (the fact rows point at it instead of copying it). */
interface ReportedAt {
  data: FactReportedData;
  position: string;
}

/** A fact with the position of the event that reported it. */
interface Located {
  fact: SourceFact;
  position: string;
}

/**
 * How a fact row (aliased `f`) gets its fact back: the event it points at, and its article's metadata.
 * Select FACT_COLUMNS from a query joining FACT_SOURCE and pass each row to `sourceFactOf`. Lookups by
 * key, row by row, whatever the planner thinks of a table's size (a fresh table's statistics say empty).
 */
export const FACT_SOURCE = `cross join lateral (select e.data from events e where e.global_position = f.position limit 1) e
  cross join lateral (select a.outlet, a.published_at from timeline_articles a
                      where a.generation = f.generation and a.article_id = f.article_id limit 1) a`;
export const FACT_COLUMNS = `e.data, a.outlet, a.published_at as "publishedAt"`;

/**
 * The table of `generation` behind one of the timeline's partitioned tables (migration 1732000008000):
 * for a rebuild's bare facts and entries before they are attached, and for statements on one generation.
 */
export function generationTable(table: 'timeline_entries' | 'timeline_facts' | 'timeline_articles' | 'timeline_fold', generation: number): string {
  if (!Number.isSafeInteger(generation) || generation < 0) throw new Error(`not a generation: ${generation}`);
  return `${table}_g${generation}`;
}

export interface FactRow {
  data: FactReportedData;
  outlet: string | null;
  publishedAt: string;
}

export const sourceFactOf = (r: FactRow): SourceFact => toSourceFact(r.data, r);

export interface ApplyStats {
  events: number;
  articles: number;
  facts: number;
  componentFacts: number;
  entries: number;
}

/**
 * Applies a batch of events (in commit order) to `generation`, inside the caller's transaction. With
 * `foldOnly` (a rebuild from zero), only the articles and facts are written: the rebuild computes all
 * entries once at the end (recomputeEntries) instead of recomputing neighbourhoods batch after batch.
 */
export async function applyTimeline(
  db: PoolClient,
  store: EventStore,
  generation: number,
  events: StoredEvent[],
  opts: { foldOnly?: boolean } = {},
): Promise<ApplyStats> {
  const submitted = new Map<string, ArticleSubmittedData>();
  const open = new Map<string, RunBuffer>();
  const completed = new Map<string, { runId: string; count: number; buffer: RunBuffer | null }>();
  const withdrawn = new Set<string>();
  for (const e of events) {
    if (!e.streamId.startsWith('article-')) continue;
    const d = e.data;
    if (e.type === ARTICLE_SUBMITTED) submitted.set(d.articleId, d);
    else if (e.type === ANALYSIS_STARTED) open.set(d.articleId, { runId: d.runId, startedVersion: e.streamVersion, facts: [] });
    else if (e.type === ANALYSIS_COMPLETED) {
      const b = open.get(d.articleId);
      completed.set(d.articleId, { runId: d.runId, count: d.count, buffer: b && b.runId === d.runId ? b : null });
      open.delete(d.articleId);
    } else if (e.type === ARTICLE_WITHDRAWN) withdrawn.add(d.articleId);
    else if (d && typeof d.factId === 'string') {
      const b = open.get(d.articleId);
      if (b && b.runId === d.runId) b.facts.push({ data: d, position: e.globalPosition });
    }
  }
  const stats: ApplyStats = { events: events.length, articles: 0, facts: 0, componentFacts: 0, entries: 0 };
  if (submitted.size) await upsertArticles(db, generation, [...submitted.values()]);
  const touched = [...new Set([...completed.keys(), ...withdrawn])].sort();
  if (!touched.length) return stats;

  const articles = await loadArticles(db, generation, touched);
  const replaced: string[] = [];
  /** Of those, the ones that had facts here (a run shown, not yet withdrawn): only they have rows to delete. */
  const shown: string[] = [];
  const added: Located[] = [];
  for (const id of touched) {
    const a = articles.get(id);
    if (!a) continue; // a run without its submission cannot be shown (no publication date)
    if (withdrawn.has(id) || a.withdrawn) {
      if (!a.withdrawn || a.latestRun !== null) replaced.push(id);
      if (a.latestRun !== null) shown.push(id);
      a.withdrawn = true;
      a.latestRun = null;
      continue;
    }
    const run = completed.get(id)!;
    if (run.runId === a.latestRun) continue;
    const facts = run.buffer && run.buffer.facts.length === run.count ? run.buffer.facts : await readRun(store, db, id, run.runId);
    replaced.push(id);
    if (a.latestRun !== null) shown.push(id);
    a.latestRun = run.runId;
    for (const f of facts) added.push({ fact: toSourceFact(f.data, a), position: f.position });
  }
  await saveArticles(db, generation, touched.map((id) => articles.get(id)).filter((a): a is ArticleRow => !!a));
  if (!replaced.length) return stats;
  stats.articles = replaced.length;
  stats.facts = added.length;

  // The old facts of the replaced articles leave; their neighbours seed the recomputation, because
  // the component they were part of may now fall apart.
  if (opts.foldOnly) {
    if (shown.length) await db.query(`delete from ${generationTable('timeline_fold', generation)} where article_id = any($1::text[])`, [shown]);
    await insertFacts(db, 'timeline_fold', generation, added);
    return stats;
  }
  const { rows: old } = await db.query<{ entry_id: string | null; component: string | null }>(
    `delete from timeline_facts where generation = $1 and article_id = any($2::text[]) returning entry_id, component`,
    [generation, replaced],
  );
  await insertFacts(db, 'timeline_facts', generation, added);
  // What is recomputed: the components the old facts were in (they may fall apart), the components of
  // the stored facts the new ones link to, and the new facts. Every link of a fact of that set stays
  // inside it, so its components, found by the rebuild's own sweep, are the store's.
  const components = new Set(old.map((r) => r.component).filter((c): c is string => c !== null));
  const staleEntries = new Set(old.map((r) => r.entry_id).filter((x): x is string => !!x));
  const addedFeatures = added.map(({ fact }) => featuresOf(fact));
  const set = new Map<string, Features>();
  for (const f of addedFeatures) set.set(f.fact.factId, f);
  for (const n of await linkedStored(db, generation, addedFeatures)) {
    if (n.component !== null) components.add(n.component);
    else set.set(n.features.fact.factId, n.features);
  }
  for (const m of await componentMembers(db, generation, [...components])) {
    set.set(m.features.fact.factId, m.features);
    if (m.entryId) staleEntries.add(m.entryId);
  }
  stats.componentFacts = set.size;
  const entries: ReconciledEntry[] = [];
  const componentOf = new Map<string, string>();
  const sweep = new ComponentSweep((facts) => {
    const label = componentLabel(facts);
    for (const f of facts) componentOf.set(f.factId, label);
    entries.push(...reconcile(facts));
  });
  for (const f of [...set.values()].sort(sweepOrder)) sweep.add(f);
  sweep.end();
  stats.entries = entries.length;
  if (staleEntries.size) await db.query(`delete from timeline_entries where generation = $1 and id = any($2::text[])`, [generation, [...staleEntries]]);
  await insertEntries(db, generation, entries, componentOf);
  return stats;
}

/**
 * A rebuild's fold from zero, inside the database: what `applyTimeline` with `foldOnly` makes of every
 * event up to `upTo` (the articles with their latest completed run, and that run's facts in
 * timeline_fold), without shipping each fact to this process and back. The facts are read once, by
 * the sweep. Batched by article, so a shutdown waits for one batch, not the whole store; the batches
 * are shared out between `db` and `opts.also`, if given.
 *
 * The same rules as `applyTimeline` (a test holds them to it): an article is shown from its
 * submission; its latest run is its last completed one, none once withdrawn; a fact row carries its
 * kind group and its comparable interval (`effectiveInterval`: open ends closed by the window).
 */
export async function foldStore(
  db: PoolClient,
  generation: number,
  upTo: Checkpoint,
  opts: { batchSize?: number; shouldStop?: () => boolean; also?: PoolClient } = {},
): Promise<{ articles: number; facts: number }> {
  const upToSql = `(e.transaction_id, e.global_position) <= ($2::xid8, $3::bigint)`;
  const connections = [db, ...(opts.also ? [opts.also] : [])];
  // Each lifecycle type through the type index: looking them up stream by stream reads every event.
  // A submission's fields come from one jsonb_to_record: its body, the article's text included, is
  // TOASTed and compressed, and each `->>` would decompress all of it again (at 10,000 articles this
  // statement took 0.27-0.61 s with four of them, 0.12 s with one). Decompressing is most of its time,
  // so each connection takes the streams of one hash share.
  const inShare = `mod(hashtext(e.stream_id)::bigint + 2147483648, $7) = $8`;
  const shares = await settle(
    connections.map((c, k) =>
      c.query(
        `with submitted as (
           select distinct on (e.stream_id) e.stream_id, d."articleId" as id, d.outlet, d.title, d."publishedAt" as published_at
           from events e cross join lateral jsonb_to_record(e.data) as d("articleId" text, outlet text, title text, "publishedAt" text)
           where e.type = $4 and ${upToSql} and ${inShare}
           order by e.stream_id, e.transaction_id desc, e.global_position desc
         ), completed as (
           select distinct on (e.stream_id) e.stream_id, e.data->>'runId' as run
           from events e where e.type = $5 and ${upToSql} and ${inShare}
           order by e.stream_id, e.stream_version desc
         ), withdrawn as (
           select distinct e.stream_id from events e where e.type = $6 and ${upToSql} and ${inShare}
         )
         insert into timeline_articles (generation, article_id, outlet, title, published_at, latest_run, withdrawn)
         select $1, s.id, s.outlet, s.title, s.published_at, case when w.stream_id is null then c.run end, w.stream_id is not null
         from submitted s left join completed c using (stream_id) left join withdrawn w using (stream_id)`,
        [generation, upTo.transactionId, upTo.globalPosition, ARTICLE_SUBMITTED, ANALYSIS_COMPLETED, ARTICLE_WITHDRAWN, connections.length, k],
      ),
    ),
  );
  const articles = shares.reduce((n, r) => n + (r.rowCount ?? 0), 0);
  // The batches: equal runs of the articles shown with a run (in id order), as many as the connections
  // times what makes them at most batchSize long, so that every connection folds as many (the database
  // folds one batch on one core).
  const { rows: starts } = await db.query<{ id: string }>(
    `select article_id as id from (
       select article_id, row_number() over (order by article_id) - 1 as i, count(*) over () as total
       from timeline_articles where generation = $1 and latest_run is not null
     ) a where i % ceil(total::numeric / (ceil(total::numeric / ($2::int * $3::int)) * $3::int))::bigint = 0 order by article_id`,
    [generation, opts.batchSize ?? 2000, connections.length],
  );
  let facts = 0;
  let next = 0;
  const fold = async (c: PoolClient): Promise<void> => {
    for (let k = next++; k < starts.length; k = next++) {
      if (opts.shouldStop?.()) throw new Error('rebuild stopped by shutdown');
      const { rows } = await c.query<{ n: number }>(
        `with a as (
           select article_id, latest_run from timeline_articles
           where generation = $1 and article_id >= $4 and ($5::text is null or article_id < $5) and latest_run is not null
         ), ins as (
           insert into ${generationTable('timeline_fold', generation)} (generation, fact_id, article_id, run_id, kind, kind_group, from_day, to_day, precision, lo, hi, keys, position)
           select $1, f.fact_id, a.article_id, a.latest_run, f.kind, coalesce($6::jsonb->>f.kind, f.kind), f.from_day, f.to_day, f.precision,
                  coalesce(f.from_day, f.to_day - $7::int), coalesce(f.to_day, f.from_day + $7::int), '{}', e.global_position
           from a
           join events e on e.stream_id = $8 || a.article_id and e.data ? 'factId' and e.data->>'runId' = a.latest_run and ${upToSql}
           cross join lateral (select e.data->>'factId' as fact_id, e.data->>'kind' as kind, e.data->'when'->>'precision' as precision,
                                      (e.data->'when'->>'from')::date as from_day, (e.data->'when'->>'to')::date as to_day) f
           returning 1
         )
         select count(*)::int as n from ins`,
        [generation, upTo.transactionId, upTo.globalPosition, starts[k].id, starts[k + 1]?.id ?? null, JSON.stringify(KIND_GROUPS), BOUNDED_WINDOW_DAYS, STREAM_PREFIX],
      );
      facts += rows[0].n;
    }
  };
  await settle(connections.map(fold));
  return { articles, facts };
}

/** Every promise's result, once all have settled (so no connection is released with a query running), or the first failure. */
async function settle<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function upsertArticles(db: PoolClient, generation: number, list: ArticleSubmittedData[]): Promise<void> {
  await db.query(
    `insert into timeline_articles (generation, article_id, outlet, title, published_at)
     select $1, x.article_id, x.outlet, x.title, x.published_at
     from jsonb_to_recordset($2::jsonb) as x(article_id text, outlet text, title text, published_at text)
     on conflict (generation, article_id) do update set outlet = excluded.outlet, title = excluded.title, published_at = excluded.published_at`,
    [generation, JSON.stringify(list.map((a) => ({ article_id: a.articleId, outlet: a.outlet, title: a.title, published_at: a.publishedAt })))],
  );
}

async function loadArticles(db: PoolClient, generation: number, ids: string[]): Promise<Map<string, ArticleRow>> {
  const { rows } = await db.query<ArticleRow>(
    `select article_id as "articleId", outlet, title, published_at as "publishedAt", latest_run as "latestRun", withdrawn
     from timeline_articles where generation = $1 and article_id = any($2::text[])`,
    [generation, ids],
  );
  return new Map(rows.map((r) => [r.articleId, r]));
}

async function saveArticles(db: PoolClient, generation: number, rows: ArticleRow[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `update timeline_articles t set latest_run = x.latest_run, withdrawn = x.withdrawn
     from jsonb_to_recordset($2::jsonb) as x(article_id text, latest_run text, withdrawn boolean)
     where t.generation = $1 and t.article_id = x.article_id`,
    [generation, JSON.stringify(rows.map((r) => ({ article_id: r.articleId, latest_run: r.latestRun, withdrawn: r.withdrawn })))],
  );
}

/** The facts of one run, read from the stream from its AnalysisStarted on: never half a run. */
async function readRun(store: EventStore, db: PoolClient, articleId: string, runId: string): Promise<ReportedAt[]> {
  const events = await store.readStream(streamIdOf(articleId), 1, db);
  let start = -1;
  for (const e of events) if (e.type === ANALYSIS_STARTED && e.data.runId === runId) start = e.streamVersion;
  const out: ReportedAt[] = [];
  for (const e of events) {
    if (e.streamVersion <= start) continue;
    if (e.type === ANALYSIS_COMPLETED) break;
    if (e.data?.factId && e.data.runId === runId) out.push({ data: e.data, position: e.globalPosition });
  }
  return out;
}

export function toSourceFact(f: FactReportedData, a: Pick<ArticleRow, 'outlet' | 'publishedAt'>): SourceFact {
  return {
    factId: f.factId,
    articleId: f.articleId,
    outlet: a.outlet,
    publishedAt: a.publishedAt,
    type: f.type,
    kind: f.kind,
    title: f.title,
    when: f.when,
    datedBy: f.datedBy,
    participants: f.participants ?? [],
    places: f.places ?? [],
    figures: f.figures ?? [],
    status: f.status,
    attribution: f.attribution ?? null,
    evidence: f.evidence,
  };
}

/**
 * What a fact row stores of its features: its group, dates and the blocking tokens `linkedStored` looks
 * up in the keys index, which are all but its day's (`wordsBlockOf`): the facts of a day are read by
 * their dates instead. The day's token, held by every report of the day and kind, was a seventh of the
 * index's entries and its longest lists (at 50,000 articles).
 */
function storedBlocks(f: Features): Pick<Features, 'group' | 'lo' | 'hi' | 'blocks'> {
  const day = wordsBlockOf(f);
  return { group: f.group, lo: f.lo, hi: f.hi, blocks: day ? f.blocks.filter((b) => b !== day) : f.blocks };
}

/**
 * A fact's row but its generation, entry and component: what the live projector inserts and a rebuild
 * streams by COPY (`factCopyHead`). `words` and `places` only where the fact can link by wording alone.
 */
function factColumns(f: SourceFact, x: Pick<Features, 'group' | 'lo' | 'hi' | 'blocks'>, position: string, sameDay: ReturnType<typeof sameDayColumnsOf>) {
  return {
    fact_id: f.factId,
    article_id: f.articleId,
    run_id: runIdOf(f.factId),
    kind: f.kind,
    kind_group: x.group,
    from_day: f.when.from,
    to_day: f.when.to,
    precision: f.when.precision,
    lo: x.lo,
    hi: x.hi,
    keys: x.blocks,
    position,
    ...sameDay,
  };
}

/** Facts into timeline_facts (their entry is linked by insertEntries), or into a rebuild's fold (its bare table). */
async function insertFacts(db: PoolClient, table: 'timeline_facts' | 'timeline_fold', generation: number, facts: Located[]): Promise<void> {
  if (!facts.length) return;
  const rows = facts.map(({ fact: f, position }) => {
    if (table === 'timeline_facts') {
      const features = featuresOf(f);
      return factColumns(f, storedBlocks(features), position, sameDayColumnsOf(features));
    }
    // The fold needs only what sorts the sweep; the sweep computes the blocks when it moves the rows over.
    const sorts = { group: kindGroupOf(f.kind), ...(effectiveInterval(f.when) ?? { lo: null, hi: null }), blocks: [] };
    return factColumns(f, sorts, position, { words: null, places: null });
  });
  const words = table === 'timeline_facts' ? ', words, places' : '';
  await db.query(
    `insert into ${table === 'timeline_fold' ? generationTable(table, generation) : table} (generation, fact_id, article_id, run_id, kind, kind_group, from_day, to_day, precision, lo, hi, keys, position${words})
     select $1, x.fact_id, x.article_id, x.run_id, x.kind, x.kind_group, x.from_day, x.to_day, x.precision, x.lo, x.hi,
            array(select jsonb_array_elements_text(x.keys)), x.position${
              words && `, decode(x.words, 'hex'), case when x.places is not null then array(select jsonb_array_elements_text(x.places)) end`
            }
     from jsonb_to_recordset($2::jsonb) as x(fact_id text, article_id text, run_id text, kind text, kind_group text,
          from_day date, to_day date, precision text, lo date, hi date, keys jsonb, position bigint, words text, places jsonb)`,
    [generation, JSON.stringify(rows)],
  );
}

/** The run of a fact id (`article:run:span:index`): its third part from the end, or '' (without splitting it). */
function runIdOf(factId: string): string {
  const last = factId.lastIndexOf(':');
  const second = last > 0 ? factId.lastIndexOf(':', last - 1) : -1;
  if (second < 0) return '';
  return factId.slice(second > 0 ? factId.lastIndexOf(':', second - 1) + 1 : 0, second);
}

/**
 * The stored facts linked to any of `facts`, with their components. Candidates are found in SQL by
 * blocking token, each token looked up once in the keys index over the union of its facts' windows;
 * the link itself is decided in code, each candidate against the facts it shares a token with.
 *
 * A day's token is not looked up: it holds every fact of the day and kind (hundreds at 50,000
 * articles). Such a fact links by it alone only through shared wording (`wordsCanLink`) and when the
 * two name no different towns, so the day's facts are read as their stored words and places first, and
 * loaded only where those could link them to a fact of that day here.
 */
async function linkedStored(db: PoolClient, generation: number, facts: Features[]): Promise<{ features: Features; component: string | null }[]> {
  const windows = new Map<string, { t: string; lo: string; hi: string }>();
  const days = new Map<string, { g: string; day: string; facts: Features[]; words: Float64Array[] }>();
  for (const f of facts) {
    if (!f.lo) continue;
    const day = wordsBlockOf(f);
    if (day) {
      const d = days.get(day) ?? days.set(day, { g: f.group, day: f.lo, facts: [], words: [] }).get(day)!;
      d.facts.push(f);
      d.words.push(wordsOf(f));
    }
    for (const t of f.blocks) {
      if (t === day) continue;
      const w = windows.get(t);
      if (!w) windows.set(t, { t, lo: f.lo, hi: f.hi! });
      else {
        if (f.lo < w.lo) w.lo = f.lo;
        if (f.hi! > w.hi) w.hi = f.hi!;
      }
    }
  }
  if (!windows.size && !days.size) return [];
  // One keys-index lookup per token in the generation's own table, whatever the statistics say:
  // `offset 0` keeps the lookup a subquery run per token (joined, the planner scanned every fact once
  // per token), and `+ 0` keeps it off the date btree. At 50,000 articles: 3,832 tokens in 0.5-1.1 s,
  // against 12 s for the date-range scan of each window it replaces.
  const { rows: byToken } = await db.query<{ fact_id: string }>(
    `select distinct c.fact_id from jsonb_to_recordset($1::jsonb) as t(t text, lo date, hi date)
     cross join lateral (select c.fact_id from ${generationTable('timeline_facts', generation)} c where c.keys @> array[t.t]
                         and c.lo + 0 <= t.hi + $2::int and c.hi + 0 >= t.lo - $2::int offset 0) c`,
    [JSON.stringify([...windows.values()]), DATE_CONFLICT_DAYS],
  );
  const { rows: sameDay } = await db.query<{ day: string; fact_id: string; words: Buffer; places: string[] }>(
    `select d.t as day, c.fact_id, c.words, c.places from jsonb_to_recordset($2::jsonb) as d(t text, g text, day date)
     join timeline_facts c on c.generation = $1 and c.kind_group = d.g and c.lo = d.day and c.hi = d.day and c.words is not null`,
    [generation, JSON.stringify([...days].map(([t, { g, day }]) => ({ t, g, day })))],
  );
  const own = new Set(facts.map((f) => f.fact.factId));
  const ids = new Set(byToken.map((r) => r.fact_id));
  for (const r of sameDay) {
    if (ids.has(r.fact_id) || own.has(r.fact_id)) continue;
    const w = wordsFrom(r.words);
    const d = days.get(r.day)!;
    for (let i = 0; i < d.facts.length; i++) {
      const x = d.words[i];
      if (wordsCanLink(commonCount(x, w), x.length, w.length) && !placesConflict(d.facts[i].places, r.places)) {
        ids.add(r.fact_id);
        break;
      }
    }
  }
  for (const id of own) ids.delete(id);
  if (!ids.size) return [];
  const { rows } = await db.query<FactRow & { component: string | null }>(
    `select f.component, ${FACT_COLUMNS} from unnest($2::text[]) as i(id)
     join timeline_facts f on f.generation = $1 and f.fact_id = i.id ${FACT_SOURCE}
     order by f.fact_id`,
    [generation, [...ids]],
  );
  // A candidate is checked only against the facts it shares a token with (never all of them).
  const byBlock = new Map<string, Features[]>();
  for (const f of facts) {
    if (!f.lo) continue;
    for (const b of f.blocks) (byBlock.get(b) ?? byBlock.set(b, []).get(b)!).push(f);
  }
  const out: { features: Features; component: string | null }[] = [];
  for (const r of rows) {
    if (own.has(r.data.factId)) continue;
    const c = featuresOf(sourceFactOf(r));
    const tried = new Set<Features>();
    search: for (const b of c.blocks) {
      for (const f of byBlock.get(b) ?? []) {
        if (tried.has(f)) continue;
        tried.add(f);
        if (link(f, c)) {
          out.push({ features: c, component: r.component });
          break search;
        }
      }
    }
  }
  return out;
}

/**
 * A fact's content words as stored for the same-day search (`words`): the low 32 bits of its word ids,
 * sorted, repeats kept. Two facts share at least as many of these as of their words (hashes only merge)
 * and have as many, so where these do not pass `wordsCanLink` the words do not either.
 */
function wordsOf(f: Features): Float64Array {
  const out = new Float64Array(f.tokens.length);
  for (let i = 0; i < out.length; i++) out[i] = f.tokens[i] % 2 ** 32;
  return out.sort();
}

/**
 * What a fact row keeps for the same-day reads (linkedStored), if the fact can link by words alone:
 * `wordsOf` as little-endian uint32s (hex for the query) and its places below the country level.
 */
function sameDayColumnsOf(f: Features): { words: string | null; places: string[] | null } {
  if (!wordsBlockOf(f)) return { words: null, places: null };
  const w = wordsOf(f);
  const buf = Buffer.allocUnsafe(w.length * 4);
  for (let i = 0; i < w.length; i++) buf.writeUInt32LE(w[i], i * 4);
  return { words: buf.toString('hex'), places: f.places };
}

function wordsFrom(buf: Buffer): Float64Array {
  const out = new Float64Array(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}

/** Every stored fact of the given components, with its entry. */
async function componentMembers(db: PoolClient, generation: number, components: string[]): Promise<{ features: Features; entryId: string | null }[]> {
  if (!components.length) return [];
  const { rows } = await db.query<FactRow & { entry_id: string | null }>(
    `select f.entry_id, ${FACT_COLUMNS} from timeline_facts f ${FACT_SOURCE}
     where f.generation = $1 and f.component = any($2::text[])`,
    [generation, components],
  );
  return rows.map((r) => ({ features: featuresOf(sourceFactOf(r)), entryId: r.entry_id }));
}

/** A component's label: its least fact id (the same whichever way the component was found). */
export function componentLabel(facts: readonly SourceFact[]): string {
  let least = facts[0].factId;
  for (const f of facts) if (f.factId < least) least = f.factId;
  return least;
}

/** The order a sweep takes facts in: the rebuild's cursor order (kind group, date, undated last, id). */
export function sweepOrder(a: Features, b: Features): number {
  if (a.group !== b.group) return a.group < b.group ? -1 : 1;
  if (a.lo !== b.lo) return a.lo === null ? 1 : b.lo === null ? -1 : a.lo < b.lo ? -1 : 1;
  return a.fact.factId < b.fact.factId ? -1 : a.fact.factId > b.fact.factId ? 1 : 0;
}

/** The columns of an entry's row but its generation and its search vector (computed from its quotes). */
function entryColumns({ entry: e, factIds }: ReconciledEntry) {
  return {
    id: e.id,
    sort_day: sortDayOf(e.when),
    from_day: e.when.from,
    to_day: e.when.to,
    kind: e.kind,
    status: e.status,
    source_count: e.sourceCount,
    participant_keys: e.participants.map((p) => p.key),
    place_keys: e.places.map((p) => p.key),
    body: e,
    fact_ids: factIds,
    quotes: quotesOf(e),
  };
}

/** The words an entry is found by: its sources' quotes, each once (migration 1732000012000). */
function quotesOf(e: ReconciledEntry['entry']): string {
  if (e.sources.length === 1) return e.sources[0].quote;
  return [...new Set(e.sources.map((s) => s.quote))].join('\n');
}

/** An entry's row in COPY's text format (the columns of ENTRY_COPY). */
function entryCopyRow(generation: number, r: ReconciledEntry): string {
  const c = entryColumns(r);
  const v = copyValue;
  return (
    `${generation}\t${v(c.id)}\t${v(c.sort_day)}\t${v(c.from_day)}\t${v(c.to_day)}\t${v(c.kind)}\t${v(c.status)}\t${c.source_count}\t` +
    `${v(arrayLiteral(c.participant_keys))}\t${v(arrayLiteral(c.place_keys))}\t${copyJson(JSON.stringify(c.body))}\t${v(arrayLiteral(c.fact_ids))}\t${v(c.quotes)}\n`
  );
}

const ENTRY_COPY = `(generation, id, sort_day, from_day, to_day, kind, status, source_count, participant_keys, place_keys, body, fact_ids, quotes)`;

const FACT_COPY = `(generation, fact_id, article_id, run_id, kind, kind_group, from_day, to_day, precision, lo, hi, position, keys, words, places, entry_id, component)`;

/**
 * A fact's row in COPY's text format (the columns of FACT_COPY) up to its entry and component, which
 * its component's reconciliation adds (`factColumns`, as the live projector inserts them).
 */
function factCopyHead(generation: number, f: Features, position: string): string {
  const c = factColumns(f.fact, storedBlocks(f), position, sameDayColumnsOf(f));
  const v = copyValue;
  return (
    `${generation}\t${v(c.fact_id)}\t${v(c.article_id)}\t${v(c.run_id)}\t${v(c.kind)}\t${v(c.kind_group)}\t` +
    `${v(c.from_day)}\t${v(c.to_day)}\t${v(c.precision)}\t${v(c.lo)}\t${v(c.hi)}\t${c.position}\t` +
    `${v(arrayLiteral(c.keys))}\t${v(c.words && `\\x${c.words}`)}\t${v(c.places && arrayLiteral(c.places))}`
  );
}

/** A live batch's entries, and each member fact's entry and component (`componentOf`, by fact id). */
async function insertEntries(db: PoolClient, generation: number, entries: ReconciledEntry[], componentOf: Map<string, string>): Promise<void> {
  if (!entries.length) return;
  // The body as its JSON text, as a rebuild's COPY writes it: unpacked from the batch's jsonb, a json
  // value would come out with jsonb's key order, and the two projections' bytes would differ.
  const rows = entries.map((r) => {
    const c = entryColumns(r);
    return { ...c, body: JSON.stringify(c.body), component: componentOf.get(r.factIds[0]) ?? null };
  });
  await db.query(
    `with x as (
       select * from jsonb_to_recordset($2::jsonb) as x(id text, sort_day date, from_day date, to_day date, kind text, status text,
         source_count int, participant_keys jsonb, place_keys jsonb, body text, fact_ids jsonb, quotes text, component text)
     ), ins as (
       insert into timeline_entries ${ENTRY_COPY}
       select $1, x.id, x.sort_day, x.from_day, x.to_day, x.kind, x.status, x.source_count,
         array(select jsonb_array_elements_text(x.participant_keys)), array(select jsonb_array_elements_text(x.place_keys)),
         x.body::json, array(select jsonb_array_elements_text(x.fact_ids)), x.quotes
       from x
     )
     update timeline_facts t set entry_id = m.id, component = m.component
     from (select x.id, x.component, jsonb_array_elements_text(x.fact_ids) as fact_id from x) m
     where t.generation = $1 and t.fact_id = m.fact_id
       and (t.entry_id is distinct from m.id or t.component is distinct from m.component)`,
    [generation, JSON.stringify(rows)],
  );
}

/**
 * The entries of `generation` from its folded facts (timeline_fold) of `groups` (all if null), in one
 * sweep: facts stream in (kind group, date) order from a cursor, links are found among the facts whose
 * windows are still open (by blocking token), and each connected component is reconciled as soon as
 * the sweep has passed its last possible link. Its facts, with their entry, and its entries are
 * streamed by COPY into the generation's bare facts and entries tables (timeline_create_generation).
 * The caller drops the fold and attaches both tables (sweepGeneration, which sweeps two shares of the
 * groups at once). The components are the ones the live projector's closure finds, so the entries are
 * the same; memory is bounded by the open window, not the store.
 *
 * `read` runs in a read-only transaction (no transaction id: it holds back no projector); the facts'
 * COPY runs on `write` and the entries' on `entryWriter`, both while the sweep goes on.
 */
export async function recomputeEntries(
  read: PoolClient,
  write: PoolClient,
  generation: number,
  entryWriter: PoolClient,
  groups: readonly string[] | null = null,
): Promise<{ facts: number; entries: number }> {
  const foldTable = generationTable('timeline_fold', generation);
  // Each fact's outlet and publication, by article: looked up here, not joined row by row.
  const { rows: articleRows } = await write.query<{ id: string; outlet: string | null; publishedAt: string }>(
    `select article_id as id, outlet, published_at as "publishedAt" from timeline_articles where generation = $1 and latest_run is not null`,
    [generation],
  );
  const factCopy = new CopyIn(write, `copy ${generationTable('timeline_facts', generation)} ${FACT_COPY} from stdin`);
  const entryCopy = new CopyIn(entryWriter, `copy ${generationTable('timeline_entries', generation)} ${ENTRY_COPY} from stdin`);
  const sweep = new SweepRows(generation, articleRows, (row) => factCopy.add(row), (row) => entryCopy.add(row));
  try {
    await read.query('begin transaction isolation level repeatable read read only');
    // The fold has no index: its share is sorted here, before the first fetch returns, each share by its
    // own backend (an index built as the fold is attached sorted everything on one core, and the cursor
    // then read the fold in index order, a page per row). In memory up to 64 MB, about 500,000 facts.
    // JIT off: this plan's cost is past jit_above_cost, and compiling it took longer than running it.
    await read.query(`set local work_mem = '64MB'; set local jit = off`);
    await read.query(
      `declare facts_sweep no scroll cursor for
       select e.data, f.article_id as "articleId", f.position
       from (select f.kind_group, f.lo, f.fact_id, f.article_id, f.position from ${foldTable} f
             where $1::text[] is null or f.kind_group = any($1::text[])
             order by f.kind_group, f.lo nulls last, f.fact_id offset 0) f
       cross join lateral (select e.data from events e where e.global_position = f.position limit 1) e
       order by f.kind_group, f.lo nulls last, f.fact_id`,
      [groups],
    );
    // The next batch is fetched while this one is swept: the database reads as this process links.
    const nextBatch = () => {
      const rows = read.query<{ data: FactReportedData; articleId: string; position: string }>(`fetch 2000 from facts_sweep`);
      rows.catch(() => undefined); // awaited by the next turn; if the sweep fails first, the rollback reports
      return rows;
    };
    let ahead = nextBatch();
    for (;;) {
      const { rows } = await ahead;
      if (!rows.length) break;
      ahead = nextBatch();
      for (const r of rows) sweep.add(r);
      await Promise.all([factCopy.flush(), entryCopy.flush()]);
    }
    sweep.end();
    await Promise.all([factCopy.end(), entryCopy.end()]);
    await read.query('commit');
  } catch (err) {
    await Promise.all([factCopy.abort(err as Error), entryCopy.abort(err as Error)]);
    await read.query('rollback').catch(() => undefined);
    throw err;
  }
  return { facts: sweep.facts, entries: sweep.entries };
}

/**
 * The sweep's work in memory (recomputeEntries streams the cursor's rows through it): each folded
 * fact row in, in (kind group, day) order; each component's facts and entries out as COPY rows
 * (FACT_COPY and ENTRY_COPY) once the sweep has passed its last possible link.
 */
export class SweepRows {
  facts = 0;
  entries = 0;
  private readonly articles: Map<string, { outlet: string | null; publishedAt: string }>;
  // Per swept fact until its component closes: its features and its event's position (its COPY row is
  // made as it is sent: held until then, the rows' strings outlived the young generation).
  private readonly swept = new Map<string, { f: Features; position: string }>();
  private readonly sweep: ComponentSweep;

  constructor(
    generation: number,
    articles: readonly { id: string; outlet: string | null; publishedAt: string }[],
    factRow: (row: string) => void,
    entryRow: (row: string) => void,
  ) {
    this.articles = new Map(articles.map((a) => [a.id, a]));
    this.sweep = new ComponentSweep((component) => {
      const label = copyValue(componentLabel(component));
      for (const r of reconcile(component)) {
        entryRow(entryCopyRow(generation, r));
        const entry = copyValue(r.entry.id);
        for (const id of r.factIds) {
          const { f, position } = this.swept.get(id)!;
          this.swept.delete(id);
          factRow(`${factCopyHead(generation, f, position)}\t${entry}\t${label}\n`);
        }
        this.entries++;
      }
    });
  }

  add(r: { data: FactReportedData; articleId: string; position: string }): void {
    const f = featuresOf(toSourceFact(r.data, this.articles.get(r.articleId)!));
    this.swept.set(f.fact.factId, { f, position: r.position });
    this.sweep.add(f);
    this.facts++;
  }

  /** Emits every component still open. */
  end(): void {
    this.sweep.end();
  }
}

function pushTo<K>(lists: Map<K, number[]>, key: K, i: number): void {
  const list = lists.get(key);
  if (list) list.push(i);
  else lists.set(key, [i]);
}

/** Connected components of the link graph over facts added in (group, lo) order; see recomputeEntries. */
export class ComponentSweep {
  private group: string | null = null;
  private day: string | null = null;
  /** The day being swept, as a day number (dayNumber). */
  private today = 0;
  // Per fact, by its number in the group (numbers restart with each group): arrays, not maps, since
  // the inner loop below reads them for every candidate.
  private readonly feats: (Features | undefined)[] = [];
  private readonly parent: number[] = [];
  /** Per open fact: the last day a later fact could still link to it (a day number, as `today`). */
  private readonly until: number[] = [];
  /** Per fact: the last fact that judged it (so a candidate sharing several tokens is judged once). */
  private readonly judgedBy: number[] = [];
  private readonly members = new Map<number, number[]>();
  /** Per open root: the last day a later fact could still link to one of its members. */
  private readonly reach = new Map<number, number>();
  private readonly byBlock = new Map<string, number[]>();
  /**
   * The facts of the current day that can link by wording alone, by content word. Such a pair shares
   * two words: looking them up by word, not comparing every pair of the day, keeps a busy day linear
   * (every size of the bench spans the same weeks: at 50,000 articles a day holds five times the facts).
   * A fact naming no town looks among all of them (`byWord`), one naming towns only among those naming
   * none (`unplacedByWord`): reports of different towns never link by words, and two of the same town
   * share its name, a blocking token (at 50,000 articles, 88 % of the pairs of a day sharing a word
   * named different towns).
   */
  private readonly byWord = new Map<number, number[]>();
  private readonly unplacedByWord = new Map<number, number[]>();
  /** Per fact: how many words it shares with the fact being added (valid where wordStamp is that fact). */
  private readonly wordCount: number[] = [];
  private readonly wordStamp: number[] = [];
  /** The facts of the day sharing two words with the fact being added (addByWords' scratch). */
  private readonly found: number[] = [];
  private next = 0;

  constructor(private readonly emit: (facts: SourceFact[]) => void) {}

  add(f: Features): void {
    if (f.group !== this.group) {
      this.end();
      this.group = f.group;
    }
    if (!f.lo) {
      this.emit([f.fact]);
      return;
    }
    if (f.lo !== this.day) {
      this.day = f.lo;
      this.today = dayNumber(f.lo);
      this.clearWords();
      this.closeBefore(this.today);
    }
    const i = this.next++;
    this.feats[i] = f;
    this.parent[i] = i;
    this.judgedBy[i] = -1;
    this.members.set(i, [i]);
    const until = reachDayOf(f);
    this.until[i] = until;
    this.reach.set(i, until);
    this.wordStamp[i] = -1;
    const day = wordsBlockOf(f);
    if (day) this.addByWords(f, i);
    for (const b of f.blocks) {
      if (b === day) continue; // the facts of its day sharing two words: addByWords
      const list = this.byBlock.get(b);
      if (!list) {
        this.byBlock.set(b, [i]);
        continue;
      }
      let w = 0;
      for (const j of list) {
        const g = this.feats[j];
        if (!g || this.until[j] < this.today) continue; // closed or out of reach: drop
        list[w++] = j;
        if (this.judgedBy[j] === i) continue;
        this.judgedBy[j] = i;
        if (this.find(j) !== this.find(i) && link(g, f)) this.union(i, j);
      }
      list.length = w;
      list.push(i);
    }
  }

  /**
   * Links `f` to the facts of its day (all precise, all of its group) that share two of its words. The
   * words are counted to the end first: a busy day's reports share two words by formula by the
   * thousand ("warplanes bombed X" / "… Y"), and only those that share enough for `wordsMayLink` are
   * judged here. The others are left to the blocking tokens they share, if any (`link` needs one then).
   */
  private addByWords(f: Features, i: number): void {
    const placed = f.places.length > 0;
    const found = this.found;
    found.length = 0;
    for (const w of f.tokens) {
      const list = (placed ? this.unplacedByWord : this.byWord).get(w);
      if (list) {
        for (const j of list) {
          if (this.wordStamp[j] !== i) {
            this.wordStamp[j] = i;
            this.wordCount[j] = 1;
          } else if (++this.wordCount[j] === MIN_COMMON_WORDS) found.push(j);
        }
      }
      pushTo(this.byWord, w, i);
      if (!placed) pushTo(this.unplacedByWord, w, i);
    }
    for (const j of found) {
      const g = this.feats[j];
      if (!g || !wordsMayLink(g, f, this.wordCount[j])) continue;
      this.judgedBy[j] = i;
      if (this.find(j) !== this.find(i) && link(g, f)) this.union(i, j);
    }
  }

  /** Emits every open component (the end of a group, or of the input). */
  end(): void {
    for (const root of [...this.members.keys()]) this.close(root);
    this.byBlock.clear();
    this.clearWords();
    this.day = null;
    this.next = 0;
    for (const a of [this.feats, this.parent, this.until, this.judgedBy, this.wordCount, this.wordStamp]) a.length = 0;
  }

  private clearWords(): void {
    this.byWord.clear();
    this.unplacedByWord.clear();
  }

  private closeBefore(day: number): void {
    for (const [root, last] of this.reach) if (last < day) this.close(root);
  }

  private close(root: number): void {
    const m = this.members.get(root)!;
    this.members.delete(root);
    this.reach.delete(root);
    const facts = m.map((i) => this.feats[i]!.fact);
    for (const i of m) this.feats[i] = undefined;
    this.emit(facts);
  }

  private find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const n = this.parent[i];
      this.parent[i] = r;
      i = n;
    }
    return r;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    let ma = this.members.get(ra)!;
    let mb = this.members.get(rb)!;
    if (ma.length < mb.length) {
      [ra, rb] = [rb, ra];
      [ma, mb] = [mb, ma];
    }
    for (const x of mb) ma.push(x);
    this.parent[rb] = ra;
    this.members.delete(rb);
    const r1 = this.reach.get(ra)!;
    const r2 = this.reach.get(rb)!;
    this.reach.set(ra, r1 > r2 ? r1 : r2);
    this.reach.delete(rb);
  }
}
