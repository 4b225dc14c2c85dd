/**
 * The engine: runs every rule over the text, keeps the longest non-overlapping candidates,
 * then resolves anaphoric days against the previous explicit date.
 */
import { DateTime } from 'luxon';
import type { TimeExpression, When } from '../types';
import { ABSOLUTE_RULES } from './absolute.rule';
import { ANAPHORA_RULES } from './anaphora.rule';
import { dayWhen, monthWhen, quarterOf, quarterWhen, weekWhen, yearWhen } from './calendar';
import { CLOCK_RULES } from './clock.rule';
import { CalDay } from './day';
import { DURATION_RULES } from './duration.rule';
import { HOLIDAY_RULES } from './holiday.rule';
import { MONTH_RE, MONTHS } from './lexicon';
import { REFERENCE_RULES } from './reference.rule';
import { RELATIVE_RULES } from './relative.rule';
import type { Context, Resolution, Rule } from './rule';
import { WEEKDAY_RULES } from './weekday.rule';

/** Order breaks ties between equally long candidates: earlier rules win. */
const RULES: Rule[] = [
  ...ABSOLUTE_RULES, ...HOLIDAY_RULES, ...CLOCK_RULES, ...WEEKDAY_RULES, ...RELATIVE_RULES, ...ANAPHORA_RULES, ...DURATION_RULES, ...REFERENCE_RULES,
];

interface Candidate extends Resolution { start: number; end: number; order: number }

/** The publication instant in the article's zone, or null when it cannot be read. */
export function clockOf(publishedAt: string, timezone?: string): DateTime | null {
  if (typeof publishedAt !== 'string') return null;
  let ref = DateTime.fromISO(publishedAt, { setZone: true });
  if (!ref.isValid) return null;
  if (timezone) {
    const zoned = ref.setZone(timezone);
    if (zoned.isValid) ref = zoned;
  }
  return ref;
}

/**
 * A wire dateline at the head of the text ("BEIJING, January 7 (Xinhua) --", "WASHINGTON, Aug. 13 (AP) -") dates the
 * report itself: agencies file in their own time zone and archives stamp it later, so weekdays, "today" and the like
 * are relative to the dateline's day, not the archive's. Only a day within a week of the publication is trusted.
 */
const DATELINE = new RegExp(
  `^\\s*(?:[A-Z][A-Za-z.'’-]*(?:\\s+[A-Z][A-Za-z.'’-]*){0,3})(?:,\\s*[A-Z][A-Za-z.'’-]*(?:\\s+[A-Z][A-Za-z.'’-]*){0,3})?,\\s+(${MONTH_RE})\\s+(\\d{1,2})(?:,\\s*\\d{4})?\\s*(?:\\(|--|—|_)`,
);

export function datelineAnchor(text: string, ref: CalDay): CalDay | null {
  const m = DATELINE.exec(text.slice(0, 200));
  if (!m) return null;
  const mon = MONTHS[m[1].toLowerCase().replace(/\.$/, '')];
  const d = Number(m[2]);
  if (!mon || d < 1) return null;
  for (const y of [ref.year, ref.year - 1, ref.year + 1]) {
    if (d > CalDay.daysInMonth(y, mon)) continue;
    const day = CalDay.utc(y, mon, d);
    if (Math.abs(day.diffDays(ref)) <= 7) return day;
  }
  return null;
}

/**
 * Cheap tests that a rule can match at all: most rules need a rare word ("century", "quarter", "ago"), and scanning
 * a text once for it costs far less than running a long pattern with leading optional groups at every position.
 */
