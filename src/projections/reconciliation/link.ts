/**
 * When two facts can be the same happening: a pure, symmetric function of the two facts alone (never
 * of the other facts around them), so the connected components it draws, and hence the entries, are a
 * function of the set of facts whatever order they arrived in. The projector's blocking query is a
 * superset filter of exactly this predicate (same kind group, date windows that can meet).
 */
import type { SourceFact } from './types';
import { addDays, DATE_CONFLICT_DAYS, dayNumber, effectiveInterval, isPreciseDay } from './dates';
import { commonCount, fold, intersectionSize, tokenIds } from './tokens';
import { sortFew, byString } from './sort';
import { Taken, takenOf } from './taken';
import { COUNTRIES } from '../../analysis/demonyms';
import { normaliseKey } from '../../analysis/normalise-key';

/** Country keys: a country named by two reports says little about whether they tell one happening. */
const COUNTRY_KEYS: ReadonlySet<string> = new Set([...COUNTRIES].map(normaliseKey));

/**
 * Kinds that name the same sort of happening in different words. Everything else links only to its
 * own kind. Kept small on purpose: a loose group lets unrelated happenings of one day merge.
 */
export const KIND_GROUPS: Readonly<Record<string, string>> = {
  visit: 'visit',
  meeting: 'visit',
  ceasefire: 'ceasefire',
  agreement: 'ceasefire',
};

export const kindGroupOf = (kind: string): string => KIND_GROUPS[kind] ?? kind;

/**
 * A statement is identified by who made it: two statements of a day in similar words but with no
 * name in common are different people saying the same thing ("called for restraint").
 */
const wordsCanIdentify = (group: string): boolean => group !== 'statement';

/** What the predicate needs of a fact, computed once per fact. */
export interface Features {
  fact: SourceFact;
  group: string;
  keys: string[];
  /** Its content words (evidence and title), as sorted ids (see tokenIds). */
  tokens: Float64Array;
  lo: string | null;
  /** Its effective interval's end (effectiveInterval), no later than its publication unless it is a plan. */
  hi: string | null;
  precise: boolean;
  bounded: boolean;
  /** Units of its figures, for telling a running toll of another day from a contradiction. */
  units: string[];
  /** Distinctive counts it reports (e.g. 412): the same toll in other words is the same report. */
  counts: string[];
  /** The place it says was taken or retaken ("seized control of most of Mosul"), if it says so. */
  taken: Taken | null;
  /** Its places below the country level: two reports of different towns are not one happening. */
  places: string[];
  /**
   * Blocking tokens: two facts of one group whose windows meet can link only if they share one (a
   * name, a distinctive count, the precise day, or the article). The projector finds candidates by
   * these in SQL and the reconciliation in memory, so neither compares all pairs of a busy month.
   */
  blocks: string[];
  /** Its day token, one of its blocks, if it can link by wording alone (see wordsBlockOf). */
  day: string | null;
}

// A fact's features are read by the fold, the sweep and the reconciliation: computed once per object
// (facts are never mutated once built). Kept on the fact under a private symbol, not in a WeakMap: the
// GC traces a WeakMap's entries as ephemerons, which over a rebuild's 200,000 facts cost about 8 % of
// its in-memory CPU. Not enumerable, so JSON, spreads and key lists never see it.
const FEATURES = Symbol('features');

export function featuresOf(fact: SourceFact): Features {
  let f = (fact as SourceFact & { [FEATURES]?: Features })[FEATURES];
  if (!f) {
    f = compute(fact);
    if (Object.isExtensible(fact)) Object.defineProperty(fact, FEATURES, { value: f });
  }
  return f;
}

