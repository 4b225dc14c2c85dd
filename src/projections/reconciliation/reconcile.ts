/**
 * The reconciliation: facts in, entries out. A pure function of the SET of facts: the input is sorted
 * canonically first, every choice breaks ties on content, and entry ids hash content (never run ids,
 * positions or arrival order), so any order of the same articles, live or replayed, gives the same bytes.
 */
import { hash } from 'node:crypto';
import type { FactStatus, Figure } from '../../analysis/types';
import { labelOf, widthDays } from './dates';
import { Features, featuresOf, link, Link, reachOf } from './link';
import { byString, sortFew } from './sort';
import { fold } from './tokens';
import type { Conflict, EntryFigure, EntryProvenance, EntryStatus, EntryWhen, NamedKey, ReconciledEntry, SourceFact, TimelineEntry } from './types';

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** The content identity of a fact: what it says and where, not which run said it. */
export function canonicalKey(f: SourceFact): string {
  return JSON.stringify([
    f.articleId,
    f.evidence.start,
    f.evidence.end,
    f.kind,
    f.type,
    f.title,
    f.when.from,
    f.when.to,
    f.when.precision,
    f.status,
    f.figures.map((g) => [g.count, g.unit, g.start]),
  ]);
}

export function sortCanonically(facts: readonly SourceFact[]): SourceFact[] {
  const keyed = facts.map((f) => ({ f, k: canonicalKey(f) }));
  return sortFew(keyed, (a, b) => cmp(a.k, b.k) || cmp(a.f.factId, b.f.factId)).map((x) => x.f);
}

export function entryIdOf(f: SourceFact): string {
  // One call, not a Hash object per entry: 2-3 times faster over a rebuild's 100,000 entries.
  const h = hash('sha256', JSON.stringify([f.articleId, f.evidence.start, f.evidence.end, f.kind, f.title]), 'hex');
  return `e-${h.slice(0, 20)}`;
}

/** A cluster may take in a neighbour only when at least this share of their cross pairs are linked. */
const MIN_LINKED_SHARE = 0.25;
const MIN_LINKED_SHARE_UNDATED = 0.5;

/**
 * All linked pairs of the set, never comparing all pairs: within each kind group and blocking token
 * (a name, a count, a day, an article; see Features.blocks), a sweep over the facts in date order
 * compares only those whose windows meet. In no particular order: `reconcile` orders them fully.
 */
export function linkedPairs(fs: readonly Features[]): { i: number; j: number; l: NonNullable<Link> }[] {
  const blocks = new Map<string, number[]>();
  fs.forEach((f, i) => {
    if (!f.lo) return;
    for (const b of f.blocks) {
      const list = blocks.get(b);
      if (list) list.push(i);
      else blocks.set(b, [i]);
    }
  });
  const seen = new Set<number>();
  const n = fs.length;
  const out: { i: number; j: number; l: NonNullable<Link> }[] = [];
  for (const idx of blocks.values()) {
    if (idx.length < 2) continue;
    sortFew(idx, (x, y) => cmp(fs[x].lo!, fs[y].lo!) || x - y);
    for (let p = 0; p < idx.length; p++) {
      const a = fs[idx[p]];
      const reach = reachOf(a);
      for (let q = p + 1; q < idx.length && fs[idx[q]].lo! <= reach; q++) {
        const i = Math.min(idx[p], idx[q]);
        const j = Math.max(idx[p], idx[q]);
        const key = i * n + j;
        if (seen.has(key)) continue;
        seen.add(key);
        const l = link(fs[i], fs[j]);
        if (l) out.push({ i, j, l });
      }
    }
  }
  return out;
}