const TRIGGERS: Record<string, RegExp> = {
  'iso-date': /\d{4}-\d\d-\d\d/,
  'numeric-date': /\d\/\d/,
  'month-relative-year': /\b(?:this|last|next)\s+year/i,
  decade: /\d0['’]?s\b|ties\b/i,
  century: /century/i,
  'spoken-year': /nineteen|twenty|two thousand/i,
  'clock-time': /\d\s*[ap]\.?\s?m|\d:\d|noon|midnight|midday/i,
  ago: /\b(?:ago|now|hence|earlier)\b/i,
  'year-ago-adjective': /year[\s-](?:ago|earlier)|(?:quarter|period)\s+(?:of\s+)?last\s+year|year['’]s\s+(?:fiscal\s+)?(?:quarter|period)/i,
  quarter: /quarter|half/i,
  'the-quarter': /quarter|period/i,
  'two-quarters': /two\s+quarters\s+of/i,
  season: /spring|summer|fall|autumn|winter/i,
  'the-year': /\bthe\s+(?:full\s+|fiscal\s+|calendar\s+)?(?:year|weekend)\b/i,
  'implied-duration': /decade|century/i,
  'month-day-pair': /\d(?:st|nd|rd|th)?\s+(?:and|or|&|to|through)\s+\d/,
  'year-period': /\d{4}\s+(?:fiscal\s+)?(?:quarter|period)/i,
  'long-adjective': /s?-long\b/i,
  'deictic-day': /\bday\s+(?:of|for|in)\s/,
  'year-end-word': /year['’]?s?[\s-]end\b/i,
  holiday: /Christmas|Year|Thanksgiving|Easter|Halloween|Fourth|Day\b|Friday/,
};

function candidates(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  RULES.forEach((rule, order) => {
    const trigger = TRIGGERS[rule.name];
    if (trigger && !trigger.test(ctx.text)) return;
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags); // own lastIndex: reentrant
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(ctx.text))) {
      if (m[0].length === 0) { pattern.lastIndex++; continue; }
      let r: Resolution | null = null;
      try {
        r = rule.resolve(m, ctx);
      } catch {
        r = null; // a rule that cannot resolve an odd match must not break the article
      }
      if (!r) continue;
      const start = r.start ?? m.index;
      const end = r.end ?? m.index + m[0].length;
      if (end > start) out.push({ ...r, start, end, order });
    }
  });
  return out;
}

/** Longest first, then higher priority, then rule order: a greedy cover without overlaps. */
function select(cands: Candidate[], length: number): Candidate[] {
  const sorted = [...cands].sort((a, b) =>
    (b.end - b.start) - (a.end - a.start) || (b.priority ?? 0) - (a.priority ?? 0) || a.order - b.order || a.start - b.start);
  const taken = new Uint8Array(length);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    let free = true;
    for (let i = c.start; i < c.end; i++) if (taken[i]) { free = false; break; }
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** "5 p.m. EST, Nov. 9", "10:35 a.m. (0735 GMT) Friday": a clock time followed by its day becomes one TIME on that day. */
function mergeClockWithDay(list: Candidate[], text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const n = list[i + 1];
    if (c.rule === 'clock-time' && n && n.type === 'DATE' && n.when?.precision === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(n.value)
      && /^[,\s]*(?:on\s+)?$/.test(text.slice(c.end, n.start))) {
      out.push({ ...c, end: n.end, value: n.value + c.value.slice(10), when: n.when, rule: 'clock-time-day' });
      i++;
      continue;
    }
    if (c.rule === 'clock-time' && n && n.type === 'DATE' && n.when?.precision === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(n.value)
      && /^\s*\([^()]{1,24}\)[,\s]*(?:on\s+)?$/.test(text.slice(c.end, n.start))) {
      // "10:35 a.m. (0735 GMT) Friday": two expressions, the clock on that day.
      out.push({ ...c, value: n.value + c.value.slice(10), when: n.when, rule: 'clock-time-day' });
      continue;
    }
    if (c.rule === 'clock-time' && n && n.rule === 'clock-time-day' && n.type === 'TIME' && /^\d{4}-\d{2}-\d{2}T/.test(n.value)
      && /^\s*\(\s*$/.test(text.slice(c.end, n.start))) {
      // "at 4 in the morning (4 a.m. EDT Thursday)": a clock restated in parentheses with its day is on that day.
      out.push({ ...c, value: n.value.slice(0, 10) + c.value.slice(10), when: n.when, rule: 'clock-time-day' });
      continue;
    }
    out.push(c);
  }
  return out;
}

/**
 * "the day before last Tuesday's hearing", "the week after Christmas": a relative day or week followed by the date it
 * counts from is one expression, that date shifted (not an anaphor of the previous date of the text).
 */
function mergeRelativeToDate(list: Candidate[], text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const n = list[i + 1];
    const rel = c.anaphoric ? /^the\s+(day|week)\s+(before|after)$/i.exec(text.slice(c.start, c.end)) : null;
    const base = n && !n.anaphoric && n.type === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(n.value) ? CalDay.fromISO(n.value) : null;
    if (rel && base && /^\s+$/.test(text.slice(c.end, n.start))) {
      const days = (rel[1].toLowerCase() === 'week' ? 7 : 1) * (rel[2].toLowerCase() === 'before' ? -1 : 1);
      const d = base.plus({ days });
      const w = rel[1].toLowerCase() === 'week' ? weekWhen(d) : dayWhen(d);
      out.push({ ...n, start: c.start, end: n.end, value: w.timex3, when: w, rule: `${rel[1].toLowerCase()}-${rel[2].toLowerCase()}-date` });
      i++;
      continue;
    }
    out.push(c);
  }
  return out;
}