function compute(fact: SourceFact): Features {
  const keys: string[] = [];
  for (const m of fact.participants) if (m.key) keys.push(m.key);
  for (const m of fact.places) if (m.key) keys.push(m.key);
  const places: string[] = [];
  for (const p of fact.places) if (p.key && !COUNTRY_KEYS.has(p.key)) places.push(p.key);
  const units: string[] = [];
  const counts: string[] = [];
  for (const g of fact.figures) {
    units.push(fold(g.unit));
    if (distinctive(g)) counts.push(String(g.count));
  }
  const iv = effectiveInterval(fact.when);
  // What a report says has happened happened by its publication: "this year" in an April report is January to
  // April, not a happening of August (only a plan can lie after it).
  const published = fact.publishedAt.slice(0, 10);
  const hi = iv && fact.status !== 'planned' && published < iv.hi && published >= iv.lo ? published : iv?.hi ?? null;
  const f: Features = {
    fact,
    group: kindGroupOf(fact.kind),
    keys: sortedUnique(keys),
    tokens: titleInEvidence(fact.title, fact.evidence.text) ? tokenIds(fact.evidence.text) : tokenIds(fact.evidence.text, fact.title),
    lo: iv?.lo ?? null,
    hi,
    precise: isPreciseDay(fact.when),
    bounded: !fact.when.from || !fact.when.to,
    units: sortedUnique(units),
    counts: sortedUnique(counts),
    taken: takenOf(fact),
    places: sortedUnique(places),
    blocks: [],
    day: null,
  };
  f.day = f.precise && wordsCanIdentify(f.group) ? `${f.group}|d:${fact.when.from}` : null;
  f.blocks = blocksOf(f);
  return f;
}

/**
 * Whether `title` is a run of `evidence` between word boundaries, up to the case of its first letter
 * (titleOf capitalises it): then it has no content word the evidence lacks, and is not tokenized
 * again. A title cut short (…) or respaced is not, and its words are read as usual.
 */
function titleInEvidence(title: string, evidence: string): boolean {
  if (!title) return true;
  const at = evidence.indexOf(title.slice(1)) - 1;
  if (at < 0 || !sameLetter(evidence.charCodeAt(at), title.charCodeAt(0))) return false;
  const end = at + title.length;
  return (at === 0 || separates(evidence.charCodeAt(at - 1))) && (end === evidence.length || separates(evidence.charCodeAt(end)));
}

/** The same character, or the same ASCII letter in either case. */
function sameLetter(a: number, b: number): boolean {
  return a === b || ((a | 32) === (b | 32) && (a | 32) >= 97 && (a | 32) <= 122);
}

/** A character that ends a content word however the text is folded: ASCII, neither a letter, a digit nor an apostrophe. */
function separates(c: number): boolean {
  return c < 128 && !(c >= 48 && c <= 57) && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) && c !== 39 && c !== 96;
}

/** `[...new Set(values)].sort()` of a fresh array, without the set for the usual none or one value. */
function sortedUnique(values: string[]): string[] {
  return values.length < 2 ? values : sortFew([...new Set(values)], byString);
}

/** Every way `link` can accept a pair leaves a shared token here (see the branches of `link`). */
function blocksOf(f: Features): string[] {
  // Qualified by the group, so one GIN lookup finds only candidates of the same sort of happening.
  const g = `${f.group}|`;
  const out = new Set<string>([`${g}a:${f.fact.articleId}`]);
  for (const k of f.keys) out.add(`${g}k:${k}`);
  for (const k of f.taken?.keys ?? []) out.add(`${g}k:${k}`);
  // A count shared without a name links two counts at once, or one rare count as of the same day (see
  // `link`): blocked on those, one toll does not compare every report of it across the window.
  for (let x = 0; x < f.counts.length; x++) for (let y = x + 1; y < f.counts.length; y++) out.add(`${g}c:${f.counts[x]}+${f.counts[y]}`);
  const asOf = f.precise ? `d${f.fact.when.from}` : f.bounded ? `b${f.fact.when.to}` : null;
  if (asOf) for (const c of f.counts) if (c.length >= RARE_COUNT_DIGITS) out.add(`${g}c:${c}@${asOf}`);
  const blocks = [...out];
  const day = wordsBlockOf(f);
  if (day) blocks.push(day);
  return sortFew(blocks, byString);
}

/**
 * The day token of a fact that can link to another of its day by wording alone (a precise day, of a
 * group where words can identify: see `link`), or null. Such a pair shares at least two content words
 * (MIN_COMMON_WORDS), which is what ComponentSweep looks for among the facts of a day instead.
 */
export function wordsBlockOf(f: Features): string | null {
  return f.day;
}

/** The fewest content words two reports of one day share to be linked by wording alone. */
export const MIN_COMMON_WORDS = 2;

/**
 * Whether two reports of one day sharing `common` of their words (of `a` and `b` words) say enough
 * alike to be linked by wording alone, as far as the words tell (`link` asks more of some pairs).
 * Short clauses in different words ("launched a coordinated offensive" / "launched a coordinated
 * assault") share few words, so the share is taken of the shorter.
 */
export const wordsCanLink = (common: number, a: number, b: number): boolean => common >= MIN_COMMON_WORDS && common >= 0.25 * Math.min(a, b);