export function reconcile(input: readonly SourceFact[]): ReconciledEntry[] {
  // Most components of a sweep are one fact: its entry, without ordering or pairing a set of one.
  if (input.length === 1) return [buildEntry([input[0]])];
  const facts = sortCanonically(input);
  const fs = facts.map(featuresOf);
  // Dated reports agree among themselves first, then the rest by strength: a date is the strongest
  // evidence of identity, and undated reports that resemble each other must not pull a dated one away
  // from the reports that give its day.
  const tier = (p: { i: number; j: number }) => (fs[p.i].bounded || fs[p.j].bounded ? 1 : 0);
  const pairs = sortFew(linkedPairs(fs), (x, y) => tier(x) - tier(y) || y.l.score - x.l.score || x.i - y.i || x.j - y.j);
  const links = new Map<number, NonNullable<Link>>();
  const pk = (i: number, j: number) => (i < j ? i * fs.length + j : j * fs.length + i);
  for (const p of pairs) links.set(pk(p.i, p.j), p.l);

  // Greedy agglomeration, strongest link first. Every cross pair must be compatible (complete
  // linkage on dates and articles) and enough of them linked, so one shared word cannot chain clusters.
  const adjacent: number[][] = fs.map(() => []);
  for (const { i, j } of pairs) {
    adjacent[i].push(j);
    adjacent[j].push(i);
  }
  const clusterOf = fs.map((f, i) => Cluster.of(i, f));
  for (const { i, j } of pairs) {
    const A = clusterOf[i];
    const B = clusterOf[j];
    if (A === B || !mergeable(A, B, fs, links, pk, adjacent, clusterOf)) continue;
    // The larger takes the smaller in; the merged cluster keeps the smaller label (its first member).
    const [big, small] = A.members.length >= B.members.length ? [A, B] : [B, A];
    big.absorb(small);
    for (const m of small.members) clusterOf[m] = big;
  }
  const clusters = sortFew([...new Set(clusterOf)], (a, b) => a.label - b.label);
  const members = clusters.map((c) => sortFew(c.members, (x, y) => x - y));

  const entries = members.map((m) => buildEntry(m.map((i) => facts[i])));
  // Ids hash the smallest member; two identical facts would share one, so a repeat gets a suffix.
  const seen = new Map<string, number>();
  for (const e of entries) {
    const n = seen.get(e.entry.id) ?? 0;
    seen.set(e.entry.id, n + 1);
    if (n) e.entry.id = `${e.entry.id}-${n}`;
  }
  return sortFew(entries, (a, b) => compareEntries(a.entry, b.entry));
}

/** A cluster of the agglomeration, with what `mergeable` needs of all its members summed up. */
class Cluster {
  private constructor(
    public label: number,
    readonly members: number[],
    readonly articles: Set<string>,
    public group: string,
    /** Every member has an interval; the latest start and earliest end of them. */
    public dated: boolean,
    public maxLo: string,
    public minHi: string,
    public bounded: boolean,
  ) {}

  static of(i: number, f: Features): Cluster {
    return new Cluster(i, [i], new Set([f.fact.articleId]), f.group, !!f.lo, f.lo ?? '', f.hi ?? '', f.bounded);
  }

  absorb(o: Cluster): void {
    this.label = Math.min(this.label, o.label);
    for (const m of o.members) this.members.push(m);
    for (const a of o.articles) this.articles.add(a);
    this.dated &&= o.dated;
    if (o.maxLo > this.maxLo) this.maxLo = o.maxLo;
    if (o.minHi < this.minHi) this.minHi = o.minHi;
    this.bounded ||= o.bounded;
  }
}

/**
 * Whether two clusters may merge: enough of their cross pairs linked, and every cross pair that is
 * not linked compatible (other articles, one kind group, dates that meet). Links are counted on the
 * adjacency of the smaller cluster, and compatibility is read off the summaries; only when they show
 * an incompatible pair are the pairs themselves checked (it may be a linked one, which is allowed).
 */
