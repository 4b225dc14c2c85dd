/**
 * Figures: counted quantities with their qualifier and unit ("over 412 lives" → 412, over, deaths;
 * "at least 61 civilians" → 61, at least, civilians; "nine civilians" → 9, exact, civilians).
 *
 * Conventions for vague quantities (qualifier `approximate`, count a conventional lower value):
 *   a dozen = 12 (about), dozens = 24, scores = 40, hundreds = 200, thousands = 2,000,
 *   tens of thousands = 20,000, hundreds of thousands = 200,000, millions = 2,000,000.
 * "nearly/almost/up to/as many as N" → `up to`; "about/around/some/approximately/roughly/an estimated N" → `about`;
 * "over/more than/upwards of" → `over`; "at least/no fewer than" → `at least`.
 * Person counts take the verb of their clause as a suffix: "20 civilians have been killed" → `civilians killed`.
 */
import type { Figure, FigureQualifier } from './types';

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALE: Record<string, number> = {
  hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000, k: 1_000, m: 1_000_000, mn: 1_000_000, bn: 1_000_000_000,
};
const VAGUE: Record<string, number> = {
  dozens: 24, scores: 40, hundreds: 200, thousands: 2_000, 'tens of thousands': 20_000, 'hundreds of thousands': 200_000, millions: 2_000_000,
};

const QUALIFIERS: [RegExp, FigureQualifier][] = [
  [/^(?:over|more than|upwards of|in excess of|above)$/, 'over'],
  [/^(?:at least|no fewer than|no less than|a minimum of)$/, 'at least'],
  [/^(?:nearly|almost|close to|up to|as many as|just under|fewer than|less than|at most|under)$/, 'up to'],
  [/^(?:about|around|approximately|roughly|some|an estimated|estimated|an approximate|almost exactly|circa)$/, 'about'],
];

const WORD_NUMBER = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)`;
const FIGURE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,/-])` +
    String.raw`(?:(?<qual>over|more\s+than|upwards\s+of|in\s+excess\s+of|at\s+least|no\s+fewer\s+than|no\s+less\s+than|nearly|almost|close\s+to|up\s+to|as\s+many\s+as|just\s+under|fewer\s+than|less\s+than|at\s+most|about|around|approximately|roughly|some|an\s+estimated|estimated)\s+)?` +
    String.raw`(?:(?<vague>tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions)` +
    String.raw`|(?<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|${WORD_NUMBER}|an?|a\s+dozen)(?:\s+(?<scale>hundred|thousand|million|billion)|(?<short>bn|mn|m|k)\b)?)` +
    String.raw`(?![\p{L}\p{N}])` +
    String.raw`(?:\s+of)?` +
    String.raw`(?<unit>(?:\s+(?:[\p{L}’'-]+))?(?:\s+[\p{L}’'-]+)?(?:\s+[\p{L}’'-]+)?)`,
  'giu',
);

/** What a counted noun is normalised to. */
const UNIT_ALIASES: Record<string, string> = {
  lives: 'deaths', life: 'deaths', deaths: 'deaths', death: 'deaths', dead: 'deaths', fatalities: 'deaths', fatality: 'deaths',
  bodies: 'deaths', people: 'people', persons: 'people', person: 'people', individuals: 'people',
  civilians: 'civilians', civilian: 'civilians', soldiers: 'troops', troops: 'troops', servicemen: 'troops', personnel: 'troops',
  fighters: 'combatants', combatants: 'combatants', militants: 'combatants', insurgents: 'combatants', rebels: 'combatants',
  jihadists: 'combatants', gunmen: 'combatants', militiamen: 'combatants', children: 'children', kids: 'children',
  women: 'women', men: 'men', residents: 'residents', refugees: 'refugees', migrants: 'migrants', protesters: 'protesters',
  demonstrators: 'protesters', journalists: 'journalists', policemen: 'police', officers: 'officers', police: 'police',
  workers: 'workers', patients: 'patients', prisoners: 'prisoners', detainees: 'prisoners', hostages: 'hostages',
  wounded: 'wounded', injured: 'injured', casualties: 'casualties', victims: 'victims', cases: 'cases', infections: 'cases',
};
const PERSONS = new Set(['people', 'civilians', 'troops', 'combatants', 'children', 'women', 'men', 'residents', 'refugees', 'migrants',
  'protesters', 'journalists', 'police', 'officers', 'workers', 'patients', 'prisoners', 'hostages', 'victims']);

