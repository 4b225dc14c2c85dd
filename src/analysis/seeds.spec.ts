/**
 * The key bar: the five seed articles against the gold chronology (test/fixtures/gold-chronology.json).
 * For every tier-A event and each article that reports it, `analyse` must give a fact whose evidence
 * overlaps the gold quote and whose date lies within the gold interval (or an accepted coarser one), or,
 * only where the article gives no time for that happening, is bounded by its publication day.
 * And none of the gold traps may occur.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from './index';
import type { AnalysisResult, Fact, When } from './types';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'seeds', 'manifest.json'), 'utf8')) as {
  timezone: string;
  articles: { id: string; file: string; publishedAt: string }[];
};
interface GoldEvent {
  key: string;
  tier: 'A' | 'B';
  kind: string;
  status: string;
  when: { from: string | null; to: string | null };
  alsoAccept?: { from: string | null; to: string | null }[];
  sources: Record<string, string>;
}
const gold = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'gold-chronology.json'), 'utf8')) as { events: GoldEvent[] };

const texts = new Map<string, string>();
const results = new Map<string, AnalysisResult>();
for (const a of manifest.articles) {
  const text = readFileSync(join(ROOT, 'seeds', a.file), 'utf8');
  texts.set(a.id, text);
  results.set(a.id, analyse({ text, publishedAt: a.publishedAt, timezone: manifest.timezone }));
}
const pubDay = (id: string) => manifest.articles.find((a) => a.id === id)!.publishedAt.slice(0, 10);

/** Where the article itself gives no time for the happening, a date bounded by its publication is right. */
const UNDATED_IN_ARTICLE = new Set(['aleppo-taken/seed-000', 'aleppo-taken/seed-001', 'aleppo-taken/seed-002', 'aleppo-taken/seed-003']);

function quoteSpan(text: string, quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`gold quote not found: ${quote}`);
  return { start, end: start + quote.length };
}

function overlapping(facts: Fact[], span: { start: number; end: number }): Fact[] {
  const need = Math.min(10, span.end - span.start);
  return facts.filter((f) => Math.min(f.evidence.end, span.end) - Math.max(f.evidence.start, span.start) >= need);
}

const within = (w: When, g: { from: string | null; to: string | null }) =>
  (g.from === null || (w.from !== null && w.from >= g.from)) && (g.to === null || (w.to !== null && w.to <= g.to));

const pairs: [string, string][] = [];
for (const e of gold.events) if (e.tier === 'A') for (const id of Object.keys(e.sources)) pairs.push([e.key, id]);

