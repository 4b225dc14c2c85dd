import type { Mention, When } from '../analysis/types';
import { Features, featuresOf, link } from './reconciliation/link';
import type { SourceFact } from './reconciliation/types';
import { ComponentSweep } from './timeline.projection';

/** A deterministic generator (LCG), so a failure names the same facts every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

const WORDS = 'shelled market convoy bridge mortar rockets hospital border checkpoint village airport refinery barracks depot'.split(' ');
const KINDS = ['attack', 'attack', 'visit', 'meeting', 'statement'];

function randomFacts(count: number, seed: number): SourceFact[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out: SourceFact[] = [];
  for (let i = 0; i < count; i++) {
    const d = `2024-03-0${1 + Math.floor(r() * 4)}`;
    const when: When = r() < 0.8 ? { from: d, to: d, precision: 'day', edtf: d, timex3: d } : { from: null, to: d, precision: 'bounded', edtf: `../${d}`, timex3: 'PAST_REF' };
    const words = Array.from({ length: 3 + Math.floor(r() * 4) }, () => pick(WORDS));
    const people: Mention[] = r() < 0.4 ? [{ text: pick(['Zarin Front', 'Omar Tesk', 'Larkin']), key: pick(['zarinfront', 'omartesk', 'larkin']), start: 0, end: 5 }] : [];
    const articleId = `a${Math.floor(r() * (count / 3))}`;
    out.push({
      factId: `${articleId}:run-1:${i}`,
      articleId,
      outlet: null,
      publishedAt: '2024-03-05T12:00:00Z',
      type: 'EventReported',
      kind: pick(KINDS),
      title: words.join(' '),
      when,
      datedBy: { text: null, start: null, end: null, rule: 'publication-bound', anchor: { type: 'publication' } },
      participants: people,
      places: towns(r),
      figures: r() < 0.3 ? [...new Set([pick([412, 61, 1500]), pick([412, 61, 1500, 7])])].map((count) => ({ count, unit: 'people', qualifier: 'exact', text: 'n people', start: 0, end: 1 })) : [],
      status: 'reported',
      attribution: null,
      evidence: { text: `Forces ${words.join(' ')} there.`, start: i * 10, end: i * 10 + 40 },
    } as SourceFact);
  }
  return out;
}

const TOWNS = ['Harel', 'Vosk', 'Tamrin'];

/** No town for half the facts, one or two for the rest: facts of other towns never link by words alone. */
function towns(r: () => number): Mention[] {
  const n = r() < 0.5 ? 0 : r() < 0.7 ? 1 : 2;
  const names = [...new Set(Array.from({ length: n }, () => TOWNS[Math.floor(r() * TOWNS.length)]))];
  return names.map((text) => ({ text, key: text.toLowerCase(), start: 0, end: text.length }));
}

/** The partition of `facts` into connected components of `link`, comparing every pair. */
function bruteComponents(fs: Features[]): string[][] {
  const parent = fs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < fs.length; i++) for (let j = i + 1; j < fs.length; j++) if (link(fs[i], fs[j])) parent[find(i)] = find(j);
  const groups = new Map<number, string[]>();
  fs.forEach((f, i) => (groups.get(find(i)) ?? groups.set(find(i), []).get(find(i))!).push(f.fact.factId));
  return canonical([...groups.values()]);
}

const canonical = (parts: string[][]): string[][] => parts.map((p) => [...p].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('ComponentSweep', () => {
  it.each([1, 2, 3, 4, 5])('finds the components that comparing every pair finds (seed %i)', (seed) => {
    const fs = randomFacts(400, seed).map(featuresOf);
    // The fold's order: kind group, then the interval's start, then the id.
    const sorted = [...fs].sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.lo !== b.lo ? (a.lo! < b.lo! ? -1 : 1) : a.fact.factId < b.fact.factId ? -1 : 1));
    const found: string[][] = [];
    const sweep = new ComponentSweep((facts) => found.push(facts.map((f) => f.factId)));
    for (const f of sorted) sweep.add(f);
    sweep.end();
    expect(canonical(found)).toEqual(bruteComponents(fs));
    // The case the sweep finds by shared words: same day, no name, count or article in common, with
    // no town named (then it looks among all the day's facts), or one (then among those naming none).
    const byWordsOnly = (a: Features, b: Features) =>
      a !== b && a.precise && b.precise && a.fact.when.from === b.fact.when.from && a.group === b.group && !a.blocks.filter((x) => !x.includes('|d:')).some((x) => b.blocks.includes(x)) && !!link(a, b);
    const wordsOnly = (towns: (a: Features, b: Features) => boolean) => fs.some((a) => fs.some((b) => towns(a, b) && byWordsOnly(a, b)));
    expect(wordsOnly((a, b) => !a.places.length && !b.places.length)).toBe(true);
    expect(wordsOnly((a, b) => a.places.length > 0 && !b.places.length)).toBe(true);
    // And by shared counts: two at once, or one rare count as of the same day.
    const countsOnly = fs.some((a) => fs.some((b) => a !== b && a.keys.length + b.keys.length === 0 && a.fact.articleId !== b.fact.articleId && a.counts.some((c) => b.counts.includes(c)) && !(a.precise && b.precise && a.fact.when.from === b.fact.when.from) && link(a, b)));
    expect(countsOnly).toBe(true);
  });
});
