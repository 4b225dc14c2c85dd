/**
 * Holidays with a calendar rule: fixed days ("Christmas", "New Year's Day", "the Fourth of July"), nth weekdays
 * ("Thanksgiving Day": the fourth Thursday of November; "Election Day": the Tuesday after the first Monday of
 * November) and Easter (Gregorian computus). The year is explicit ("Christmas 1998"), relative ("last Thanksgiving")
 * or follows the tense of the clause like a month-day, else the nearest occurrence.
 */
import { dayWhen, isoDay, weekWhen } from './calendar';
import { CalDay } from './day';
import { type Direction, type Resolution, type Rule, explicitDirectionAt } from './rule';

type DayOf = (year: number) => CalDay;

const fixed = (m: number, d: number): DayOf => (y) => CalDay.utc(y, m, d);

/** The n-th weekday `wd` (1 = Monday) of a month; n = -1 for the last. */
function nthWeekday(n: number, wd: number, m: number): DayOf {
  return (y) => {
    if (n < 0) {
      const last = CalDay.utc(y, m, CalDay.daysInMonth(y, m));
      return last.minus({ days: (last.weekday - wd + 7) % 7 });
    }
    const first = CalDay.utc(y, m, 1);
    return first.plus({ days: ((wd - first.weekday + 7) % 7) + (n - 1) * 7 });
  };
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easter(y: number): CalDay {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return CalDay.utc(y, month, day);
}

const HOLIDAYS: [RegExp, DayOf][] = [
  [/^new\s+year['’]?s\s+eve$/i, fixed(12, 31)],
  [/^new\s+year['’]?s(?:\s+day)?$/i, fixed(1, 1)],
  [/^christmas\s+eve$/i, fixed(12, 24)],
  [/^christmas(?:\s+day)?$/i, fixed(12, 25)],
  [/^(?:independence\s+day|the\s+fourth\s+of\s+july|july\s+fourth)$/i, fixed(7, 4)],
  [/^valentine['’]?s\s+day$/i, fixed(2, 14)],
  [/^halloween$/i, fixed(10, 31)],
  [/^(?:veterans|armistice)\s+day$/i, fixed(11, 11)],
  [/^thanksgiving(?:\s+day)?$/i, nthWeekday(4, 4, 11)],
  [/^election\s+day$/i, (y) => nthWeekday(1, 1, 11)(y).plus({ days: 1 })],
  [/^labou?r\s+day$/i, nthWeekday(1, 1, 9)],
  [/^memorial\s+day$/i, nthWeekday(-1, 1, 5)],
  [/^mother['’]?s\s+day$/i, nthWeekday(2, 7, 5)],
  [/^father['’]?s\s+day$/i, nthWeekday(3, 7, 6)],
  [/^easter(?:\s+sunday)?$/i, easter],
  [/^good\s+friday$/i, (y) => easter(y).minus({ days: 2 })],
];

const NAMES =
  "New\\s+Year['’]?s\\s+Eve|New\\s+Year['’]?s(?:\\s+Day)?|Christmas\\s+Eve|Christmas(?:\\s+Day)?|Independence\\s+Day|" +
  "[Tt]he\\s+Fourth\\s+of\\s+July|July\\s+Fourth|Valentine['’]?s\\s+Day|Halloween|(?:Veterans|Armistice)\\s+Day|" +
  "Thanksgiving(?:\\s+Day)?|Election\\s+Day|Labou?r\\s+Day|Memorial\\s+Day|Mother['’]?s\\s+Day|Father['’]?s\\s+Day|" +
  'Easter(?:\\s+Sunday)?|Good\\s+Friday';

const holiday: Rule = {
  name: 'holiday',
  pattern: new RegExp(
    `(?:\\b([Ll]ast|[Tt]his|[Nn]ext)\\s+)?\\b(${NAMES})(?:\\s+(week)(?![\\w'’-]))?(?:,?\\s+(\\d{4}))?(?![\\w'’-])`,
    'g',
  ),
  resolve: (m, ctx): Resolution | null => {
    const name = m[2].replace(/\s+/g, ' ');
    const dayOf = HOLIDAYS.find(([re]) => re.test(name))?.[1];
    if (!dayOf) return null;
    const rel = (m[1] ?? '').toLowerCase();
    const ref = ctx.ref;
    let day: CalDay;
    if (m[4]) day = dayOf(Number(m[4]));
    else {
      const dir: Direction | 'nearest' = rel === 'last' ? 'past' : rel === 'next' ? 'future' : rel === 'this'
        ? 'nearest' : explicitDirectionAt(ctx, m.index, m.index + m[0].length) ?? 'nearest';
      const options = [ref.year - 1, ref.year, ref.year + 1].map(dayOf);
      const strict = rel === 'last' || rel === 'next';
      let pick: CalDay | undefined;
      if (dir === 'past') pick = [...options].reverse().find((d) => (strict ? d.diffDays(ref) < 0 : d.diffDays(ref) <= 0));
      else if (dir === 'future') pick = options.find((d) => (strict ? d.diffDays(ref) > 0 : d.diffDays(ref) >= 0));
      if (pick && Math.abs(pick.diffDays(ref)) > 300 && !strict) pick = undefined;
      day = pick ?? options.reduce((a, b) => (Math.abs(b.diffDays(ref)) < Math.abs(a.diffDays(ref)) ? b : a));
    }
    if (m[3]?.toLowerCase() === 'week') {
      const w = weekWhen(day);
      return { type: 'DATE', value: w.timex3, when: w, rule: 'holiday-week' };
    }
    return { type: 'DATE', value: isoDay(day), when: dayWhen(day), rule: 'holiday' };
  },
};

export const HOLIDAY_RULES: Rule[] = [holiday];