function mergeable(
  A: Cluster,
  B: Cluster,
  fs: Features[],
  links: Map<number, NonNullable<Link>>,
  pk: (i: number, j: number) => number,
  adjacent: number[][],
  clusterOf: Cluster[],
): boolean {
  // Undated reports carry less evidence of identity, so clusters holding one need more of their pairs linked.
  const share = A.bounded || B.bounded ? MIN_LINKED_SHARE_UNDATED : MIN_LINKED_SHARE;
  const needed = Math.max(1, Math.ceil(share * A.members.length * B.members.length));
  const [small, other] = A.members.length <= B.members.length ? [A, B] : [B, A];
  let linked = 0;
  for (const x of small.members) for (const y of adjacent[x]) if (clusterOf[y] === other) linked++;
  if (linked < needed) return false;
  const [fewer, more] = A.articles.size <= B.articles.size ? [A.articles, B.articles] : [B.articles, A.articles];
  let clean = A.group === B.group && A.dated && B.dated && A.maxLo <= B.minHi && B.maxLo <= A.minHi;
  if (clean) for (const a of fewer) if (more.has(a)) clean = false;
  if (clean) return true;
  for (const x of A.members) {
    for (const y of B.members) {
      if (links.has(pk(x, y))) continue;
      const a = fs[x].fact;
      const b = fs[y].fact;
      // Never two reports of one article in one entry unless they said the same (then they are linked).
      if (a.articleId === b.articleId) return false;
      if (fs[x].group !== fs[y].group) return false;
      if (!datesCompatible(fs[x], fs[y])) return false;
    }
  }
  return true;
}

function datesCompatible(a: Features, b: Features): boolean {
  if (!a.lo || !b.lo) return false;
  return a.lo <= b.hi! && b.lo <= a.hi!;
}

/** The served order: by the entry's sort day (from, or to when only bounded), then id. */
export function sortDayOf(w: Pick<EntryWhen, 'from' | 'to'>): string {
  return w.from ?? w.to ?? '9999-12-31';
}

export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return cmp(sortDayOf(a.when), sortDayOf(b.when)) || cmp(a.id, b.id);
}

/** The entry of `members`, which are in canonical order (sortCanonically). */
function buildEntry(members: SourceFact[]): ReconciledEntry {
  const { when, dateConflict, carrier } = chooseWhen(members);
  const status = statusOf(members);
  const rep = representative(members, carrier);
  const articles = new Set(members.map((m) => m.articleId));
  const conflicts: Conflict[] = [];
  if (dateConflict) conflicts.push(dateConflict);
  const { figures, conflicts: figureConflicts } = figuresOf(members);
  conflicts.push(...figureConflicts);
  const byPublication = (a: SourceFact, b: SourceFact) => cmp(a.publishedAt, b.publishedAt) || cmp(a.articleId, b.articleId) || a.evidence.start - b.evidence.start;
  const sources = sortFew([...members], byPublication).map((m) => ({
    articleId: m.articleId,
    outlet: m.outlet,
    publishedAt: m.publishedAt,
    quote: m.evidence.text,
    start: m.evidence.start,
    end: m.evidence.end,
    timeExpression: m.datedBy.text,
    status: m.status,
    when: { from: m.when.from, to: m.when.to, precision: m.when.precision, edtf: m.when.edtf },
  }));
  const entry: TimelineEntry = {
    id: entryIdOf(members[0]),
    when,
    title: rep.title,
    kind: mostCommon(members.map((m) => m.kind)),
    status,
    participants: namedKeys(members.map((m) => m.participants)),
    places: namedKeys(members.map((m) => m.places)),
    figures,
    sources,
    sourceCount: articles.size,
    conflicts,
  };
  return { entry, factIds: sortFew(members.map((m) => m.factId), byString) };
}

/** Each member fact of an entry, in canonical order, with how it was dated (GET /timeline/entries/:id). */
export function provenanceOf(members: readonly SourceFact[]): EntryProvenance[] {
  return sortCanonically(members).map((m) => ({
    factId: m.factId,
    articleId: m.articleId,
    type: m.type,
    kind: m.kind,
    title: m.title,
    status: m.status,
    attribution: m.attribution,
    when: m.when,
    datedBy: m.datedBy,
    evidence: m.evidence,
  }));
}

const PRECISION_ORDER = ['day', 'range', 'month', 'season', 'year', 'bounded'];

/**
 * The entry's date: the most precise one its reports give (an undated report bounded by its
 * publication takes the date of a precise one). Precise days that disagree are a conflict; the day
 * most articles give wins, then the earliest.
 */
