/** Shared by the timeline tests: the seeds as POST /articles bodies, paging GET /timeline, and check.py's gold score ported. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface SeedBody {
  id: string;
  text: string;
  publishedAt: string;
  timezone: string;
  [k: string]: unknown;
}

export function seedArticles(): SeedBody[] {
  const man = JSON.parse(readFileSync(join(ROOT, 'seeds/manifest.json'), 'utf8'));
  return man.articles.map((a: Record<string, unknown>) => {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a)) if (k !== 'file' && v !== null) body[k] = v;
    body.text = readFileSync(join(ROOT, 'seeds', a.file as string), 'utf8');
    body.timezone = man.timezone;
    return body as SeedBody;
  });
}

export async function post(base: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
}

export async function ingest(base: string, articles: SeedBody[]): Promise<{ ids: Record<string, string>; texts: Record<string, string>; positions: string[] }> {
  const ids: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const a of articles) {
    const r = await post(base, '/articles', a);
    if (r.status !== 200 && r.status !== 201) throw new Error(`POST /articles ${a.id} -> ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    ids[a.id] = r.body.articleId ?? a.id;
    texts[ids[a.id]] = a.text;
  }
  return { ids, texts, positions: [] };
}

export async function timeline(base: string, query = ''): Promise<{ entries: any[]; position: string }> {
  const entries: any[] = [];
  let cursor: string | null = null;
  let position = '0';
  do {
    const r = await fetch(`${base}/timeline?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    if (r.status !== 200) throw new Error(`GET /timeline -> ${r.status} ${await r.text()}`);
    const j: any = await r.json();
    entries.push(...j.entries);
    position = j.position;
    cursor = j.nextCursor;
  } while (cursor);
  return { entries, position };
}

/** The store's last position: GET /timeline?minPosition= of it reads every write made so far. */
export async function settled(base: string, head: string, timeoutMs = 90_000): Promise<any[]> {
  // The commit-safe horizon is the server's oldest running transaction, in any database: a long
  // transaction elsewhere on a shared test server holds every projector back until it ends.
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${base}/timeline?limit=1&minPosition=${head}`);
    const j: any = await r.json();
    if (BigInt(j.position) >= BigInt(head)) break;
    if (Date.now() > until) throw new Error(`the projection did not reach ${head} (at ${j.position})`);
  }
  return (await timeline(base)).entries;
}

// ---------------------------------------------------------------- check.py score_gold, ported

interface GoldEvent {
  key: string;
  tier: 'A' | 'B';
  when: { from: string | null; to: string };
  alsoAccept?: { from: string | null; to: string }[];
  sources: Record<string, string>;
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

function shift(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function sourceSpan(src: any, texts: Record<string, string>): [number, number] {
  const text = texts[src.articleId] ?? '';
  if (Number.isInteger(src.start) && Number.isInteger(src.end)) return [src.start, src.end];
  const q = src.quote ?? '';
  const i = q ? text.indexOf(q) : -1;
  return i >= 0 ? [i, i + q.length] : [-1, -1];
}

function dateOk(when: any, gold: GoldEvent, tier: string): boolean {
  let f: string | null = when?.from ?? null;
  let t: string | null = when?.to ?? null;
  if (!t) return false;
  f = f && f.slice(0, 10);
  t = t.slice(0, 10);
  for (const acc of [gold.when, ...(gold.alsoAccept ?? [])]) {
    if (acc.from === null) {
      if (t <= acc.to && (tier === 'B' || t >= shift(acc.to, -3))) return true;
    } else if (f && acc.from <= f && f <= t && t <= acc.to) return true;
  }
  return false;
}

export interface GoldScore {
  a: [number, number];
  b: [number, number];
  merge: [number, number];
  future: string[];
  fails: string[];
  entries: number;
  pass: boolean;
}

/** Python's sort of tuples, reverse=True: compare element by element. */
function pyCmp(x: unknown[], y: unknown[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const a = x[i] as any;
    const b = y[i] as any;
    const av = typeof a === 'boolean' ? Number(a) : a;
    const bv = typeof b === 'boolean' ? Number(b) : b;
    if (av < bv) return -1;
    if (av > bv) return 1;
  }
  return x.length - y.length;
}

export function scoreGold(entries: any[], gid: Record<string, string>, texts: Record<string, string>): GoldScore {
  const gold: { events: GoldEvent[] } = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/gold-chronology.json'), 'utf8'));
  const res = { A: [0, 0] as [number, number], B: [0, 0] as [number, number] };
  let mergeNum = 0;
  let mergeDen = 0;
  const fails: string[] = [];
  const spans = new Map<string, Map<string, [number, number]>>();
  const cover = new Map<string, Set<string>>(); // `${key}|${n}` -> articles
  const ck = (k: string, n: number) => `${k}|${n}`;
  for (const ev of gold.events) {
    const sp = new Map<string, [number, number]>();
    for (const [sid, q] of Object.entries(ev.sources)) {
      const aid = gid[sid];
      const i = texts[aid].indexOf(q);
      sp.set(aid, [i, i + q.length]);
    }
    spans.set(ev.key, sp);
    const need = Math.min(10, Math.min(...[...sp.values()].map(([s, e]) => e - s)));
    entries.forEach((en, n) => {
      const got = new Set<string>();
      for (const src of en.sources ?? []) {
        const aid = src.articleId;
        if (sp.has(aid)) {
          const [a, b] = sourceSpan(src, texts);
          const [s, e] = sp.get(aid)!;
          if (overlap(a, b, s, e) >= need) got.add(aid);
        }
      }
      if (got.size) cover.set(ck(ev.key, n), got);
    });
  }
  const evs = new Map(gold.events.map((e) => [e.key, e]));
  const cands = [...cover.entries()].map(([kn, g]) => {
    const [k, ns] = kn.split('|');
    const n = Number(ns);
    return [g.size / spans.get(k)!.size, dateOk(entries[n].when, evs.get(k)!, evs.get(k)!.tier), k, n] as [number, boolean, string, number];
  });
  cands.sort((x, y) => -pyCmp(x, y));
  const assigned = new Map<string, number>();
  const taken = new Set<number>();
  for (const [, , k, n] of cands) {
    if (!assigned.has(k) && !taken.has(n)) {
      assigned.set(k, n);
      taken.add(n);
    }
  }
  const home = new Map<number, [string, [number, number]]>();
  for (const [kn, g] of cover) {
    const [k, ns] = kn.split('|');
    const m = Number(ns);
    const score: [number, number] = [g.size, g.size / spans.get(k)!.size];
    if (!taken.has(m) && (!home.has(m) || pyCmp(score, home.get(m)![1]) > 0)) home.set(m, [k, score]);
  }
  for (const ev of gold.events) {
    const { key: k, tier } = ev;
    res[tier][1]++;
    mergeDen += spans.get(k)!.size;
    const n = assigned.get(k);
    const held = n !== undefined ? cover.get(ck(k, n))!.size : 0;
    mergeNum += held;
    const dok = n !== undefined && dateOk(entries[n].when, ev, tier);
    const dups = [...cover.entries()].filter(([kn, g]) => {
      const [kk, ms] = kn.split('|');
      const m = Number(ms);
      return kk === k && !taken.has(m) && home.get(m)![0] === k && g.size >= 2 && dateOk(entries[m].when, ev, tier);
    });
    const ok = dok && (tier === 'B' || (held === spans.get(k)!.size && dups.length === 0));
    if (ok) res[tier][0]++;
    else {
      const w = n !== undefined ? JSON.stringify(entries[n].when) : null;
      fails.push(`${tier} ${k}: want ${JSON.stringify(ev.when)} from ${spans.get(k)!.size} sources; got ${held} sources, when ${w}, split duplicates ${dups.length}`);
    }
  }
  const future = entries.filter((en) => ((en.when ?? {}).to ?? '').slice(0, 10) > '2024-12-01').map((en) => en.title);
  return {
    a: res.A,
    b: res.B,
    merge: [mergeNum, mergeDen],
    future,
    fails,
    entries: entries.length,
    pass: res.A[0] === res.A[1] && res.B[0] >= 8 && future.length === 0,
  };
}