/**
 * "most recently last October", "as recently as 1990": "recently" right before a time expression grades that time
 * (the latest of several, no earlier than), it does not name a time of its own; the expression after it is the TIMEX.
 */
function dropGradingAdverbs(list: Candidate[], text: string): Candidate[] {
  return list.filter((c, i) => {
    const n = list[i + 1];
    return !(n && c.rule === 'past-ref' && /^recently$/i.test(text.slice(c.start, c.end)) && /^,?\s+(?:as\s+)?$/i.test(text.slice(c.end, n.start)));
  });
}

/** Re-anchors anaphoric expressions on the previous explicit date of the text, when there is one. */
function resolveAnaphora(list: Candidate[], text: string, ref: CalDay): void {
  let lastDay: When | null = null;
  let lastDated: When | null = null;
  for (const c of list) {
    if (c.anaphoric && c.rule === 'weekday-previous') {
      // "the previous Friday": that weekday strictly before the day last mentioned.
      const from = lastDay?.from ? CalDay.fromISO(lastDay.from) : null;
      if (from) {
        const wd = CalDay.fromISO(c.value)!.weekday;
        const d = from.minus({ days: ((from.weekday - wd + 7) % 7) || 7 });
        c.value = d.toISODate();
        c.when = dayWhen(d);
      }
      continue;
    }
    if (c.anaphoric) {
      const anchor = /\b(?:week|month|year)\b/i.test(text.slice(c.start, c.end)) ? lastDated : lastDay;
      // With nothing mentioned before, "the previous day" counts from the publication (the day before it).
      reanchor(c, text.slice(c.start, c.end), anchor?.from ?? ref.toISODate());
      continue;
    }
    if (c.when?.from && c.when.precision === 'day' && /^\d{4}-\d{2}-\d{2}/.test(c.value)) lastDay = c.when;
    if (c.when?.from && /^\d{4}/.test(c.value)) lastDated = c.when;
  }
}

const CALENDAR = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$/;

/**
 * Shifts whose granularity or anchor come from the previous calendar expression of the text:
 * "a year ago" after "the third quarter" is that quarter a year before (reports of results);
 * "two days later" is two days after the previously mentioned day.
 */
function resolveShifts(list: Candidate[], ref: CalDay): void {
  let last: RegExpExecArray | null = null;
  // "a year ago" compares with the period under report, which has begun (a quarter: ended) by publication: a
  // forecast period mentioned before it ("the third quarter of next year") is not its base.
  let lastBegun: RegExpExecArray | null = null;
  for (const c of list) {
    const base = c.shift?.anchor === 'publication' ? lastBegun : last;
    if (c.shift && base) {
      const shifted = shiftFrom(base, c.shift);
      if (shifted) {
        c.value = shifted.timex3;
        c.when = shifted;
      }
    }
    // A shifted expression does not become the base of the next one: "a year earlier" twice in a report of results
    // is twice the year before the period under report, not two years before. A shift by nothing ("the quarter":
    // the quarter under report) names that period again and stays the base.
    const cal = CALENDAR.exec(c.value);
    if (cal && !c.anaphoric && (!c.shift || c.shift.n === 0)) {
      last = cal;
      // A quarter is reported on once it has ended ("into the fourth quarter" is a forecast).
      const bound = cal[4] ? c.when?.to : c.when?.from;
      if (!bound || bound <= ref.toISODate()) lastBegun = cal;
    }
  }
}

