/**
 * Expressions relative to the publication day: "yesterday", "tonight", "this morning", "last week",
 * "this year", "next month", "earlier this year", "two years ago", "the third quarter", "last fall".
 */
import type { CalDay } from './day';
import {
  dayWhen, halfWhen, isoDay, monthWhen, quarterOf, quarterWhen, seasonOf, seasonWhen, weekWhen, weekendWhen, yearWhen,
  type Season,
} from './calendar';
import { NUMBER_RE, ORDINALS, SEASONS, SPOKEN_YEAR_RE, VAGUE_RE, parseNumber, parseSpokenYear } from './lexicon';
import { type Context, type Resolution, type Rule, directionAt, explicitDirectionAt, re } from './rule';

const PARTS: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', tonight: 'NI' };

/** "yesterday", "late yesterday", "tomorrow morning", "today", "tonight", "this morning", "last night". */
const relativeDay: Rule = {
  name: 'relative-day',
  pattern: re(
    '\\b(?:(?:early|late|earlier|later)\\s+|(?:(?:early|late|mid)[\\s-]?)?(morning|afternoon|evening)\\s+(?=yesterday|today|tomorrow))?' +
      '\\b(yesterday|today|tomorrow|tonight|this\\s+(?:morning|afternoon|evening)|last\\s+night|overnight)' +
      '(?:\\s+(morning|afternoon|evening|night))?(?![\\w-])',
  ),
  resolve: (m, ctx) => {
    const word = m[2].toLowerCase().replace(/\s+/g, ' ');
    // "today's youth", "tomorrow's world": the present (or coming) age in general, not a day.
    if ((word === 'today' || word === 'tomorrow') && GENERIC_AGE.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24))) return null;
    // "the people of tomorrow", "the cars of tomorrow": the coming age (a day would be "tomorrow's meeting").
    if (m[0] === 'tomorrow' && /\bthe\s+[a-z]+\s+of\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 32), m.index))) return null;
    if (m[0] === m[2] && isTitleWord(m[2], ctx.text.slice(Math.max(0, m.index - 24), m.index))) return null;
    let day = ctx.ref.startOf('day');
    // "yesterday afternoon", "mid-afternoon yesterday".
    const partWord = m[3] ?? (/^(?:yesterday|today|tomorrow)$/.test(word) ? m[1] : undefined);
    let part: string | undefined = partWord ? PARTS[partWord.toLowerCase()] : undefined;
    if (word === 'yesterday') day = day.minus({ days: 1 });
    else if (word === 'tomorrow') day = day.plus({ days: 1 });
    else if (word === 'tonight') part = 'NI';
    else if (word === 'last night') { day = day.minus({ days: 1 }); part = 'NI'; }
    else if (word === 'overnight') return null;
    else if (word.startsWith('this ')) part = PARTS[word.slice(5)];
    const date = isoDay(day);
    if (part) return { type: 'TIME', value: `${date}T${part}`, when: dayWhen(day), rule: `relative-day-part` };
    return { type: 'DATE', value: date, when: dayWhen(day), rule: `relative-day` };
  },
};

/**
 * "Today is the eighth day of the blockade", "it's the second day of an offensive", "it was a great day for Poland": a
 * day named by a deictic subject ("it", "today", "this") is the day of the report itself (TimeBank and AQUAINT
 * annotate the day phrase with that date). "The worst day of his life" is any day, not this one.
 */