/**
 * What the words and towns decide of `link`'s branch for two reports of one precise day in like words,
 * given the `common` content words they share: enough of them (a word more when each names someone or
 * somewhere: "floods struck X" / "floods struck Y"), and no different towns. A pair that fails it links,
 * if at all, through a name, a count, a place taken or its article, each a blocking token they share.
 */
export function wordsMayLink(a: Features, b: Features, common: number): boolean {
  const minCommon = a.keys.length > 0 && b.keys.length > 0 ? MIN_COMMON_WORDS + 1 : MIN_COMMON_WORDS;
  return common >= minCommon && wordsCanLink(common, a.tokens.length, b.tokens.length) && !placeConflictOf(a, b);
}

/** A count of this many digits (412, not 12) identifies a report alone, as of the same day. */
const RARE_COUNT_DIGITS = 3;

/** Small counts (three people, two towns) recur by chance; larger ones identify a report. */
const MIN_DISTINCTIVE_COUNT = 10;

/**
 * A count that identifies a report: at least ten, said exactly (not "thousands"), and not a round
 * number of one significant digit (2,000 or $9 million recur in unrelated stories; 412 and 1,500 less so).
 */
function distinctive(f: { count: number; qualifier: string }): boolean {
  if (f.count < MIN_DISTINCTIVE_COUNT || f.qualifier === 'approximate') return false;
  return String(f.count).replace(/0+$/, '').length >= 2;
}

/**
 * The last day a fact of a later or equal `lo` can still link to `f`: its own end, or a week past it
 * for a precise day (only two precise days link across a gap, as a disputed date; see `link`).
 */
export const reachOf = (f: Features): string => (f.precise ? addDays(f.hi!, DATE_CONFLICT_DAYS) : f.hi!);

/** `reachOf` as a day number (dayNumber). */
export const reachDayOf = (f: Features): number => dayNumber(f.hi!) + (f.precise ? DATE_CONFLICT_DAYS : 0);

export type Link = { score: number; dateConflict: boolean } | null;

/** Two facts of one article are one entry only when they say nearly the same thing (a repeated sentence). */
const SAME_ARTICLE_SIMILARITY = 0.8;

/** Both name towns (below the country level), and none in common: never one happening by words alone. */
export const placesConflict = (a: readonly string[], b: readonly string[]): boolean =>
  a.length > 0 && b.length > 0 && intersectionSize(a, b) === 0;

const placeConflictOf = (a: Features, b: Features): boolean => placesConflict(a.places, b.places);

/** Of the same day: the same precise day, or running totals as of the same day (bounded by it). */
const sameAsOf = (a: Features, b: Features): boolean =>
  (a.precise && b.precise && a.fact.when.from === b.fact.when.from) || (a.bounded && b.bounded && a.fact.when.to === b.fact.when.to);

/** Both give figures of the same unit, and no count in common. */
const figuresDiffer = (a: Features, b: Features): boolean =>
  a.units.length > 0 && b.units.length > 0 && intersectionSize(a.units, b.units) > 0 && intersectionSize(a.counts, b.counts) === 0;

/** Both say the same place was taken (or both that it was retaken): one happening in other words. */
export function sameTaken(a: Features, b: Features): boolean {
  return !!a.taken && !!b.taken && a.taken.cls === b.taken.cls && intersectionSize(a.taken.keys, b.taken.keys) > 0;
}

/** The Jaccard similarity of two facts' content words, given how many they share. */
const jaccard = (a: Features, b: Features, common: number): number => common && common / (a.tokens.length + b.tokens.length - common);

/** The Jaccard similarity of two facts' content words. */
const similarity = (a: Features, b: Features): number => jaccard(a, b, commonCount(a.tokens, b.tokens));

/**
 * The link between two facts, or null. A link needs a compatible kind, compatible dates, and either a
 * shared key participant or place with some shared wording, or strongly shared wording: a shared key
 * alone ("Iraq") chains every statement of a month together. Reports that a place was taken link on
 * the place taken (never on a place merely named) within the dates they share.
 */