describe('seed articles against the gold chronology', () => {
  it.each(pairs)('%s is found in %s with its date', (key, id) => {
    const event = gold.events.find((e) => e.key === key)!;
    const text = texts.get(id)!;
    const span = quoteSpan(text, event.sources[id]);
    const candidates = overlapping(results.get(id)!.facts, span);
    const accepted = [event.when, ...(event.alsoAccept ?? [])];
    const ok = candidates.some((f) =>
      accepted.some((g) => within(f.when, g))
      || (UNDATED_IN_ARTICLE.has(`${key}/${id}`) && f.when.from === null && f.when.to === pubDay(id)));
    if (!ok) {
      throw new Error(`${key} in ${id}: ${JSON.stringify(candidates.map((f) => ({ kind: f.kind, when: f.when, ev: f.evidence.text })), null, 1)}`);
    }
  });

  it('gives the offensive the kind attack in all five reports, on 2024-11-27', () => {
    const event = gold.events.find((e) => e.key === 'offensive-launched')!;
    for (const [id, quote] of Object.entries(event.sources)) {
      const facts = overlapping(results.get(id)!.facts, quoteSpan(texts.get(id)!, quote)).filter((f) => f.kind === 'attack');
      expect(facts.map((f) => f.when.from)).toContain('2024-11-27');
    }
  });

  it('reads the visit as planned in seed-003 and as done in the Sunday reports', () => {
    const event = gold.events.find((e) => e.key === 'araghchi-visit')!;
    for (const [id, quote] of Object.entries(event.sources)) {
      const visit = overlapping(results.get(id)!.facts, quoteSpan(texts.get(id)!, quote)).find((f) => f.kind === 'visit');
      expect(visit?.when.from).toBe('2024-12-01');
      expect(visit?.status).toBe(id === 'seed-003' ? 'planned' : 'reported');
    }
  });

  it('dates "Earlier that day" and "Earlier," airstrikes by the fact they point at', () => {
    for (const id of ['seed-000', 'seed-002']) {
      const event = gold.events.find((e) => e.key === 'sunday-airstrikes')!;
      const strike = overlapping(results.get(id)!.facts, quoteSpan(texts.get(id)!, event.sources[id])).find((f) => f.kind === 'airstrike')!;
      expect(strike.datedBy.anchor.type).toBe('fact');
      expect(strike.when.from).toBe('2024-12-01');
    }
  });

  it('reports the tolls as casualties with their figures', () => {
    const toll300 = results.get('seed-003')!.facts.find((f) => f.kind === 'casualties' && f.figures.some((x) => x.count === 300))!;
    expect(toll300.when).toMatchObject({ from: null, to: '2024-11-30', precision: 'bounded' });
    expect(toll300.figures.map((x) => [x.count, x.qualifier])).toEqual([[300, 'over'], [20, 'at least']]);
    for (const id of ['seed-000', 'seed-001', 'seed-002']) {
      const toll = results.get(id)!.facts.find((f) => f.kind === 'casualties' && f.figures.some((x) => x.count === 412))!;
      expect(toll.when).toMatchObject({ from: null, to: '2024-12-01' });
      expect(toll.figures[0]).toMatchObject({ count: 412, qualifier: 'over', unit: 'deaths' });
    }
  });

  it('marks the unverified entry into a city as claimed', () => {
    const claimed = results.get('seed-004')!.facts.find((f) => /claimed to have entered/.test(f.evidence.text));
    expect(claimed?.status).toBe('claimed');
  });

  it('unifies spellings of one place and one group', () => {
    const keys = (id: string, re: RegExp) => new Set(results.get(id)!.facts.flatMap((f) => [...f.participants, ...f.places]).filter((m) => re.test(m.text)).map((m) => m.key));
    const maaret = new Set([...keys('seed-000', /^Maaret/), ...keys('seed-001', /^Maaret/), ...keys('seed-002', /^Maaret/)]);
    expect(maaret.size).toBe(1);
    const group = new Set(['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004'].flatMap((id) => [...keys(id, /Tahrir|^HTS$/)]));
    expect(group.size).toBe(1);
  });

  describe('traps', () => {
    const factsFor = (key: string) => {
      const event = gold.events.find((e) => e.key === key)!;
      return Object.entries(event.sources).flatMap(([id, quote]) =>
        overlapping(results.get(id)!.facts, quoteSpan(texts.get(id)!, quote)).map((f) => ({ id, f })));
    };

    it('never dates a seed fact after the last publication day (planned ones included)', () => {
      for (const [id, r] of results) {
        for (const f of r.facts) {
          if (f.when.from !== null) expect(`${id} ${f.when.from}`).toBe(`${id} ${f.when.from <= '2024-12-01' ? f.when.from : 'after 2024-12-01'}`);
        }
      }
    });

    it('never resolves a past weekday forward or a future one backward', () => {
      for (const { f } of factsFor('offensive-launched')) expect(['2024-12-04', '2024-11-30']).not.toContain(f.when.from);
      for (const { f } of factsFor('aleppo-taken')) expect(f.when.from).not.toBe('2024-12-07');
      for (const { f } of factsFor('araghchi-visit')) expect(['2024-11-24', '2024-12-08']).not.toContain(f.when.from);
    });

    it('keeps background years in their years', () => {
      for (const { f } of factsFor('aleppo-recaptured-2016').filter(({ f }) => f.kind === 'territory-change')) expect(f.when.from?.slice(0, 4)).toBe('2016');
      for (const { f } of factsFor('idlib-ceasefire-2020').filter(({ f }) => f.kind === 'ceasefire')) expect(f.when.from).toBe('2020-03-01');
    });

    it('does not date "the first since 2016" as 2016', () => {
      const text = texts.get('seed-002')!;
      const span = quoteSpan(text, 'The airstrikes in Aleppo were the first since 2016');
      for (const f of overlapping(results.get('seed-002')!.facts, span)) expect(f.when.from?.slice(0, 4)).not.toBe('2016');
    });

    it('dates only its own sentence by a photo caption', () => {
      const facts = results.get('seed-002')!.facts.filter((f) => f.when.from === '2024-11-30');
      for (const f of facts) expect(f.evidence.text).toMatch(/November 30, 2024/);
    });
  });

  it('is deterministic', () => {
    const a = manifest.articles[0];
    const text = texts.get(a.id)!;
    const again = analyse({ text, publishedAt: a.publishedAt, timezone: manifest.timezone });
    expect(JSON.stringify(again)).toBe(JSON.stringify(results.get(a.id)));
  });
});
