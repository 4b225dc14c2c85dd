/**
 * Absolute dates and calendar units that carry their own year, or whose year follows from the clause:
 * "2024-11-30", "11/30/2024", "November 30, 2024", "30 November 2024", "Nov. 30", "March 2020",
 * "early March", "in 2016", "late 2016", "fiscal 1989", "the 1990s", "the 20th century".
 */
import { CalDay } from './day';
import {
  weekWhen, centuryWhen, dayWhen, daysInMonth, decadeWhen, halfWhen, monthPartWhen, monthWhen, quarterWhen, yearForMonth,
  yearForMonthDay, yearWhen,
} from './calendar';
import { MONTH_RE, MONTHS, SPOKEN_YEAR_RE, WEEKDAY_RE, WEEKDAYS, parseSpokenYear } from './lexicon';
import { type Context, type Direction, type Resolution, type Rule, explicitDirectionAt, re } from './rule';

const monthNumber = (raw: string): number => MONTHS[raw.toLowerCase().replace(/\.$/, '')] ?? 0;

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function day(y: number, m: number, d: number, rule: string): Resolution | null {
  if (!validDay(y, m, d)) return null;
  const dt = CalDay.utc(y, m, d);
  return { type: 'DATE', value: dt.toISODate(), when: dayWhen(dt), rule };
}

/** Two-digit years: 00–49 → 20xx, 50–99 → 19xx (news archives rarely reach further back). */
const fullYear = (y: string): number => (y.length === 2 ? (Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/**
 * Where a month or month-day without a year falls: explicit "last/next/this", else by the tense of the clause,
 * else (no cue, as in "payable Dec. 1 to holders of record Nov. 10") the nearest one.
 */
function relativeDirection(ctx: Context, m: RegExpExecArray, rel: string | undefined): Direction | 'nearest' {
  const r = (rel ?? '').toLowerCase();
  if (r.startsWith('next') || r.includes('coming')) return 'future';
  if (r.startsWith('last') || r.includes('past')) return 'past';
  return explicitDirectionAt(ctx, m.index, m.index + m[0].length) ?? 'nearest';
}

/**
 * A day heading a line of a chronology ("Feb. 24 - Militias take control of Misrata", "3 March: talks open"): what
 * such a list reports has happened, in the historical present that leaves no tense to go by.
 */
function chronologyEntry(ctx: Context, m: RegExpExecArray): boolean {
  const line = ctx.text.lastIndexOf('\n', m.index - 1) + 1;
  return /^[\s*•·-]*$/.test(ctx.text.slice(line, m.index)) && /^\s*(?:-{1,2}|[–—:])\s/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 8));
}

/** "Monday, Oct. 26", "Saturday 2 May": the day in the year in which it is that weekday, nearest first. */
function dayOfWeekday(ctx: Context, weekday: string, mon: number, d: number, rule: string): Resolution | null {
  const wd = WEEKDAYS[weekday.toLowerCase()];
  for (const y of [ctx.ref.year, ctx.ref.year + 1, ctx.ref.year - 1]) {
    if (validDay(y, mon, d) && CalDay.utc(y, mon, d).weekday === wd) return day(y, mon, d, rule);
  }
  return null;
}

/** A present tense among the last words before an expression. */
const PRESENT_BEFORE = /\b(?:is|are|am|isn't|aren't)\b(?:\s+\S+){0,4}\s*$/i;

/** The clause text before `index` (back to the last sentence or clause break, at most 80 characters). */
function clauseBefore(text: string, index: number): string {
  const s = text.slice(Math.max(0, index - 80), index);
  const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf(';'), s.lastIndexOf('\n'));
  return cut >= 0 ? s.slice(cut + 1) : s;
}

/** How far ahead a bare month without a tense cue may lie and still be read as the coming one. */
const MONTH_AHEAD_DAYS = 120;

/**
 * The year putting month `mon` (day `d`) in the given direction from the publication, or with no direction the
 * nearest day, the most recent month unless it is one of the next few.
 */
