/**
 * Durations and sets: "two months of conflict" (P2M), "three days" (P3D), "a decade" (P10Y), "several years" (PXY),
 * "24 hours" (PT24H), "the past three months" (P3M); "daily" (P1D), "every year" (P1Y), "every Sunday" (XXXX-WXX-7).
 */
import { MONTHS, NUMBER_RE, VAGUE_RE, WEEKDAYS, parseNumber } from './lexicon';
import { type Rule, re } from './rule';

const UNIT_CODE: Record<string, [string, number, boolean]> = {
  // unit → [TIMEX3 designator, multiplier, is a time unit (after T)]
  second: ['S', 1, true], minute: ['M', 1, true], hour: ['H', 1, true], day: ['D', 1, false], night: ['D', 1, false],
  week: ['W', 1, false], weekend: ['WE', 1, false], fortnight: ['W', 2, false], month: ['M', 1, false],
  quarter: ['Q', 1, false], year: ['Y', 1, false], decade: ['Y', 10, false], century: ['Y', 100, false],
};

const singular = (u: string): string => {
  const s = u.toLowerCase();
  if (s === 'centuries') return 'century';
  return s.replace(/s$/, '');
};

/** "P2M", "PT24H", "P2Y6M" for 2 1/2 years; vague amounts ("several") give "PXY". */
export function durationValue(n: number | null, unit: string): string {
  const [code, mult, time] = UNIT_CODE[unit];
  const t = time ? 'T' : '';
  // Decades count in years, counted or not ("a decade" P10Y, "decades" PXY), as both corpora write them (P10Y, P20Y,
  // P40Y, PXY; never DE).
  if (n === null) return unit === 'century' ? 'PXCE' : `P${t}X${code}`;
  const total = n * mult;
  if (!Number.isInteger(total)) {
    const whole = Math.floor(total);
    if (code === 'Y') return `P${whole ? `${whole}Y` : ''}${Math.round((total - whole) * 12)}M`;
    if (code === 'D') return `P${whole ? `${whole}D` : ''}T${Math.round((total - whole) * 24)}H`;
    if (code === 'H') return `PT${whole ? `${whole}H` : ''}${Math.round((total - whole) * 60)}M`;
    if (code === 'M' && time) return `PT${whole ? `${whole}M` : ''}${Math.round((total - whole) * 60)}S`;
    return `P${t}${total}${code}`;
  }
  return `P${t}${total}${code}`;
}

/** How many of a unit make up a longer one: "24 hours a day", "seven days a week" cover the whole of it. */
const CYCLE: Record<string, Record<string, number[]>> = {
  day: { hour: [24] }, week: { day: [7], hour: [168] }, year: { day: [365, 366], week: [52], month: [12] }, hour: { minute: [60] },
};

/**
 * "24 hours a day", "seven days a week", "365 days a year": a count that fills the whole of its period says "all the
 * time", an adverb of manner; neither the count nor the "a day" is a duration or a recurrence (TimeML annotates none).
 */
function isFullCycle(n: number | null, unit: string, per: string): boolean {
  return n !== null && (CYCLE[per.toLowerCase()]?.[unit] ?? []).includes(n);
}

/** The "a day" of "24 hours a day": the period after a count that fills it. */
function fullCycleBefore(text: string, at: number, per: string): boolean {
  const count = /(?:^|\s)(\S+)\s+(hours|days|weeks|months|minutes)\s+$/i.exec(text.slice(Math.max(0, at - 24), at));
  return !!count && isFullCycle(parseNumber(count[1]), singular(count[2]), per);
}

const QUAL = '(?:about|nearly|almost|some|roughly|around|approximately|just|only|more\\s+than|over|less\\s+than|under|at\\s+least|at\\s+most|up\\s+to|barely|fully|the\\s+(?:past|last|next|previous|first|coming|following|final|last|latest|ensuing)|another|an\\s+additional|each\\s+of\\s+the\\s+(?:past|last))';