function shiftFrom(base: RegExpExecArray, shift: NonNullable<Candidate['shift']>): When | null {
  const year = Number(base[1]);
  if (shift.toYear !== undefined) return base[4] ? quarterWhen(shift.toYear, Number(base[4])) : null;
  const months = { day: 0, week: 0, month: 1, quarter: 3, year: 12 }[shift.unit] * shift.n;
  if (base[4]) {
    // A quarter: only whole quarters or years keep the granularity.
    if (shift.unit !== 'quarter' && shift.unit !== 'year') return null;
    const d = CalDay.utc(year, (Number(base[4]) - 1) * 3 + 1, 1).plus({ months });
    return quarterWhen(d.year, quarterOf(d.month));
  }
  if (shift.anchor !== 'previous' || shift.unit === 'quarter') return null;
  if (base[3]) {
    const d = CalDay.utc(year, Number(base[2]), Number(base[3])).plus({ [`${shift.unit}s`]: shift.n });
    return dayWhen(d);
  }
  if (base[2] && (shift.unit === 'month' || shift.unit === 'year')) {
    const d = CalDay.utc(year, Number(base[2]), 1).plus({ months });
    return monthWhen(d.year, d.month);
  }
  if (!base[2] && shift.unit === 'year') return yearWhen(year + shift.n);
  return null;
}

function reanchor(c: Candidate, span: string, fromDay: string): void {
  const r = anaphorWhen(span, fromDay);
  if (!r) return;
  c.value = r.value;
  c.when = r.when;
}

/**
 * What an anaphoric expression ("the next day", "that week", "the evening before") denotes counted from the day it
 * refers to: that day, week, month or year, moved one unit forward or back where its words say so; null for a day
 * that is not ISO. Shared by the time expressions (counted from the previous explicit date of the text) and the
 * facts (from the happening referred to).
 */
export function anaphorWhen(span: string, fromDay: string): { when: When; value: string } | null {
  const s = span.toLowerCase();
  let d = CalDay.fromISO(fromDay);
  if (!d) return null;
  const unit = /week/.test(s) ? 'week' : /month/.test(s) ? 'month' : /year/.test(s) ? 'year' : 'day';
  // Whole words: "that afternoon" is the same day, not the next.
  const step = /\b(?:next|following|after)\b/.test(s) ? 1 : /\b(?:previous|preceding|before)\b|earlier$/.test(s) ? -1 : 0;
  d = d.plus({ [`${unit}s`]: step });
  const w = unit === 'week' ? weekWhen(d) : unit === 'month' ? monthWhen(d.year, d.month) : unit === 'year' ? yearWhen(d.year) : dayWhen(d);
  const part = /(morning|afternoon|evening|night)/.exec(s)?.[1];
  const code = part ? { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' }[part] : undefined;
  return { when: w, value: code ? `${w.timex3}T${code}` : w.timex3 };
}

/**
 * Recognises and resolves the time expressions of `text` against the publication instant.
 * Never throws: unreadable input gives an empty list.
 */
export function extractTimeExpressions(text: string, publishedAt: string, timezone?: string): TimeExpression[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const ref = clockOf(publishedAt, timezone);
  if (!ref) return [];
  try {
    const day = CalDay.utc(ref.year, ref.month, ref.day);
    const ctx: Context = { text, ref: datelineAnchor(text, day) ?? day };
    const kept = dropGradingAdverbs(mergeRelativeToDate(mergeClockWithDay(select(candidates(ctx), text.length), text), text), text);
    resolveAnaphora(kept, text, ctx.ref);
    resolveShifts(kept, ctx.ref);
    return kept.map((c) => toExpression(c, text));
  } catch {
    return [];
  }
}

function toExpression(c: Candidate, text: string): TimeExpression {
  const e: TimeExpression = {
    text: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    type: c.type,
    value: c.value,
    edtf: c.when ? c.when.edtf : c.edtf ?? '',
    when: c.when,
    rule: c.rule,
  };
  if (c.anaphoric) e.anaphoric = true;
  return e;
}
