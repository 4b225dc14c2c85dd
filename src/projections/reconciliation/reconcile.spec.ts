import type { Figure, Mention, When } from '../../analysis/types';
import { titleOf } from '../../analysis/analyse';
import { featuresOf } from './link';
import { reconcile } from './reconcile';
import { tokenIds } from './tokens';
import type { SourceFact } from './types';

const day = (d: string): When => ({ from: d, to: d, precision: 'day', edtf: d, timex3: d });
const year = (y: number): When => ({ from: `${y}-01-01`, to: `${y}-12-31`, precision: 'year', edtf: String(y), timex3: String(y) });
const late = (y: number): When => ({ from: `${y}-10-01`, to: `${y}-12-31`, precision: 'season', edtf: `${y}-36`, timex3: `${y}-Q4` });
const before = (d: string): When => ({ from: null, to: d, precision: 'bounded', edtf: `../${d}`, timex3: 'PAST_REF' });
const m = (text: string, key: string): Mention => ({ text, key, start: 0, end: text.length });
const fig = (count: number, unit: string, qualifier: Figure['qualifier'] = 'exact'): Figure => ({ count, unit, qualifier, text: `${qualifier === 'exact' ? '' : qualifier + ' '}${count} ${unit}`.trim(), start: 0, end: 1 });

let n = 0;
function fact(p: Partial<Omit<SourceFact, 'evidence'>> & { articleId: string; evidence: string; when: When }): SourceFact {
  const start = p.articleId.length * 7 + (n++ % 5) * 100;
  return {
    factId: `${p.articleId}:run-1:${start}:${n}`,
    outlet: null,
    publishedAt: '2024-12-01T19:00:00+03:00',
    type: 'EventReported',
    kind: 'attack',
    title: p.evidence.slice(0, 60),
    datedBy: { text: null, start: null, end: null, rule: 'publication-bound', anchor: { type: 'publication' } },
    participants: [],
    places: [],
    figures: [],
    status: 'reported',
    attribution: null,
    ...p,
    evidence: { text: p.evidence, start, end: start + p.evidence.length },
  } as SourceFact;
}