const duration: Rule = {
  name: 'duration',
  pattern: re(
    `\\b(?:${QUAL}\\s+)?\\b(${NUMBER_RE}|${VAGUE_RE})(\\s+and\\s+a\\s+half)?[\\s-]+(?:(?:more|additional|further|extra)\\s+)?(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centuries|century)(?![\\w’]|'(?!')|-old)(\\s+and\\s+a\\s+half(?![\\w-]))?`,
  ),
  resolve: (m, ctx) => {
    const unit = singular(m[3]);
    const raw = m[1].toLowerCase();
    let n = parseNumber(raw);
    if (new RegExp(`^${VAGUE_RE}$`, 'i').test(raw)) n = null;
    // "two and a half years", "a minute and a half".
    if (n !== null && (m[2] || m[4])) n += 0.5;
    // "one day" at a sentence start or "a day" as in "a day after" are dates or adverbs in news; keep them as
    // durations only when nothing turns them into a reference point ("ago"/"later" are matched by other rules).
    if (n === 0) return null;
    if (/^\d/.test(raw) && n !== null && n > 1000 && unit === 'year') return null;
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    // "52 years old": an age, not a time expression.
    if (/^\s+old\b/i.test(after)) return null;
    const per = /^\s+(?:a|an|per|each|every)\s+(day|week|year|hour)\b/i.exec(after);
    if (per && isFullCycle(n, unit, per[1])) return null;
    if (/^an?$/.test(raw) && fullCycleBefore(ctx.text, m.index, unit)) return null;
    // "about three-quarters of its food", "more than a quarter of the market": fractions, unless of a year or period.
    if (unit === 'quarter' && /^\s+of\s+(?!(?:the\s+)?(?:\d|year|fiscal|this|last|next|that|calendar))/i.test(after)) return null;
    // "a second group", "a second betrayal": the ordinal.
    if (unit === 'second' && /^an?$/.test(raw) && /^\s+(?!(?:ago|later|earlier|before|after|or|and|of|to|in|for|longer|more)\b)[a-z]/.test(after)) return null;
    // "60 Minutes", "48 Hours": a title, not a length of time.
    if (/^[A-Z]/.test(m[3]) && /\d/.test(raw)) return null;
    return { type: 'DURATION', value: durationValue(n, unit), when: null, edtf: '', rule: 'duration' };
  },
};

/** "a week-long visit", "a day-long meeting", "decades-long battle": compound adjectives of length. */
const longAdjective: Rule = {
  name: 'long-adjective',
  pattern: /\b(hour|day|night|week|month|year|decade|centur(?:y|ie))(s?)-long\b/gi,
  resolve: (m) => {
    const unit = singular(m[1].toLowerCase() === 'centurie' ? 'century' : m[1]);
    return { type: 'DURATION', value: durationValue(m[2] ? null : 1, unit), when: null, edtf: '', rule: 'duration' };
  },
};

/**
 * "the past decade", "the next century", "this century": spans of vague or implied length. The corpora value "this
 * century" ("the disasters of this century") as the span, like "the past century", not as the calendar century.
 */