/** Modifiers skipped between the number and its noun ("65 Iraqi troops", "nine civilian fatalities"). */
const MODIFIER = /^(?:[\p{Lu}][\p{L}’'-]*|civilian|other|more|nearby|foreign|local|armed|government|rebel|opposition|pro-[\p{L}-]+|innocent|young|unarmed|additional|new|suspected|confirmed|strategic|key|small|major|further|elderly|injured|wounded)$/u;
const STOP_UNIT = /^(?:and|or|of|in|on|at|to|the|a|an|with|from|by|for|as|who|which|that|were|was|have|has|had|been|are|is|including|per|percent|%)$/i;
const VERB_SUFFIX: [RegExp, string][] = [
  [/\b(?:killed|killing|kills|died|dead|slain|executed|massacred|murdered|perished)\b/i, 'killed'],
  [/\b(?:wounded|wounding|injured|injuring|hurt)\b/i, 'wounded'],
  [/\b(?:captured|capturing|taken\s+prisoner|seized)\b/i, 'captured'],
  [/\b(?:arrested|arresting|detained|detaining)\b/i, 'arrested'],
  [/\b(?:displaced|displacing|fled|uprooted|evacuated)\b/i, 'displaced'],
];

export interface FigureOptions {
  /** Spans already read as time expressions ("two months", "2016"): no figure starts inside one. */
  exclude?: { start: number; end: number }[];
}

/** Figures in text[start, end). Offsets are in the whole text. */
export function extractFigures(text: string, start: number, end: number, opts: FigureOptions = {}): Figure[] {
  const body = text.slice(start, end);
  const out: Figure[] = [];
  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE.exec(body))) {
    const g = m.groups ?? {};
    const numStart = m.index + (g.qual ? m[0].indexOf(g.vague ?? g.num ?? '', g.qual.length) : 0);
    if (m[0].length === 0) { FIGURE.lastIndex++; continue; }
    const figStart = start + m.index;
    if (opts.exclude?.some((x) => figStart + (numStart - m!.index) >= x.start && figStart + (numStart - m!.index) < x.end)) continue;
    let count: number | null;
    let qualifier: FigureQualifier = 'exact';
    if (g.vague) {
      count = VAGUE[g.vague.toLowerCase().replace(/\s+/g, ' ')] ?? null;
      qualifier = 'approximate';
    } else {
      count = parseCount(g.num, g.scale ?? g.short);
      if (/^an?$/i.test(g.num) && !g.scale && !g.short) continue; // "a", "an" alone are articles
      if (/^a\s+dozen$/i.test(g.num)) qualifier = 'about';
    }
    if (count === null) continue;
    if (g.qual) qualifier = qualifierOf(g.qual);
    // The counted noun: skip modifiers, stop at function words.
    const unitWords = (g.unit ?? '').trim().split(/\s+/).filter(Boolean);
    let unit = '';
    let used = 0;
    for (let i = 0; i < unitWords.length; i++) {
      const w = unitWords[i].replace(/[’']s$/, '');
      if (STOP_UNIT.test(w)) break;
      const lw = w.toLowerCase();
      if (UNIT_ALIASES[lw]) { unit = UNIT_ALIASES[lw]; used = i + 1; break; }
      if (i < unitWords.length - 1 && MODIFIER.test(w)) continue;
      if (/^[a-z][a-z-]+s$/.test(w)) { unit = lw; used = i + 1; } // another plural noun: towns, vehicles
      break;
    }
    const isDigits = /^\d/.test(g.num ?? '');
    if (!unit) {
      // A bare number is a figure only when vague ("killing dozens") or qualified ("over 300").
      if (!(g.vague || g.qual)) continue;
    }
    if (isDigits && !unit && !g.qual) continue;
    // Years and codes: "in 2016", "UNSCR 2254", "13th".
    if (isDigits && /^\d{4}$/.test(g.num) && !unit) continue;
    if (isDigits && m.index > 0 && /[\p{Lu}]{2,}\s*$/u.test(body.slice(Math.max(0, m.index - 8), m.index))) continue;
    // The figure's span: qualifier, number, and the words of its unit actually used.
    let spanEnd = m.index + m[0].length - (g.unit ?? '').length;
    if (used > 0) {
      const unitText = g.unit ?? '';
      let pos = 0;
      for (let i = 0; i < used; i++) {
        const idx = unitText.indexOf(unitWords[i], pos);
        pos = idx + unitWords[i].length;
      }
      spanEnd = m.index + m[0].length - unitText.length + pos;
    } else {
      spanEnd = m.index + m[0].length - (g.unit ?? '').length;
      const ofMatch = /\s+of$/.exec(body.slice(m.index, spanEnd));
      if (ofMatch) spanEnd -= ofMatch[0].length;
    }
    const verb = verbSuffix(body);
    let finalUnit = unit;
    if (!finalUnit) finalUnit = verb ? 'people' : 'items';
    if (verb && PERSONS.has(finalUnit)) finalUnit = `${finalUnit} ${verb}`;
    out.push({ count, qualifier, unit: finalUnit, text: text.slice(start + m.index, start + spanEnd), start: start + m.index, end: start + spanEnd });
    // Continue after the number and its unit, not after the greedy unit window.
    FIGURE.lastIndex = Math.max(spanEnd, m.index + 1);
  }
  return out;
}

function verbSuffix(clause: string): string | null {
  for (const [re, suffix] of VERB_SUFFIX) if (re.test(clause)) return suffix;
  return null;
}

function qualifierOf(raw: string): FigureQualifier {
  const q = raw.toLowerCase().replace(/\s+/g, ' ');
  for (const [re, qual] of QUALIFIERS) if (re.test(q)) return qual;
  return 'exact';
}

function parseCount(raw: string | undefined, scaleWord: string | undefined): number | null {
  if (!raw) return null;
  const s = raw.toLowerCase().replace(/\s+/g, ' ');
  let n: number | null = null;
  if (/^\d/.test(s)) n = Number(s.replace(/,/g, ''));
  else if (s === 'a' || s === 'an') n = 1;
  else if (s === 'a dozen') n = 12;
  else if (s in SMALL) n = SMALL[s];
  else {
    const [t, u] = s.split(/[- ]/);
    if (t in TENS) n = TENS[t] + (u ? SMALL[u] ?? 0 : 0);
  }
  if (n === null || !Number.isFinite(n)) return null;
  if (scaleWord) n *= SCALE[scaleWord.toLowerCase()] ?? 1;
  return n;
}