function chooseWhen(members: SourceFact[]): { when: EntryWhen; dateConflict: Conflict | null; carrier: SourceFact | null } {
  // Most entries are one fact with both ends: its date, without tallying a set of one.
  if (members.length === 1 && members[0].when.from && members[0].when.to) {
    const w = members[0].when;
    return { when: { from: w.from, to: w.to, precision: w.precision, edtf: w.edtf, label: labelOf(w) }, dateConflict: null, carrier: members[0] };
  }
  const days = new Map<string, Set<string>>();
  for (const m of members) if (m.when.from && m.when.from === m.when.to) (days.get(m.when.from) ?? days.set(m.when.from, new Set()).get(m.when.from)!).add(m.articleId);
  let dateConflict: Conflict | null = null;
  if (days.size > 1) {
    const vals = [...days.entries()].sort((a, b) => cmp(a[0], b[0]));
    dateConflict = { field: 'date', values: vals.map(([d, ids]) => ({ value: d, label: labelOf({ from: d, to: d, precision: 'day' }), articleIds: [...ids].sort() })) };
  }
  const closed = members.filter((m) => m.when.from && m.when.to);
  if (closed.length) {
    // How many articles give each exact interval: counted once, not in every comparison.
    const articlesOf = new Map<string, Set<string>>();
    for (const m of closed) {
      const k = `${m.when.from}/${m.when.to}`;
      (articlesOf.get(k) ?? articlesOf.set(k, new Set()).get(k)!).add(m.articleId);
    }
    const support = (m: SourceFact) => articlesOf.get(`${m.when.from}/${m.when.to}`)!.size;
    const best = sortFew(
      closed,
      (a, b) =>
        widthDays(a.when) - widthDays(b.when) ||
        support(b) - support(a) ||
        statusRank(a.status) - statusRank(b.status) ||
        PRECISION_ORDER.indexOf(a.when.precision) - PRECISION_ORDER.indexOf(b.when.precision) ||
        cmp(a.when.from!, b.when.from!),
    )[0];
    const w = best.when;
    return { when: { from: w.from, to: w.to, precision: w.precision, edtf: w.edtf, label: labelOf(w) }, dateConflict, carrier: best };
  }
  // Only bounds: on or before the tightest upper bound, on or after the latest lower one.
  const tos = sortFew(members.map((m) => m.when.to).filter((d): d is string => !!d), byString);
  const froms = sortFew(members.map((m) => m.when.from).filter((d): d is string => !!d), byString);
  const to = tos[0] ?? null;
  const from = froms[froms.length - 1] ?? null;
  const carrier = members.find((m) => m.when.to === to && m.when.from === from) ?? null;
  // The EDTF of a member that gives exactly these bounds (always so for one member), else written out.
  const edtf = carrier?.when.edtf ?? `${from ?? ''}..${to ?? ''}`.replace(/^\.\./, '../').replace(/\.\.$/, '/..').replace(/^(\d{4}-\d{2}-\d{2})\.\.(\d)/, '$1/$2');
  return { when: { from, to, precision: from && to ? 'range' : 'bounded', edtf, label: labelOf({ from, to, precision: 'bounded' }) }, dateConflict, carrier };
}

function statusRank(s: FactStatus): number {
  return s === 'reported' ? 0 : s === 'claimed' ? 1 : s === 'planned' ? 2 : 3;
}

/** planned + reported = confirmed; a claim nobody else reports stays a claim; a denial beside reports = disputed. */
function statusOf(members: SourceFact[]): EntryStatus {
  const s = new Set(members.map((m) => m.status));
  if (s.has('planned') && (s.has('reported') || s.has('claimed'))) return 'confirmed';
  if (s.has('denied')) return s.size === 1 ? 'denied' : 'disputed';
  if (s.has('reported')) return 'reported';
  if (s.has('claimed')) return 'claimed';
  return 'planned';
}

/**
 * The member whose wording titles the entry: a report (not a plan) carrying the chosen date, the
 * earliest published, else the first. `members` are in canonical order (buildEntry), so among equals
 * the first found is the canonically least: no key is computed.
 */