const impliedDuration: Rule = {
  name: 'implied-duration',
  pattern: /\b(?:the\s+(?:past|last|next|coming|previous)|this)\s+(decade|century)(?![\w'’-])/gi,
  resolve: (m) => {
    const start = m[0].toLowerCase().startsWith('in ') ? m.index + 3 : m.index;
    return { type: 'DURATION', value: durationValue(1, singular(m[1])), when: null, edtf: '', rule: 'duration', start };
  },
};

/** Bare plural units ("for years", "in recent months" is a reference): "years", "decades", "months". */
const vagueDuration: Rule = {
  name: 'vague-duration',
  pattern: /\b(?:for|over|in|within|after)\s+(years|decades|months|weeks|days|hours)(?![\w'’-])/gi,
  resolve: (m) => {
    const unit = singular(m[1]);
    const start = m.index + m[0].length - m[1].length;
    return { type: 'DURATION', value: durationValue(null, unit), when: null, edtf: '', rule: 'duration-vague', start };
  },
};

/**
 * "for a while", "after a little while", "in a short while": a stretch of unknown length and unit (TIMEX3 PXX). Only
 * after a preposition of duration: "while" alone is mostly the conjunction.
 */
const aWhile: Rule = {
  name: 'a-while',
  pattern: /\b(?:for|after|in|within)\s+((?:quite\s+)?a\s+(?:(?:little|long|short|good)\s+)?while)(?![\w'’-])/gi,
  resolve: (m) => ({
    type: 'DURATION', value: 'PXX', when: null, edtf: '', rule: 'duration-vague', start: m.index + m[0].length - m[1].length,
  }),
};

/** "a decade", "a century" without a number word. */
const SET_WORDS: Record<string, string> = {
  daily: 'P1D', nightly: 'P1D', weekly: 'P1W', monthly: 'P1M', quarterly: 'P1Q', annually: 'P1Y', yearly: 'P1Y',
  annual: 'P1Y', hourly: 'PT1H',
};

const set: Rule = {
  name: 'set',
  pattern: /\b(?:(daily|nightly|weekly|monthly|annually|yearly|hourly)|(?:every|each|per|a)\s+(day|night|week|month|quarter|year|hour|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:every|each)\s+(January|February|March|April|May|June|July|August|September|October|November|December))(?![\w'’-])/g,
  resolve: (m, ctx) => {
    if (m[1]) {
      const before = ctx.text.slice(Math.max(0, m.index - 24), m.index);
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      // "rise 8.5% annually", "10,000 units annually": the adverb of a figure is its rate, which TimeML leaves to the
      // figure (TimeBank annotates none of them); "held here annually" is a recurrence.
      if (/(?:\d%?|\b(?:percent|units|shares|tons|barrels|dollars|cents|million|billion|thousand))\s+$/i.test(before)) return null;
      // "the party daily Granma", "the weekly Der Spiegel": before a name, the word names a paper, not a recurrence.
      if (/^\s+[A-Z]/.test(after)) return null;
      return { type: 'SET', value: SET_WORDS[m[1].toLowerCase()], when: null, edtf: '', rule: 'set' };
    }
    // "each July": that month of every year.
    if (m[3]) return { type: 'SET', value: `XXXX-${String(MONTHS[m[3].toLowerCase()]).padStart(2, '0')}`, when: null, edtf: '', rule: 'set-month' };
    const word = m[2];
    if (fullCycleBefore(ctx.text, m.index, word)) return null;
    // "a day" / "a year" are usually durations ("a year in prison"); "a" after a figure or a counted plural is a rate
    // ("$5 a day", "700 seats a week", "hundreds of interviews a day"), which outranks the duration reading.
    let priority: number | undefined;
    if (/^a\s/i.test(m[0])) {
      const before = ctx.text.slice(Math.max(0, m.index - 16), m.index);
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const rate = /\d\s*$|\b(?:times|once|twice|percent|dollars|cents|hundred|thousand|million|billion)\s*$/i.test(before)
        || (/\b[a-z]{2,}[a-rt-z]s\s+$/i.test(before) && !/\b(?:this|was|has|is|as|its|his|us)\s+$/i.test(before));
      if (!rate || /^\s+(?:after|before|later|earlier|ago|of|or|and)\b/i.test(after)) return null;
      priority = 1;
    }
    const wd = WEEKDAYS[word.toLowerCase()];
    if (wd) return { type: 'SET', value: `XXXX-WXX-${wd}`, when: null, edtf: '', rule: 'set-weekday' };
    const unit = singular(word);
    return { type: 'SET', value: durationValue(1, unit), when: null, edtf: '', rule: 'set', priority };
  },
};

export const DURATION_RULES: Rule[] = [duration, longAdjective, impliedDuration, vagueDuration, aWhile, set];