const deicticDay: Rule = {
  name: 'deictic-day',
  pattern: /\b(?:[Ii]t\s+(?:is|was)|[Ii]t['’]s|[Tt]oday\s+(?:is|was)|[Tt]his\s+is)\s+(?:(?:just|only|now)\s+)?(?:["“'`]+)?((?:a|an|the)\s+(?:[a-z]+\s+)?day)(?=\s+(?:of|for|in)\s)(?!\s+of\s+(?:my|his|her|their|our|your)\s+li(?:fe|ves)\b)/g,
  resolve: (m, ctx) => {
    const start = m.index + m[0].length - m[1].length;
    const day = ctx.ref.startOf('day');
    return { type: 'DATE', value: isoDay(day), when: dayWhen(day), rule: 'deictic-day', start };
  },
};

/**
 * "USA Today", "This is VOA Today": a capitalised day word right after a capitalised name is the name of a paper or a
 * programme (mid-sentence, "today" is written in lower case).
 */
function isTitleWord(word: string, before: string): boolean {
  return /^[A-Z]/.test(word) && /\b[A-Z][\w&]*[ \t]+$/.test(before);
}

/** After "today's": nouns of an age rather than of a day ("today's world", "today's personal computers"). */
const GENERIC_AGE = /^['’]s\s+(?:world|youth|society|societies|generation|generations|young|children|kids|culture|economy|standards|technology|personal|modern|global|business|workplace)\b/i;

type Unit = 'week' | 'weekend' | 'month' | 'year' | 'quarter' | 'day';

/** The calendar unit containing `d`. */
function unitWhen(unit: Unit, d: CalDay) {
  switch (unit) {
    case 'day': return dayWhen(d);
    case 'week': return weekWhen(d);
    case 'weekend': return weekendWhen(d);
    case 'month': return monthWhen(d.year, d.month);
    case 'quarter': return quarterWhen(d.year, quarterOf(d.month));
    case 'year': return yearWhen(d.year);
  }
}

function shiftUnit(d: CalDay, unit: Unit, n: number): CalDay {
  if (unit === 'quarter') return d.plus({ months: 3 * n });
  if (unit === 'weekend') return d.plus({ weeks: n });
  return d.plus({ [`${unit}s`]: n });
}

/** "this week", "last year", "next month", "earlier this year", "the past year", "the current quarter". */
const relativeUnit: Rule = {
  name: 'relative-unit',
  pattern: re(
    '\\b(?:(earl(?:y|ier)|late|later|mid|the\\s+(?:end|beginning|start|middle|rest|remainder|balance)\\s+of)[\\s-]+)?' +
      '\\b(this|last|next|the\\s+past|the\\s+previous|the\\s+current|the\\s+coming|the\\s+next|the\\s+latest|this\\s+past|the\\s+same|the)\\s+' +
      '(week|weekend|month|year|quarter|fiscal\\s+year)(?![\\w-])',
  ),
  resolve: (m, ctx) => {
    const rel = m[2].toLowerCase().replace(/\s+/g, ' ');
    const unit = (m[3].toLowerCase().includes('year') ? 'year' : m[3].toLowerCase()) as Unit;
    // "the next year"/"the past year"/"the coming year" without a modifier read as a year-long span in TimeML
    // only sometimes; the calendar unit is the more useful reading for a chronology.
    let n = 0;
    if (/^(last|the past|the previous|this past)$/.test(rel)) n = -1;
    if (/^(next|the coming|the next)$/.test(rel)) n = 1;
    if (rel === 'the same') return null;
    // ABC's "This Week", "Next Year in …": both words capitalised inside a sentence make a title, not a time.
    if (/^[A-Z]\S*\s+[A-Z]/.test(m[0]) && !/(?:^|[.!?]\s+|[\n“]\s*)$/.test(ctx.text.slice(Math.max(0, m.index - 3), m.index))) return null;
    // "by the end of the month", "the beginning of the week": a part of the current unit; "the week" alone is left
    // to the rules for the weekend and the year of results.
    if (rel === 'the' && (!m[1] || !/^the\s/i.test(m[1]) || unit === 'quarter')) return null;
    if (rel === 'the latest' && unit !== 'quarter') return null;
    if (rel === 'the latest') n = -1;
    // "climbed to the top of the table this weekend", written on a weekday: the weekend just past.
    if (unit === 'weekend' && rel === 'this' && ctx.ref.weekday < 6 && explicitDirectionAt(ctx, m.index, m.index + m[0].length) === 'past') n = -1;
    // "the past week" counts back from today: the week before this one.
    const d = shiftUnit(ctx.ref.startOf('day'), unit, n);
    const w = unitWhen(unit, d);
    return { type: 'DATE', value: w.timex3, when: w, rule: `relative-${unit}` };
  },
};

const UNIT_RE = '(days?|weeks?|fortnights?|months?|years?|decades?|centuries|century|quarters?)';

/**
 * "two years ago" (a DATE: the year two years before publication), "three days ago", "a decade ago",
 * "over a decade ago" (bounded: before then), "a few years ago" (PAST_REF), "two weeks from now", "a year earlier".
 * "three days later", "a month after the truce" are durations between two happenings (TimeML annotates the
 * DURATION "three days"), so they are left to the duration rule.
 */
const ago: Rule = {
  name: 'ago',
  pattern: re(
    `\\b(?:(about|nearly|almost|some|roughly|around|approximately|just|only|more\\s+than|over|less\\s+than|under|at\\s+least|barely)\\s+)?` +
      `\\b(${NUMBER_RE}|${VAGUE_RE})?[\\s-]*\\b${UNIT_RE}\\s+(?:or\\s+so\\s+)?(ago|from\\s+now|hence|earlier)(?![\\w'’-])`,
  ),
  resolve: (m, ctx) => {
    const qual = (m[1] ?? '').toLowerCase();
    const rawN = m[2];
    let unit = m[3].toLowerCase().replace(/s$/, '').replace(/ie$/, 'y');
    const word = m[4].toLowerCase();
    const sign = word === 'ago' || word === 'earlier' || word === 'before' ? -1 : 1;
    const anchor = word === 'ago' || /now|hence/.test(word) ? 'publication' : 'previous';
    // "a year earlier" needs its number ("last year earlier" is not a shift); "N days later/after/before" is a
    // duration between two happenings (TimeML: DURATION on "N days"), left to the duration rule.
    if (!rawN && word === 'earlier') return null;
    const n = rawN ? parseNumber(rawN) : /s$/.test(m[3]) ? null : 1;
    if (n === null) {
      return sign < 0
        ? { type: 'DATE', value: 'PAST_REF', when: null, rule: 'ago-vague' }
        : { type: 'DATE', value: 'FUTURE_REF', when: null, rule: 'ago-vague' };
    }
    let years = 0;
    let amount0 = n;
    if (unit === 'fortnight') { amount0 = 2 * n; unit = 'week'; }
    if (unit === 'decade') { years = 10 * n; unit = 'year'; }
    if (unit === 'centurie' || unit === 'century') { years = 100 * n; unit = 'year'; }
    const ref = ctx.ref.startOf('day');
    const amount = years || amount0;
    // Fractions ("1 1/2 years ago") are rounded to whole days.
    const days = { day: 1, week: 7, month: 30.44, quarter: 91.31, year: 365.25 }[unit] ?? 1;
    const d = Number.isInteger(amount)
      ? ref.plus(unit === 'quarter' ? { months: sign * 3 * amount } : { [`${unit}s`]: sign * amount })
      : ref.plus({ days: Math.round(sign * amount * days) });
    const w = unit === 'year' ? yearWhen(d.year) : unit === 'month' ? monthWhen(d.year, d.month)
      : unit === 'quarter' ? quarterWhen(d.year, quarterOf(d.month)) : dayWhen(d);
    const shift = Number.isInteger(amount) && ['day', 'week', 'month', 'quarter', 'year'].includes(unit)
      ? { unit: unit as 'day', n: sign * amount, anchor: anchor as 'publication' } : undefined;
    if (/more than|over|at least/.test(qual) && sign < 0) {
      // "over a decade ago": at or before that time.
      return { type: 'DATE', value: w.timex3, when: { ...w, from: null, precision: 'bounded', edtf: `../${w.edtf}` }, rule: 'ago-bounded' };
    }
    return { type: 'DATE', value: w.timex3, when: w, rule: anchor === 'previous' ? 'relative-shift' : 'ago', shift };
  },
};

/**
 * "a year earlier", "a year ago" written as adjectives: "year-earlier", "year-ago" (the year before publication, or the
 * period under report a year before), and their wordier forms "the same quarter last year", "last year's quarter".
 */
const yearAgoAdjective: Rule = {
  name: 'year-ago-adjective',
  pattern: new RegExp(
    '\\b(?:the\\s+)?(?:comparable\\s+)?year[\\s-](?:ago|earlier)(?:\\s+(?:(?:first|second|third|fourth|fiscal)[\\s-]+)*(?:quarter|period))?(?![\\w-])' +
      // "the same period last year", "the quarter a year earlier", "last year's quarter": the same thing in words.
      '|\\bthe\\s+(?:(?:same|corresponding|comparable)\\s+)?(?:fiscal\\s+)?(?:quarter|period)\\s+(?:of\\s+)?(?:last\\s+year|a\\s+year\\s+(?:ago|earlier))(?![\\w\'’-])' +
      '|\\blast\\s+year[\'’]s\\s+(?:fiscal\\s+)?(?:quarter|period)(?![\\w-])',
    'gi',
  ),
  resolve: (m, ctx) => {
    const q = /\b(first|second|third|fourth)[\s-]+quarter/i.exec(m[0]);
    if (q) {
      const w = quarterWhen(ctx.ref.year - 1, ORDINALS[q[1].toLowerCase()]);
      return { type: 'DATE', value: w.timex3, when: w, rule: 'year-ago' };
    }
    const shift = { unit: 'year' as const, n: -1, anchor: 'publication' as const };
    if (/quarter/i.test(m[0]) && !/\bperiod\b/i.test(m[0])) {
      // "the year-ago quarter" with no quarter before it: "the quarter" (the one last completed) a year before.
      const d = ctx.ref.minus({ months: 3 }).minus({ years: 1 });
      const w = quarterWhen(d.year, quarterOf(d.month));
      return { type: 'DATE', value: w.timex3, when: w, rule: 'year-ago', shift };
    }
    const w = yearWhen(ctx.ref.year - 1);
    return { type: 'DATE', value: w.timex3, when: w, rule: 'year-ago', shift };
  },
};

/**
 * Quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 1990", "fiscal second-quarter",
 * "the first half". Without a year, the most recent such quarter (past clause) or the next (future clause).
 */
const quarter: Rule = {
  name: 'quarter',
  pattern: re(
    '\\b(?:(the)\\s+|((?:this|last|next)\\s+year)[\'’]s\\s+)?(?:\\b(?:fiscal|calendar)[\\s-]+)?\\b(?:(\\d{4})\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\\s-]+(quarter|half)' +
      '(?:\\s+of\\s+(?:(?:fiscal|calendar)\\s+)?(\\d{4}|this\\s+year|last\\s+year|next\\s+year))?(?![\\w\'’]|-(?!ended|ending)\\w)',
  ),
  resolve: (m, ctx) => {
    const [, the, possessiveYear, digits, ordinal, unit, ofYear] = m;
    const q = ORDINALS[ordinal.toLowerCase()];
    const isHalf = unit.toLowerCase() === 'half';
    if (ordinal.toLowerCase() === 'last' && !the) return null;
    const n = isHalf ? Math.min(q, 2) : q;
    let y: number;
    let rule = isHalf ? 'half' : 'quarter';
    // "next year's first quarter" is "the first quarter of next year".
    const yearText = (digits ?? ofYear ?? possessiveYear ?? '').toLowerCase().replace(/\s+/g, ' ');
    if (/^\d{4}$/.test(yearText)) y = Number(yearText);
    else if (yearText === 'last year') y = ctx.ref.year - 1;
    else if (yearText === 'next year') y = ctx.ref.year + 1;
    else if (yearText === 'this year') y = ctx.ref.year;
    else {
      const cur = isHalf ? (ctx.ref.month <= 6 ? 1 : 2) : quarterOf(ctx.ref.month);
      const dir = directionAt(ctx, m.index, m.index + m[0].length);
      // Quarters up to the current one are this year's whatever the tense (results are reported after the fact);
      // a later quarter is last year's in a past clause, this year's in a future one.
      y = n <= cur || dir === 'future' ? ctx.ref.year : ctx.ref.year - 1;
      rule += `-${dir}`;
    }
    const w = isHalf ? halfWhen(y, n) : quarterWhen(y, n);
    return { type: 'DATE', value: w.timex3, when: w, rule };
  },
};

/** "the first two quarters of 1990", "the last two quarters of 1989": the half year they make up (1990-H1). */
const twoQuarters: Rule = {
  name: 'two-quarters',
  pattern: /\b(?:the\s+)?(first|last|final|second)\s+two\s+quarters\s+of\s+(?:(?:fiscal|calendar)\s+)?(\d{4})(?![\w'’-])/gi,
  resolve: (m) => {
    const w = halfWhen(Number(m[2]), m[1].toLowerCase() === 'first' ? 1 : 2);
    return { type: 'DATE', value: w.timex3, when: w, rule: 'two-quarters' };
  },
};

/** "the quarter", "the latest quarter": the quarter most recently ended or under way (reports of results). */
const theQuarter: Rule = {
  name: 'the-quarter',
  pattern: /\b(?:the|this)\s+(?:latest\s+|current\s+|most\s+recent\s+|recent\s+)?(?:fiscal\s+)?quarter(?![\w-])|\bthe\s+(?:latest|most\s+recent)\s+period\b/gi,
  resolve: (m, ctx) => {
    // Results are reported after a quarter closes: "the quarter" is the one last completed, unless "this"/"current".
    const current = /this|current/i.test(m[0]);
    const d = current ? ctx.ref : ctx.ref.minus({ months: 3 });
    const w = quarterWhen(d.year, quarterOf(d.month));
    return { type: 'DATE', value: w.timex3, when: w, rule: 'the-quarter', shift: current ? undefined : { unit: 'quarter', n: 0, anchor: 'previous' } };
  },
};

/** "this summer", "last fall", "the summer of 1994", "spring 2016", "the winter". */
const season: Rule = {
  name: 'season',
  pattern: re(
    '\\b(?:(?:the\\s+)?(early|late|mid)[\\s-]+)?(?:\\b(this\\s+past|this\\s+coming|this|last|next|the|past|coming)\\s+)?' +
      `\\b(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?(\\d{4}|${SPOKEN_YEAR_RE}))?(?![\\w'’-])`,
  ),
  resolve: (m, ctx) => {
    const s = SEASONS[m[3].toLowerCase()] as Season;
    // "the early summer" is "the summer".
    const rel = (m[2] ?? (/^the\s/i.test(m[0]) ? 'the' : '')).toLowerCase().replace(/\s+/g, ' ');
    const cur = seasonOf(ctx.ref);
    let y: number;
    let rule = 'season';
    if (m[4]) {
      const sy = /^\d/.test(m[4]) ? Number(m[4]) : parseSpokenYear(m[4]);
      if (sy === null) return null;
      y = sy;
    }
    else if (!rel || rel === 'the') {
      // "fall" alone is too often a verb or noun ("the fall of Mosul"); only "the fall" before a past/future reading is not enough.
      if (!rel && s === 'FA') return null;
      if (rel === 'the' && s === 'FA') return null;
      if (!rel && !/\b(?:in|during|by|since|until|through|this|last|next|early|late)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 10), m.index))) return null;
      const dir = directionAt(ctx, m.index, m.index + m[0].length);
      y = seasonYear(cur, s, dir, false);
      rule = `season-${dir}`;
    } else if (rel === 'last' || rel === 'past' || rel === 'this past') {
      y = seasonYear(cur, s, 'past', rel === 'last');
    } else if (rel === 'next' || rel === 'coming' || rel === 'this coming') {
      y = seasonYear(cur, s, 'future', rel === 'next');
    } else {
      // "this summer": the one of the current year (winter: the one under way or ahead).
      y = s === 'WI' && ctx.ref.month <= 2 ? ctx.ref.year - 1 : ctx.ref.year;
    }
    const w = seasonWhen(y, s);
    return { type: 'DATE', value: w.timex3, when: w, rule };
  },
};

/** Season-year of season `s` relative to the current season: the most recent (or next) one, strictly with `strict`. */
function seasonYear(cur: { year: number; season: Season }, s: Season, dir: 'past' | 'future', strict: boolean): number {
  const idx = (x: Season) => ['SP', 'SU', 'FA', 'WI'].indexOf(x);
  const c = idx(cur.season);
  const t = idx(s);
  if (dir === 'past') return t < c || (t === c && !strict) ? cur.year : cur.year - 1;
  return t > c || (t === c && !strict) ? cur.year : cur.year + 1;
}

/**
 * "the year" of results: a twelve-month span when it "ended"/"ending" on a date, else the current year;
 * "the weekend": the last one in a past clause, the coming one in a future clause.
 */
const theYearOrWeekend: Rule = {
  name: 'the-year',
  pattern: /\b(?:the\s+(?:full\s+|fiscal\s+|calendar\s+)?year(?=\s+(end(?:ed|ing))\b)|the\s+(?:full\s+|calendar\s+)?year|the\s+weekend)(?![\w-])/gi,
  resolve: (m, ctx) => {
    if (/weekend$/i.test(m[0])) {
      const dir = directionAt(ctx, m.index, m.index + m[0].length);
      const wd = ctx.ref.weekday;
      const base = dir === 'past' ? (wd >= 6 ? ctx.ref : ctx.ref.minus({ weeks: 1 })) : ctx.ref;
      const w = weekendWhen(base);
      return { type: 'DATE', value: w.timex3, when: w, rule: `weekend-${dir}` };
    }
    if (m[1]) return { type: 'DURATION', value: 'P1Y', when: null, edtf: '', rule: 'duration' };
    const w = yearWhen(ctx.ref.year);
    return { type: 'DATE', value: w.timex3, when: w, rule: 'the-year' };
  },
};

/**
 * "by year-end", "around year end", "by year's end": the end of the current year, valued as the year (TimeML: the
 * year with MOD END, as "the end of the year"). "Since year-end" looks back to the last one. Only after a preposition:
 * "year-end net", "a year-end dividend" are adjectives of a figure.
 */
const yearEnd: Rule = {
  name: 'year-end-word',
  pattern: /\b(by|since|until|till|before|after|around|at|through|near|toward|towards)\s+(?:the\s+)?(year[\s-]end|year['’]s\s+end)(?:,?\s+(?:of\s+)?((?:19|20)\d\d)\b)?(?![\w-])/gi,
  resolve: (m, ctx) => {
    // "at year-end 1988": that year's end.
    const y = m[3] ? Number(m[3]) : m[1].toLowerCase() === 'since' ? ctx.ref.year - 1 : ctx.ref.year;
    const w = yearWhen(y);
    return { type: 'DATE', value: w.timex3, when: w, rule: 'year-end-word', start: m.index + m[0].indexOf(m[2]) };
  },
};

export const RELATIVE_RULES: Rule[] = [yearEnd, theYearOrWeekend, relativeDay, deicticDay, relativeUnit, ago, yearAgoAdjective, quarter, twoQuarters, theQuarter, season];
export type { Context };