function representative(members: SourceFact[], carrier: SourceFact | null): SourceFact {
  let best: SourceFact | null = null;
  for (const m of members) {
    if (carrier && (m.when.from !== carrier.when.from || m.when.to !== carrier.when.to)) continue;
    const byStatus = best ? statusRank(m.status) - statusRank(best.status) : -1;
    if (byStatus < 0 || (byStatus === 0 && m.publishedAt < best!.publishedAt)) best = m;
  }
  return best ?? members[0];
}

/** The most frequent value, the least of them on a tie. */
function mostCommon(values: string[]): string {
  if (values.length === 1) return values[0]; // most names and every one-fact entry's kind
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, c] of n) if (c > n.get(best)! || (c === n.get(best)! && v < best)) best = v;
  return best;
}

/** The named keys of the members' mentions (one list per member: no flattened copy of them). */
function namedKeys(lists: { text: string; key: string }[][]): NamedKey[] {
  const byKey = new Map<string, string[]>();
  for (const ms of lists) for (const m of ms) if (m.key) (byKey.get(m.key) ?? byKey.set(m.key, []).get(m.key)!).push(m.text);
  return sortFew([...byKey.keys()], byString).map((key) => ({ key, text: mostCommon(byKey.get(key)!) }));
}

/** The day a figure speaks of: the fact's day, or for a running total the day it was reported up to. */
function asOfOf(m: SourceFact): string | null {
  return m.when.to ?? m.when.from ?? m.publishedAt.slice(0, 10);
}

function lowerBound(q: Figure['qualifier']): boolean {
  return q === 'over' || q === 'at least';
}

/** Two counts of one thing on one day contradict unless one is only a lower bound the other meets, or both approximate and close. */
function contradicts(a: EntryFigure, b: EntryFigure): boolean {
  if (a.count === b.count) return false;
  if (lowerBound(a.qualifier) && b.count >= a.count) return false;
  if (lowerBound(b.qualifier) && a.count >= b.count) return false;
  if (a.qualifier === 'up to' && b.count <= a.count) return false;
  if (b.qualifier === 'up to' && a.count <= b.count) return false;
  const approx = (q: Figure['qualifier']) => q === 'about' || q === 'approximate';
  if ((approx(a.qualifier) || approx(b.qualifier)) && Math.abs(a.count - b.count) <= 0.1 * Math.max(a.count, b.count)) return false;
  return true;
}

function figuresOf(members: SourceFact[]): { figures: EntryFigure[]; conflicts: Conflict[] } {
  const merged = new Map<string, EntryFigure>();
  for (const m of members) {
    const asOf = asOfOf(m);
    for (const f of m.figures) {
      const unit = fold(f.unit);
      const k = `${unit}\u0000${f.count}\u0000${f.qualifier}\u0000${asOf}`; // a key of the four, not JSON of them
      const e = merged.get(k) ?? { count: f.count, qualifier: f.qualifier, unit, text: f.text, asOf, articleIds: [] };
      if (!e.articleIds.includes(m.articleId)) e.articleIds.push(m.articleId);
      if (f.text < e.text) e.text = f.text;
      merged.set(k, e);
    }
  }
  const figures = sortFew([...merged.values()], (a, b) => cmp(a.unit, b.unit) || cmp(a.asOf ?? '', b.asOf ?? '') || a.count - b.count || cmp(a.qualifier, b.qualifier));
  for (const f of figures) sortFew(f.articleIds, byString);
  const conflicts: Conflict[] = [];
  const groups = new Map<string, EntryFigure[]>();
  for (const f of figures) {
    const k = `${f.unit}\u0000${f.asOf}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(f);
  }
  for (const g of groups.values()) {
    const clash = g.some((a, i) => g.some((b, j) => j > i && contradicts(a, b) && a.articleIds.some((x) => !b.articleIds.includes(x))));
    if (!clash) continue;
    conflicts.push({
      field: 'figures',
      unit: g[0].unit,
      asOf: g[0].asOf,
      values: g.map((f) => ({ value: f.count, label: f.text, articleIds: f.articleIds })),
    });
  }
  return { figures, conflicts };
}