function yearFor(ref: CalDay, mon: number, d: number | null, dir: Direction | 'nearest' | 'recent'): number {
  if (dir === 'past' || dir === 'future') {
    const y = d === null ? yearForMonth(ref, mon, dir) : yearForMonthDay(ref, mon, d, dir);
    // A month follows the tense (DESIGN §5); a tense cue does not carry a day most of a year away.
    if (d === null || Math.abs(CalDay.utc(y, mon, d ?? 15).diffDays(ref)) <= 240) return y;
  }
  if (d === null && dir === 'recent') {
    // A month with no tense cue: news reports what has happened, so the most recent such month, unless the month
    // is one of the next few (within four months: "the sale is expected to close in January" from October).
    const past = yearForMonth(ref, mon, 'past');
    const ahead = CalDay.utc(yearForMonth(ref, mon, 'future'), mon, 15).diffDays(ref);
    return mon !== ref.month && ahead <= MONTH_AHEAD_DAYS ? yearForMonth(ref, mon, 'future') : past;
  }
  let best = ref.year;
  let bestGap = Infinity;
  for (const y of [ref.year - 1, ref.year, ref.year + 1]) {
    const probe = CalDay.utc(y, mon, d === null ? 15 : Math.min(d, daysInMonth(y, mon)));
    const gap = Math.abs(probe.diffDays(ref));
    if (gap < bestGap) { best = y; bestGap = gap; }
  }
  return best;
}

const isoDate: Rule = {
  name: 'iso-date',
  pattern: /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])/g,
  resolve: (m) => day(Number(m[1]), Number(m[2]), Number(m[3]), 'iso-date'),
};

/** "11/30/2024" (US order), "30/11/2024" when the first field cannot be a month. */
const numericDate: Rule = {
  name: 'numeric-date',
  pattern: /(?<![\d/.])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g,
  resolve: (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]);
    return a > 12 ? day(y, b, a, 'numeric-date') : day(y, a, b, 'numeric-date');
  },
};

const ORD = '(?:st|nd|rd|th)?';

/** "Tuesday, November 30, 2024", "Nov. 30", "November 30th". */
const monthDay: Rule = {
  name: 'month-day',
  pattern: re(`(?:\\b${WEEKDAY_RE},?\\s+)?\\b(${MONTH_RE})\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?(?!\\d|[:.]\\d)`, 'g'),
  resolve: (m, ctx) => {
    const mon = monthNumber(m[1]);
    const d = Number(m[2]);
    if (m[3]) return day(Number(m[3]), mon, d, 'month-day-year');
    // "May 3 or 4, 2000", "Feb. 15/16, 2011": the year after the pair is the first day's too.
    const pairYear = /^(?:\s+(?:and|or|&|to|through)\s+|\s*\\?[/–-]\s*)\d{1,2}(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/.exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 32));
    if (pairYear) return day(Number(pairYear[1]), mon, d, 'month-day-year');
    const named = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/.exec(m[0]);
    const byWeekday = named && dayOfWeekday(ctx, named[1], mon, d, 'month-day-weekday');
    if (byWeekday) return byWeekday;
    // "the fiscal year ended Jan. 31": the end of a reported period has passed, however long ago (within the year).
    if (/\b(?:period|quarter|year|months|weeks)\s+ended\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 24), m.index))) {
      return day(yearForMonthDay(ctx.ref, mon, d, 'past'), mon, d, 'month-day-ended');
    }
    const dir = chronologyEntry(ctx, m) ? 'past' : relativeDirection(ctx, m, undefined);
    return day(yearFor(ctx.ref, mon, d, dir), mon, d, `month-day-${dir}`);
  },
};

/**
 * "April 24 and 25", "May 3 or 4, 2000": the second day of a pair shares the month (and the year) of the first.
 * The match spans the pair; the expression is the second day only (the first is a month-day of its own).
 */
const secondDayOfPair: Rule = {
  name: 'month-day-pair',
  pattern: re(`\\b(${MONTH_RE})\\s+\\d{1,2}${ORD}\\s+(?:and|or|&|to|through)\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?(?!\\d|[:.,]\\d|\\s*(?:%|percent|per\\b|million|billion|thousand))`, 'g'),
  resolve: (m, ctx) => {
    const mon = monthNumber(m[1]);
    const d = Number(m[2]);
    const start = m.index + m[0].lastIndexOf(m[2], m[3] ? m[0].length - m[3].length - 1 : m[0].length);
    const next = /^\s+([A-Za-z.%]+)/.exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24))?.[1]?.toLowerCase().replace(/\.$/, '');
    if (next && COUNT_NOUN.has(next)) return null;
    const y = m[3] ? Number(m[3]) : yearFor(ctx.ref, mon, d, relativeDirection(ctx, m, undefined));
    const r = day(y, mon, d, 'month-day-pair');
    return r && { ...r, start, end: m.index + m[0].length };
  },
};