export function link(a: Features, b: Features): Link {
  if (a.group !== b.group) return null;
  if (!a.lo || !b.lo) return null;
  const taken = sameTaken(a, b);
  const shared = intersectionSize(a.keys, b.keys);
  // `overlaps` of the two facts' dates, on the intervals computed once per fact.
  const overlap = a.lo <= b.hi! && b.lo <= a.hi!;
  if (a.fact.articleId === b.fact.articleId) {
    if (!overlap) return null;
    // Jaccard is at most the ratio of the two sizes: most sentences of an article are not a repeat.
    const [m, n] = [a.tokens.length, b.tokens.length];
    if (!taken && Math.min(m, n) < SAME_ARTICLE_SIMILARITY * Math.max(m, n)) return null;
    const sim = similarity(a, b);
    if (sim >= SAME_ARTICLE_SIMILARITY) return { score: 10 + sim, dateConflict: false };
    // An article restating its own news ("gained control of the city" in the lede, "has seized most of
    // Mosul" below): the same place taken in the same dates is one happening told twice.
    return taken ? { score: 1 + shared + 3 * sim, dateConflict: false } : null;
  }
  // Running totals: the same count reported as of different days is a series, not one happening.
  if (a.units.length && b.units.length && a.bounded && b.bounded && a.fact.when.to !== b.fact.when.to && intersectionSize(a.units, b.units) > 0) {
    return null;
  }
  if (!overlap) {
    // Two precise, nearby days for what is plainly one happening: one entry with a date conflict. Not when
    // either names someone or somewhere the other does not (a ceasefire of one group with another
    // government, days later), nor with other figures of the same thing (a toll a week later).
    const nested = shared === Math.min(a.keys.length, b.keys.length);
    if (a.precise && b.precise && Math.abs(dayNumber(a.fact.when.from!) - dayNumber(b.fact.when.from!)) <= DATE_CONFLICT_DAYS && shared >= 1 && nested && !placeConflictOf(a, b) && !figuresDiffer(a, b)) {
      const sim = similarity(a, b);
      if (sim >= 0.5) return { score: shared + 3 * sim, dateConflict: true };
    }
    return null;
  }
  const sameCount = intersectionSize(a.counts, b.counts) > 0;
  const sameDay = a.precise && b.precise && a.fact.when.from === b.fact.when.from;
  let ok: boolean;
  // The share of words is computed where a branch needs it: most pairs a busy day offers are settled
  // before (other towns, no name in common), and comparing two facts' words is the costly part.
  let sim = -1;
  // Different towns, with no report naming a town of the other: different happenings (a capture of
  // the same place, or the same distinctive toll, still says they are one).
  const placeConflict = placeConflictOf(a, b);
  if (taken) ok = true;
  // A shared count links with a shared name; without one, only two counts that agree ("412 killed,
  // including 61 civilians"), or one rare enough to identify the report (412, not 12) as of the same
  // day: across thousands of reports a fortnight, one three-digit toll recurs by chance.
  else if (sameCount) ok = !placeConflict && (shared >= 1 || intersectionSize(a.counts, b.counts) >= 2 || (sameAsOf(a, b) && a.counts.some((c) => c.length >= RARE_COUNT_DIGITS && b.counts.includes(c))));
  else if (placeConflict) ok = false;
  else if (sameDay) {
    // Same kind on the same precise day, in like words (wordsCanLink). Words alone do not say two
    // reports are one when they give different figures of one thing. When each names someone or
    // somewhere and none in common, two words are a formula ("floods struck X" / "floods struck Y"):
    // the wording must say more.
    const common = commonCount(a.tokens, b.tokens);
    sim = jaccard(a, b, common);
    const wordsOnly = wordsCanIdentify(a.group) && wordsMayLink(a, b, common) && !figuresDiffer(a, b);
    ok = (shared >= 1 && common >= 1) || wordsOnly;
  }
  // Without a shared name, only a report of the same day in nearly the same words (above) is linked:
  // wording alone chains every "government pledged" of a year together.
  else if (!shared) ok = false;
  // An undated report (bounded by its publication) says little by its date: with one shared name, its
  // wording must say the rest.
  else if (a.bounded || b.bounded) {
    sim = similarity(a, b);
    ok = sim >= 0.2 || (shared >= 2 && sim >= 0.06);
  }
  // Months and years hold many happenings of a kind: a wide date needs two shared names.
  else if (!a.precise || !b.precise) ok = shared >= 2 && (sim = similarity(a, b)) >= 0.08;
  else ok = (sim = similarity(a, b)) >= 0.08;
  if (!ok) return null;
  if (sim < 0) sim = similarity(a, b);
  return { score: shared + 3 * sim + (sameDay ? 1 : 0) + (sameCount ? 2 : 0) + (taken ? 1 : 0), dateConflict: false };
}