const shuffle = <T>(xs: T[], seed: number): T[] => {
  const a = [...xs];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

describe('reconcile', () => {
  it('merges reports worded differently whose places share a normalised key', () => {
    const entries = reconcile([
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'Rebels captured the towns of Khan Sheikhun and Maaret Al-Nu’man', when: before('2024-12-01'), places: [m('Maaret Al-Nu’man', 'maaret numan')] }),
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'insurgents seized Maaret al-Numan and Khan Sheikhun, towns on the highway', when: before('2024-12-01'), places: [m('Maaret al-Numan', 'maaret numan')] }),
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0].entry.sourceCount).toBe(2);
    expect(entries[0].entry.places).toEqual([{ key: 'maaret numan', text: expect.any(String) }]);
  });

  it('keeps the most precise date: late 2016 over 2016, a precise day over publication-bounded', () => {
    const [e] = reconcile([
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'the army recaptured Aleppo in 2016', when: year(2016), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'retaking Aleppo from insurgents in late 2016', when: late(2016), places: [m('Aleppo', 'aleppo')] }),
    ]).map((x) => x.entry);
    expect(e.when).toMatchObject({ from: '2016-10-01', to: '2016-12-31', precision: 'season', edtf: '2016-36' });

    const [f] = reconcile([
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'The rebels now control most of Aleppo city', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'rebels seized control of most of Aleppo on Saturday', when: day('2024-11-30'), places: [m('Aleppo', 'aleppo')] }),
    ]).map((x) => x.entry);
    expect(f.when).toMatchObject({ from: '2024-11-30', to: '2024-11-30', precision: 'day', label: '30 November 2024' });
    expect(f.sourceCount).toBe(2);
  });

  it('planned and later reported is one confirmed entry that keeps both sources', () => {
    const [e, ...rest] = reconcile([
      fact({ articleId: 'p', kind: 'visit', status: 'planned', publishedAt: '2024-11-30T16:00:00+03:00', evidence: 'The foreign minister will visit Damascus on Sunday', when: day('2024-12-01'), participants: [m('Abbas Araghchi', 'abbas araghchi')], places: [m('Damascus', 'damascus')] }),
      fact({ articleId: 'r', kind: 'visit', evidence: 'Foreign Minister Abbas Araghchi visited Damascus on Sunday', when: day('2024-12-01'), participants: [m('Abbas Araghchi', 'abbas araghchi')], places: [m('Damascus', 'damascus')] }),
    ]).map((x) => x.entry);
    expect(rest).toHaveLength(0);
    expect(e.status).toBe('confirmed');
    expect(e.sources.map((s) => [s.articleId, s.status])).toEqual([['p', 'planned'], ['r', 'reported']]);
  });

  it('a claim nobody corroborates stays claimed', () => {
    const [e] = reconcile([
      fact({ articleId: 'a', kind: 'territory-change', status: 'claimed', evidence: 'rebels claimed to have entered Hama, which could not be independently verified', when: before('2024-12-01'), places: [m('Hama', 'hama')] }),
    ]).map((x) => x.entry);
    expect(e.status).toBe('claimed');
  });

  it('a running toll reported as of different days is a series of entries, not a conflict', () => {
    const entries = reconcile([
      fact({ articleId: 'a', kind: 'casualties', publishedAt: '2024-11-30T16:00:00+03:00', evidence: 'the fighting has killed more than 300 people', when: before('2024-11-30'), figures: [fig(300, 'deaths', 'over')] }),
      fact({ articleId: 'b', kind: 'casualties', evidence: 'the recent fighting has claimed over 412 lives', when: before('2024-12-01'), figures: [fig(412, 'deaths', 'over')] }),
      fact({ articleId: 'c', kind: 'casualties', evidence: 'fighting has killed 412 people, including 61 civilians', when: before('2024-12-01'), figures: [fig(412, 'deaths')] }),
    ]).map((x) => x.entry);
    expect(entries.map((e) => [e.when.to, e.sourceCount])).toEqual([['2024-11-30', 1], ['2024-12-01', 2]]);
    expect(entries.every((e) => e.conflicts.length === 0)).toBe(true);
  });

  it('lists a real figure conflict and a real date conflict with each value and its articles', () => {
    const [e] = reconcile([
      fact({ articleId: 'a', kind: 'airstrike', evidence: 'air strikes on the Idlib market killed 12 people', when: day('2024-12-01'), places: [m('Idlib', 'idlib')], figures: [fig(12, 'deaths')] }),
      fact({ articleId: 'b', kind: 'airstrike', evidence: 'air strikes on the Idlib market killed 19 people', when: day('2024-12-01'), places: [m('Idlib', 'idlib')], figures: [fig(19, 'deaths')] }),
    ]).map((x) => x.entry);
    expect(e.conflicts).toEqual([
      { field: 'figures', unit: 'deaths', asOf: '2024-12-01', values: [{ value: 12, label: '12 deaths', articleIds: ['a'] }, { value: 19, label: '19 deaths', articleIds: ['b'] }] },
    ]);

    const [d, ...others] = reconcile([
      fact({ articleId: 'a', kind: 'attack', evidence: 'the alliance launched its offensive on Aleppo and Idlib', when: day('2024-11-27'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'attack', evidence: 'the alliance launched its offensive on Idlib and Aleppo', when: day('2024-11-26'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'c', kind: 'attack', evidence: 'an alliance launched an offensive on Aleppo and Idlib', when: day('2024-11-27'), places: [m('Aleppo', 'aleppo')] }),
    ]).map((x) => x.entry);
    expect(others).toHaveLength(0);
    expect(d.when.from).toBe('2024-11-27');
    expect(d.conflicts).toEqual([
      { field: 'date', values: [{ value: '2024-11-26', label: '26 November 2024', articleIds: ['b'] }, { value: '2024-11-27', label: '27 November 2024', articleIds: ['a', 'c'] }] },
    ]);
  });

  it('never puts two different happenings of one article into one entry', () => {
    const entries = reconcile([
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'rebels seized the town of Tal Rifaat in Aleppo province', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'rebels now control most of Aleppo city', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'rebels control most of Aleppo city now', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
    ]).map((x) => x.entry);
    expect(entries.map((e) => e.sourceCount).sort()).toEqual([1, 2]);
  });

  it('reports that the same place was taken join whatever else they say, an article restating it included; parts of the place stay apart', () => {
    const facts = [
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'The rebels had swiftly seized control of most of Aleppo on Saturday', when: day('2024-11-30'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'as well as capturing 65 troops in eastern Aleppo', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      // The lede names the city in the clause before: "a setback in Aleppo, where ...".
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'where rebel forces gained control of the city for the first time', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'The coalition has seized most of Aleppo, with only Kurdish-controlled neighbourhoods remaining', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'c', kind: 'territory-change', evidence: 'after a surprise attack led to the government losing control of Aleppo', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'c', kind: 'territory-change', evidence: 'The insurgents managed to overrun Aleppo’s airport and nearby towns', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'd', kind: 'territory-change', evidence: 'In Aleppo province, they captured a vital town on the highway', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
    ];
    const entries = reconcile(facts).map((x) => x.entry);
    const taken = entries.filter((e) => e.sources.some((s) => s.quote === facts[0].evidence.text));
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ sourceCount: 3, when: { from: '2024-11-30', to: '2024-11-30', precision: 'day' } });
    expect(taken[0].sources.map((s) => s.quote).sort()).toEqual([facts[0], facts[2], facts[3], facts[4]].map((f) => f.evidence.text).sort());
    const first = JSON.stringify(reconcile(facts));
    for (let k = 1; k <= 10; k++) expect(JSON.stringify(reconcile(shuffle(facts, k)))).toBe(first);
  });

  it('a recapture is one happening across "2016" and "late 2016" (with the most precise date), apart from another place taken that year', () => {
    const entries = reconcile([
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'In 2016, the army, backed by foreign airpower, reclaimed parts of Aleppo from rebels', when: year(2016), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'territory-change', evidence: 'which recaptured the city in 2016 with the help of allied fighters', when: year(2016), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'c', kind: 'territory-change', evidence: 'since retaking it from insurgents in late 2016', when: late(2016), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'd', kind: 'territory-change', evidence: 'jihadists seized control of Palmyra in 2016', when: year(2016), places: [m('Palmyra', 'palmyra')] }),
    ]).map((x) => x.entry);
    expect(entries.map((e) => [e.sourceCount, e.when.precision])).toEqual([[1, 'year'], [3, 'season']]);
    expect(entries[1].when).toMatchObject({ from: '2016-10-01', to: '2016-12-31', edtf: '2016-36' });
  });

  it('does not take a report of "this year" for a happening dated after its publication, as a later report may', () => {
    const said = (articleId: string, publishedAt: string, when: When) =>
      fact({ articleId, publishedAt, kind: 'territory-change', evidence: 'the army retook Palmyra from the militants', when, places: [m('Palmyra', 'palmyra')] });
    const entries = reconcile([said('a', '2016-12-20T10:00:00Z', day('2016-12-11')), said('b', '2016-04-02T10:00:00Z', year(2016)), said('c', '2016-12-24T10:00:00Z', year(2016))]);
    expect(entries.map((e) => [e.entry.when.edtf, e.entry.sources.map((x) => x.articleId)])).toEqual([['2016', ['b']], ['2016-12-11', ['a', 'c']]]);
  });

  it('does not chain statements that only share a country', () => {
    const entries = reconcile(
      ['the president condemned the attacks', 'the envoy warned of escalation', 'the ministry denied using chemical weapons', 'the opposition called for talks in Geneva'].map((t, i) =>
        fact({ articleId: `s${i}`, kind: 'statement', evidence: t, when: before('2024-12-01'), places: [m('Syria', 'syria')] }),
      ),
    );
    expect(entries).toHaveLength(4);
  });

  it('is a function of the set: 20 shuffles give byte-identical output', () => {
    const facts = [
      fact({ articleId: 'a', kind: 'attack', evidence: 'rebels launched an attack on Wednesday', when: day('2024-11-27'), participants: [m('HTS', 'hts')] }),
      fact({ articleId: 'b', kind: 'attack', evidence: 'HTS launched a coordinated offensive on Wednesday', when: day('2024-11-27'), participants: [m('HTS', 'hts')] }),
      fact({ articleId: 'c', kind: 'attack', evidence: 'insurgents launched their attack on Wednesday', when: day('2024-11-27') }),
      fact({ articleId: 'a', kind: 'territory-change', evidence: 'rebels now control most of Aleppo', when: before('2024-12-01'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'c', kind: 'territory-change', evidence: 'seized control of most of Aleppo on Saturday', when: day('2024-11-30'), places: [m('Aleppo', 'aleppo')] }),
      fact({ articleId: 'b', kind: 'casualties', evidence: 'over 412 lives', when: before('2024-12-01'), figures: [fig(412, 'deaths', 'over')] }),
      fact({ articleId: 'c', kind: 'casualties', evidence: 'killed 412 people', when: before('2024-12-01'), figures: [fig(412, 'deaths')] }),
    ];
    const first = JSON.stringify(reconcile(facts));
    for (let k = 1; k <= 20; k++) expect(JSON.stringify(reconcile(shuffle(facts, k)))).toBe(first);
    expect(reconcile(facts).map((e) => e.entry.sourceCount)).toEqual([3, 2, 2]);
  });

  it('links two stories on a rare exact count, never on a round or vague one', () => {
    const d = day('2024-11-27');
    const rare = [
      fact({ articleId: 'r1', evidence: 'Officials said 412 people were killed in the north', when: d, figures: [fig(412, 'people killed')] }),
      fact({ articleId: 'r2', evidence: 'The toll rose to 412 dead after the bombing', when: d, figures: [fig(412, 'people killed')] }),
    ];
    expect(reconcile(rare).map((e) => e.entry.sourceCount)).toEqual([2]);
    const round = [
      fact({ articleId: 'q1', evidence: 'Officials said 2000 people were killed in the north', when: d, figures: [fig(2000, 'people killed')] }),
      fact({ articleId: 'q2', evidence: 'The toll rose to 2000 dead after the bombing', when: d, figures: [fig(2000, 'people killed')] }),
    ];
    expect(reconcile(round).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
    const vague = round.map((f, i) => ({ ...f, factId: `${f.factId}v${i}`, figures: [fig(2000, 'people killed', 'approximate')] }));
    expect(reconcile(vague).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
  });

  it('does not take the same words on the same day for one statement when no speaker is shared', () => {
    const d = day('2024-11-27');
    const said = (a: string, who: string, key: string) =>
      fact({ articleId: a, kind: 'statement', evidence: `${who} called on all sides to exercise maximum restraint`, when: d, participants: [m(who, key)] });
    expect(reconcile([said('s1', 'Lena Varo', 'lenavaro'), said('s2', 'Omar Tesk', 'omartesk')]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
    expect(reconcile([said('s1', 'Lena Varo', 'lenavaro'), said('s2', 'Lena Varo', 'lenavaro')]).map((e) => e.entry.sourceCount)).toEqual([2]);
  });

  it('does not link the same day in similar words when the figures of one thing differ', () => {
    const d = day('2024-11-27');
    const strike = (a: string, n: number) => fact({ articleId: a, kind: 'casualties', evidence: `air strikes killed ${n} people`, when: d, figures: [fig(n, 'people killed')] });
    expect(reconcile([strike('f1', 140), strike('f2', 370)]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
    expect(reconcile([strike('f1', 140), strike('f2', 140)]).map((e) => e.entry.sourceCount)).toEqual([2]);
  });

  it('links on one rare count only as of the same day, on two counts within the dates they share', () => {
    const toll = (a: string, when: When, counts: number[]) =>
      fact({ articleId: a, kind: 'casualties', evidence: `the toll reached ${counts.join(' and ')}`, when, figures: counts.map((c) => fig(c, c === 61 ? 'civilians' : 'deaths')) });
    expect(reconcile([toll('t1', day('2024-11-27'), [412]), toll('t2', before('2024-12-01'), [412])]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
    expect(reconcile([toll('t1', day('2024-11-27'), [412, 61]), toll('t2', before('2024-12-01'), [412, 61])]).map((e) => e.entry.sourceCount)).toEqual([2]);
  });

  it('needs more than one shared name and a few words to link an undated report', () => {
    const a = fact({ articleId: 'u1', kind: 'protest', evidence: 'Protesters marched through Tarvo against rising bread prices', when: before('2024-12-01'), places: [m('Tarvo', 'tarvo')] });
    const b = fact({ articleId: 'u2', kind: 'protest', evidence: 'Protesters gathered outside the university in Tarvo demanding new elections', when: before('2024-12-01'), places: [m('Tarvo', 'tarvo')] });
    expect(reconcile([a, b]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
  });

  it('does not link on the words of a quantity: "at least", "nearly" say nothing of which happening', () => {
    const d = day('2024-11-27');
    const killed = fact({ articleId: 'q1', kind: 'casualties', evidence: 'killing nearly 35 people, at least five of them civilians', when: d, figures: [fig(35, 'people killed', 'approximate')] });
    const wounded = fact({ articleId: 'q2', kind: 'casualties', evidence: 'at least 12 civilians were wounded, nearly all by shrapnel', when: d, figures: [fig(12, 'civilians wounded', 'at least')] });
    expect(reconcile([killed, wounded]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
  });

  it('needs more than a formula of two words to link the same day when the two name different things', () => {
    const d = day('2024-11-27');
    const flood = (a: string, town: string, key: string) => fact({ articleId: a, kind: 'disaster', evidence: `Floods struck ${town} on Wednesday`, when: d, participants: [m(town, key)] });
    expect(reconcile([flood('w1', 'Tarvo', 'tarvo'), flood('w2', 'Belmir', 'belmir')]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
    // Unnamed, the same two words still link: nothing says they differ.
    const unnamed = fact({ articleId: 'w3', kind: 'disaster', evidence: 'Floods struck the valley on Wednesday', when: d });
    expect(reconcile([flood('w1', 'Tarvo', 'tarvo'), unnamed]).map((e) => e.entry.sourceCount)).toEqual([2]);
  });

  it('takes two nearby days for a disputed date only when neither names what the other does not, and the figures agree', () => {
    const truce = (a: string, d: string, gov: string) =>
      fact({ articleId: a, kind: 'ceasefire', evidence: `A ceasefire between the Front and the ${gov} government took effect around the border`, when: day(d), participants: [m('the Front', 'front'), m(gov, gov.toLowerCase())] });
    expect(reconcile([truce('c1', '2024-11-21', 'Tarvo'), truce('c2', '2024-11-24', 'Belmir')]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
    expect(reconcile([truce('c1', '2024-11-21', 'Tarvo'), truce('c2', '2024-11-24', 'Tarvo')]).map((e) => e.entry.sourceCount)).toEqual([2]);
    const hurt = (a: string, d: string, n: number) =>
      fact({ articleId: a, kind: 'casualties', evidence: `Lena Varo told reporters that ${n} civilians had been wounded`, when: day(d), participants: [m('Lena Varo', 'lenavaro')], figures: [fig(n, 'civilians wounded')] });
    expect(reconcile([hurt('h1', '2024-11-20', 20), hurt('h2', '2024-11-24', 28)]).map((e) => e.entry.sourceCount)).toEqual([1, 1]);
  });

  it('reads the words of a title inside its evidence once, and of a title that is not both ways', () => {
    const evidences = [
      'later on Sunday, rebels shelled the northern town of Kafr Batna, killing 12 people.',
      'Rebels shelled Kafr Batna’s outskirts on Sunday',
      "The ministry's statement said troops had withdrawn from the border crossing at Bab al-Hawa after three days of talks with the local council and its allied militias",
      'Über 40 Häuser wurden in Ma’arrat zerstört.',
      'troops entered Idlib.\n\nThey met no resistance there',
    ];
    const titles = [...evidences.map(titleOf), 'Shelled Kafr Bat', 'Rebels shelled Kafr Bat', 'Kafr Batna', "ministry's statement", "Ministry", 'Kafr Batna’s outskirts', 'Rebels shelled Kafr', 'rebels shelled kafr batna’s outskirts on sunday'];
    for (const evidence of evidences) {
      for (const title of titles) {
        const f = fact({ articleId: 'a', evidence, when: day('2024-11-24'), title });
        expect([...featuresOf(f).tokens]).toEqual([...tokenIds(evidence, title)]);
      }
    }
  });
});