/** "the week of March 6": the (ISO) week containing that day. */
const weekOf: Rule = {
  name: 'week-of',
  pattern: re(`\\b[Tt]he\\s+week\\s+of\\s+(${MONTH_RE})\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?(?!\\d)`, 'g'),
  resolve: (m, ctx) => {
    const mon = monthNumber(m[1]);
    const d = Number(m[2]);
    const y = m[3] ? Number(m[3]) : yearFor(ctx.ref, mon, d, relativeDirection(ctx, m, undefined));
    if (!validDay(y, mon, d)) return null;
    const w = weekWhen(CalDay.utc(y, mon, d));
    return { type: 'DATE', value: w.timex3, when: w, rule: 'week-of' };
  },
};

/** "30 November 2024", "30th of November", "Saturday 2 May 2009", "Tuesday, the 28th of April". */
const dayMonth: Rule = {
  name: 'day-month',
  pattern: re(`(?:\\b(${WEEKDAY_RE}),?\\s+(?:the\\s+)?)?(?<![\\d,.])\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${MONTH_RE})(?:,?\\s+(\\d{4}))?(?!\\w)`, 'g'),
  resolve: (m, ctx) => {
    const mon = monthNumber(m[3]);
    const d = Number(m[2]);
    if (m[4]) return day(Number(m[4]), mon, d, 'day-month-year');
    const byWeekday = m[1] && dayOfWeekday(ctx, m[1], mon, d, 'day-month-weekday');
    if (byWeekday) return byWeekday;
    const dir = chronologyEntry(ctx, m) ? 'past' : relativeDirection(ctx, m, undefined);
    return day(yearFor(ctx.ref, mon, d, dir), mon, d, `day-month-${dir}`);
  },
};

const MOD = '(?:[Ee]arly|[Ll]ate|[Mm]id|[Tt]he\\s+(?:end|beginning|start|middle|close)\\s+of|[Tt]he\\s+(?:first|second|last)\\s+half\\s+of)';
type Part = 'START' | 'MID' | 'END' | undefined;

function partOf(mod: string | undefined): Part {
  if (!mod) return undefined;
  const s = mod.toLowerCase();
  if (/early|beginning|start|first half/.test(s)) return 'START';
  if (/mid|middle/.test(s)) return 'MID';
  return 'END';
}

/** "March 2020", "late November 1999", "March of 2020". */
const monthYear: Rule = {
  name: 'month-year',
  pattern: re(`(?:\\b(${MOD})[\\s-]+)?\\b(${MONTH_RE}),?\\s+(?:of\\s+)?(\\d{4}(?!\\w|,\\d)|${SPOKEN_YEAR_RE}(?![\\w-]))`, 'g'),
  resolve: (m) => {
    const mon = monthNumber(m[2]);
    const y = /^\d/.test(m[3]) ? Number(m[3]) : parseSpokenYear(m[3]);
    if (y === null) return null;
    const part = partOf(m[1]);
    return { type: 'DATE', value: monthWhen(y, mon).timex3, when: part ? monthPartWhen(y, mon, part) : monthWhen(y, mon), rule: 'month-year' };
  },
};

/** "January this year", "early October this year", "June last year", "April next year": the month of that year. */
const monthRelativeYear: Rule = {
  name: 'month-relative-year',
  pattern: re(`(?:\\b(${MOD})[\\s-]+)?\\b(${MONTH_RE}),?\\s+(?:of\\s+)?(this|last|next)\\s+year(?![\\w'’-])`, 'g'),
  resolve: (m, ctx) => {
    const mon = monthNumber(m[2]);
    const rel = m[3].toLowerCase();
    const y = ctx.ref.year + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
    const part = partOf(m[1]);
    return { type: 'DATE', value: monthWhen(y, mon).timex3, when: part ? monthPartWhen(y, mon, part) : monthWhen(y, mon), rule: 'month-relative-year' };
  },
};

/** Prepositions and modifiers that make a bare "May" (or "March") a month, not a verb. */
const MONTH_LEAD = /\b(?:in|since|until|till|by|through|of|from|to|before|after|during|early|late|mid|last|this|next|between|and|or|throughout|end|beginning|middle|start|past|coming)[\s-]+$/i;

/** "the March accession", "the May elections": "the", the month, a common noun (not "the March on …", a title). */
function monthBeforeNoun(text: string, index: number, length: number): boolean {
  if (!/\b[Tt]he\s+$/.test(text.slice(Math.max(0, index - 4), index))) return false;
  const next = /^\s+([a-z]+)(?![\w'’-])/.exec(text.slice(index + length, index + length + 20))?.[1];
  return !!next && !/^(?:on|of|to|in|for|and|or|is|was|will|has|had)$/.test(next);
}

/** A month name without a day or year: "in March", "early December", "last November". */
const bareMonth: Rule = {
  name: 'month',
  pattern: re(`(?:\\b(${MOD})[\\s-]+)?(?:\\b((?:[Ll]ast|[Tt]his|[Nn]ext)(?:\\s+(?:past|coming))?)\\s+)?\\b(January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\\.)(?!\\w|-\\w|\\s+\\d)`, 'g'),
  resolve: (m, ctx) => {
    const name = m[3];
    if ((name === 'May' || name === 'March') && !m[1] && !m[2] && !MONTH_LEAD.test(ctx.text.slice(Math.max(0, m.index - 12), m.index))
      && !monthBeforeNoun(ctx.text, m.index, name.length)) {
      return null;
    }
    const mon = monthNumber(name);
    const rel = m[2]?.toLowerCase();
    let y: number;
    let rule: string;
    if (rel === 'this') {
      y = ctx.ref.year;
      rule = 'month-this';
    } else if (rel?.startsWith('last') && !rel.includes('past')) {
      y = mon < ctx.ref.month ? ctx.ref.year : ctx.ref.year - 1;
      rule = 'month-last';
    } else if (rel?.startsWith('next')) {
      y = mon > ctx.ref.month ? ctx.ref.year : ctx.ref.year + 1;
      rule = 'month-next';
    } else {
      let dir: Direction | 'nearest' | 'recent' = relativeDirection(ctx, m, rel);
      // No tense cue and no present tense before it ("when the case is heard in May" is ahead): the past bias of news.
      if (dir === 'nearest' && !PRESENT_BEFORE.test(clauseBefore(ctx.text, m.index))) dir = 'recent';
      y = yearFor(ctx.ref, mon, null, dir);
      rule = `month-${dir}`;
    }
    const part = partOf(m[1]);
    return { type: 'DATE', value: monthWhen(y, mon).timex3, when: part ? monthPartWhen(y, mon, part) : monthWhen(y, mon), rule };
  },
};

/** Words after a four-digit number that make it a count, not a year. */
const COUNT_NOUN = new Set(
  ('people persons troops soldiers civilians men women children kids fighters militants rebels police officers ' +
    'km kilometers kilometres miles meters metres feet ft yards tons tonnes kg dollars euros pounds yuan yen rupees ' +
    'barrels units cars vehicles homes houses buildings jobs workers employees staff members votes voters seats points ' +
    'cases deaths dead wounded injured refugees migrants prisoners detainees hostages families students patients ' +
    'hours hrs gmt utc local am pm a.m. p.m. z degrees percent per acres hectares shares rounds rockets missiles shells ' +
    'bombs tanks planes aircraft ships boats copies pages words lives victims residents inhabitants households ' +
    'villages sites targets strikes attacks times calories years months days weeks minutes seconds mw kw mhz ' +
    'protesters demonstrators delegates participants visitors tourists users customers passengers flights beds')
    .split(' '),
);
/** Capitalised words that lead a year as part of a date ("Christmas 1998", "Summer 1999", "FY 1990"). */
const CALENDAR_WORD = new RegExp(`^(?:${MONTH_RE}|Spring|Summer|Fall|Autumn|Winter|Christmas|Easter|Thanksgiving|Passover|Ramadan|Hanukkah|Day|Eve|Year|Years|Fiscal|FY|Q[1-4]|H[12]|Quarter|Half|Week|Month|Season|Since|In|By|Of|From|To|Until|Through|And|Or|Before|After|During|For|The|A|AD|BC|CE)$`);

/** Words before a four-digit number that make it an identifier or an amount. */
const ID_LEAD = /(?:[$£€¥#№]|\b(?:no|nos|number|resolution|unscr|res|flight|route|highway|article|room|section|chapter|page|pages|item|model|type|version|vol|code|bill|decree|law|order|act|reg|paragraph|exhibit|suite|apt|box|rank|ranked|tu|mig|su|boeing|airbus|some|approximately|than|least|total|totaling|totalling|additional|another|extra|estimated)\.?)\s*$/i;

/**
 * Bare years 1900–2100 (1500–1899 after a preposition): "in 2016", "2016's", "since 2011", "fiscal 1989", "in 1898". Numbers used as counts,
 * amounts, identifiers or clock times ("2,000 people", "$1999", "UNSCR 2254", "2016 GMT") are not years.
 */
const bareYear: Rule = {
  name: 'bare-year',
  pattern: re(`(?:\\b(${MOD})[\\s-]+|\\b([Ff]iscal(?:\\s+year)?|FY)\\s*)?(?<![\\w.,/:$£€¥#]|(?<![Mm]id|[Pp]re|[Pp]ost|[Ee]arly|[Ll]ate)-)(1[5-9]\\d\\d|20\\d\\d|2100)(?![\\w%]|[.,:/]\\d|-\\d{2}(?!\\d))`, 'g'),
  resolve: (m, ctx) => {
    const y = Number(m[3]);
    // Earlier years ("independence from Spain in 1898") only after a preposition of time: bare, they are counts.
    if (y < 1900 && !/\b(?:in|since|until|till|from|before|after|during|circa)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 10), m.index))) return null;
    const yStart = m.index + m[0].length - 4;
    const after = ctx.text.slice(yStart + 4, yStart + 40);
    const next = /^\s+([A-Za-z.%]+)/.exec(after)?.[1]?.toLowerCase().replace(/\.$/, '');
    if (next && COUNT_NOUN.has(next)) return null;
    if (!m[1] && !m[2]) {
      const lead = ctx.text.slice(Math.max(0, m.index - 16), m.index);
      // "some 2000", "$ 1999", "Resolution 2254"; but a month ("May 2016") or a preposition leads a year.
      if (ID_LEAD.test(lead)) return null;
      // "rose from 1990 to 2010 points" is an amount; "fell from 2009 to 2012" a span of years.
      if (/\b(?:number|total|tally|toll|count|rose|fell|up|down|increased|decreased|dropped|climbed)\s+(?:of|to|from|by)\s*$/i.test(lead)
        && !(/^\s+(?:to|until|through)\s+(?:19|20)\d\d(?![\w%]|[.,]\d|\s+[a-z])/i.test(after)
          && !/\b(?:number|total|tally|toll|count|figure|price|index|rate|level|population)s?\b[^.;]*$/i.test(ctx.text.slice(Math.max(0, m.index - 60), m.index)))) return null;
      // A clock time: "at 2016 GMT", "at 1930 local".
      if (/^\s*(?:h|hrs|hours|gmt|utc|z\b)/i.test(after)) return null;
      // "a venture called Vega 1990", "the Euro 2000 tournament": right after a capitalised word inside a sentence,
      // the number is part of a name, unless the word is one of the calendar ("Christmas 1998", "Spring 1999").
      const name = /(?:^|[^.!?:;"“”'`\s])\s+([A-Z][A-Za-z]*)\s+$/.exec(lead);
      if (name && !CALENDAR_WORD.test(name[1])) return null;
    }
    const part = partOf(m[1]);
    const half = /\b(first|second|last)\s+half/i.exec(m[1] ?? '');
    if (half) {
      // "the first half of 1989", "the last half of 2016": a half year (TIMEX3 1989-H1).
      const h = halfWhen(y, half[1].toLowerCase() === 'first' ? 1 : 2);
      return { type: 'DATE', value: h.timex3, when: h, rule: 'year-half' };
    }
    if (part === 'END' && /late/i.test(m[1]!)) {
      // "late 2016": the last quarter (DESIGN §5).
      const q = quarterWhen(y, 4);
      return { type: 'DATE', value: q.timex3, when: q, rule: 'year-late' };
    }
    if (part) {
      const w = part === 'START' ? quarterWhen(y, 1) : part === 'END' ? quarterWhen(y, 4) : midYear(y);
      return { type: 'DATE', value: String(y), when: w, rule: `year-${part.toLowerCase()}` };
    }
    return { type: 'DATE', value: String(y), when: yearWhen(y), rule: m[2] ? 'fiscal-year' : 'bare-year' };
  },
};

/**
 * "the 1988 quarter", "the 1989 period": in a report of results, the period under report in that year (the quarter
 * last mentioned, else the quarter last completed; a "period" with no quarter before it stays the year).
 */
const yearPeriod: Rule = {
  name: 'year-period',
  pattern: /\b[Tt]he\s+(19\d\d|20\d\d)\s+(?:fiscal\s+)?(quarter|period)(?![\w'’-])/g,
  resolve: (m, ctx) => {
    const y = Number(m[1]);
    const shift = { unit: 'year' as const, n: 0, anchor: 'previous' as const, toYear: y };
    if (m[2].toLowerCase() === 'period') return { type: 'DATE', value: String(y), when: yearWhen(y), rule: 'year-period', shift };
    const q = quarterWhen(y, Math.floor((ctx.ref.minus({ months: 3 }).month - 1) / 3) + 1);
    return { type: 'DATE', value: q.timex3, when: q, rule: 'year-period', shift };
  },
};

/** "nineteen ninety-six", "the year two thousand": years read out in broadcast transcripts. */
const spokenYear: Rule = {
  name: 'spoken-year',
  pattern: re(`(?:\\b[Tt]he\\s+year\\s+)?\\b(${SPOKEN_YEAR_RE})(?![\\w-])`, 'gi'),
  resolve: (m, ctx) => {
    const y = parseSpokenYear(m[1]);
    if (y === null) return null;
    const hasYear = /^the\s/i.test(m[0]);
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    const next = /^\s+([A-Za-z.%]+)/.exec(after)?.[1]?.toLowerCase().replace(/\.$/, '');
    if (!hasYear && next && (COUNT_NOUN.has(next) || /^(?:of|more|other|new|million|billion|dollars?)$/.test(next))) return null;
    // "two thousand" alone is a count more often than a year.
    if (!hasYear && /^two\s+thousand/i.test(m[1]) && !/\b(?:in|by|until|since|before|after)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 8), m.index))) return null;
    return { type: 'DATE', value: String(y), when: yearWhen(y), rule: 'spoken-year' };
  },
};

function midYear(y: number) {
  const w = yearWhen(y);
  return { ...w, from: `${y}-05-01`, to: `${y}-08-31`, precision: 'season' as const, edtf: `${y}-05/${y}-08` };
}

const DECADE_WORDS: Record<string, number> = {
  twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90,
};

/**
 * "the 1990s", "the late '70s", "the eighties", "the mid-1990s"; "the last half of the '80s" is that decade too
 * (TimeML keeps the decade's value for a part of it, as for "the late 1980s").
 */
const decade: Rule = {
  name: 'decade',
  pattern: re(`(?:\\b[Tt]he\\s+(?:first|second|last|latter)\\s+half\\s+of\\s+)?(?:\\b[Tt]he\\s+)?(?:\\b(?:early|late|mid)[\\s-]+)?(?:\\b(1[89]\\d|20\\d)0'?s\\b|['’](\\d)0s\\b|\\b(?:nineteen[\\s-]+)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b)`, 'g'),
  resolve: (m) => {
    let start: number;
    if (m[1]) start = Number(m[1]) * 10;
    else if (m[2]) start = 1900 + Number(m[2]) * 10;
    else {
      // "the nineties" is only a decade with "the" or "nineteen" ("in her nineties" is an age).
      if (!/^the\s|nineteen/i.test(m[0])) return null;
      start = 1900 + DECADE_WORDS[m[3].toLowerCase()];
    }
    const w = decadeWhen(start);
    return { type: 'DATE', value: w.timex3, when: w, rule: 'decade' };
  },
};

const ORDINAL_WORDS: Record<string, number> = {
  eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty first': 21,
};

/** "the 20th century" → `19`. */
const century: Rule = {
  name: 'century',
  pattern: /(?:\b[Tt]he\s+)?(?:\b(?:early|late|mid)[\s-]+)?\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b|(?:\b[Tt]he\s+)?\b(eighteenth|nineteenth|twentieth|twenty[\s-]first)[\s-]+century\b/gi,
  resolve: (m) => {
    const n = m[1] ? Number(m[1]) : ORDINAL_WORDS[m[2].toLowerCase().replace(/\s+/, ' ')];
    if (!n) return null;
    const w = centuryWhen(n - 1);
    return { type: 'DATE', value: w.timex3, when: w, rule: 'century' };
  },
};

export const ABSOLUTE_RULES: Rule[] = [isoDate, numericDate, weekOf, monthDay, secondDayOfPair, dayMonth, monthYear, monthRelativeYear, bareMonth, bareYear, yearPeriod, spokenYear, decade, century];
