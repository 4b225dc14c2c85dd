/**
 * Calendar arithmetic (luxon) and builders of `When` intervals with their EDTF and TIMEX3 forms.
 * Every function is pure: the publication day is passed in as a CalDay (its wall date in the article's zone).
 */
import { CalDay } from './day';
import type { When } from '../types';

export type Season = 'SP' | 'SU' | 'FA' | 'WI';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const isoDay = (d: CalDay): string => d.toISODate();
export const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

export function daysInMonth(y: number, m: number): number {
  return CalDay.daysInMonth(y, m);
}

export function dayWhen(d: CalDay, timex3 = isoDay(d)): When {
  const day = isoDay(d);
  return { from: day, to: day, precision: 'day', edtf: day, timex3 };
}

export function monthWhen(y: number, m: number): When {
  const v = `${pad(y, 4)}-${pad(m)}`;
  return { from: ymd(y, m, 1), to: ymd(y, m, daysInMonth(y, m)), precision: 'month', edtf: v, timex3: v };
}

/** Part of a month ("early March": days 1–10, "mid": 11–20, "late": 21–end). */
export function monthPartWhen(y: number, m: number, part: 'START' | 'MID' | 'END'): When {
  const last = daysInMonth(y, m);
  const [a, b] = part === 'START' ? [1, 10] : part === 'MID' ? [11, 20] : [21, last];
  const from = ymd(y, m, a);
  const to = ymd(y, m, b);
  return { from, to, precision: 'range', edtf: `${from}/${to}`, timex3: `${pad(y, 4)}-${pad(m)}` };
}

export function yearWhen(y: number): When {
  const v = pad(y, 4);
  return { from: ymd(y, 1, 1), to: ymd(y, 12, 31), precision: 'year', edtf: v, timex3: v };
}

/** Quarters: EDTF level 2 sub-year groupings 33–36. */
export function quarterWhen(y: number, q: number): When {
  return monthsWhen(y, (q - 1) * 3 + 1, 3, `${pad(y, 4)}-${32 + q}`, `${pad(y, 4)}-Q${q}`);
}

/** Halves: EDTF semestrals 40–41. */
export function halfWhen(y: number, h: number): When {
  return monthsWhen(y, h === 1 ? 1 : 7, 6, `${pad(y, 4)}-${39 + h}`, `${pad(y, 4)}-H${h}`);
}

/** `months` whole months of year `y` from month `m0`, as a season-precision interval. */
function monthsWhen(y: number, m0: number, months: number, edtf: string, timex3: string): When {
  const m1 = m0 + months - 1;
  return { from: ymd(y, m0, 1), to: ymd(y, m1, daysInMonth(y, m1)), precision: 'season', edtf, timex3 };
}

/** Meteorological seasons of the northern hemisphere; EDTF level 1 codes 21–24. */
export function seasonWhen(y: number, s: Season): When {
  const code = { SP: 21, SU: 22, FA: 23, WI: 24 }[s];
  const v = `${pad(y, 4)}-${s}`;
  const edtf = `${pad(y, 4)}-${code}`;
  if (s === 'WI') return { from: ymd(y, 12, 1), to: ymd(y + 1, 2, daysInMonth(y + 1, 2)), precision: 'season', edtf, timex3: v };
  const m0 = { SP: 3, SU: 6, FA: 9 }[s];
  return { from: ymd(y, m0, 1), to: ymd(y, m0 + 2, daysInMonth(y, m0 + 2)), precision: 'season', edtf, timex3: v };
}

/** The season a day falls in (December belongs to that year's winter). */
export function seasonOf(d: CalDay): { year: number; season: Season } {
  const m = d.month;
  if (m <= 2) return { year: d.year - 1, season: 'WI' };
  if (m <= 5) return { year: d.year, season: 'SP' };
  if (m <= 8) return { year: d.year, season: 'SU' };
  if (m <= 11) return { year: d.year, season: 'FA' };
  return { year: d.year, season: 'WI' };
}

/** ISO week containing `d`: TIMEX3 `1998-W02`; EDTF has no weeks, so the interval of days. */
export function weekWhen(d: CalDay): When {
  const mon = d.startOf('week');
  const sun = mon.plus({ days: 6 });
  const from = isoDay(mon);
  const to = isoDay(sun);
  return { from, to, precision: 'range', edtf: `${from}/${to}`, timex3: `${pad(mon.weekYear, 4)}-W${pad(mon.weekNumber)}` };
}

/** The weekend (Saturday–Sunday) of the ISO week containing `d`: `1998-W02-WE`. */
export function weekendWhen(d: CalDay): When {
  const sat = d.startOf('week').plus({ days: 5 });
  const from = isoDay(sat);
  const to = isoDay(sat.plus({ days: 1 }));
  return { from, to, precision: 'range', edtf: `${from}/${to}`, timex3: `${pad(sat.weekYear, 4)}-W${pad(sat.weekNumber)}-WE` };
}

/** A decade: TIMEX3 `199` (TimeML writes the digits it knows, like `19` for a century), EDTF `199X`. */
export function decadeWhen(decade: number): When {
  const digits = pad(Math.floor(decade / 10), 3);
  return { from: ymd(decade, 1, 1), to: ymd(decade + 9, 12, 31), precision: 'range', edtf: `${digits}X`, timex3: digits };
}

/** A century by its first two digits ("the 20th century" → `19`, EDTF `19XX`). */
export function centuryWhen(c: number): When {
  return { from: ymd(c * 100, 1, 1), to: ymd(c * 100 + 99, 12, 31), precision: 'range', edtf: `${pad(c)}XX`, timex3: pad(c) };
}

export function rangeWhen(a: When, b: When): When {
  return {
    from: a.from,
    to: b.to,
    precision: 'range',
    edtf: `${a.edtf}/${b.edtf}`,
    timex3: `${a.timex3}/${b.timex3}`,
  };
}

/** Quarter (1–4) of a month. */
export const quarterOf = (month: number): number => Math.floor((month - 1) / 3) + 1;

/**
 * The weekday `wd` (1–7) relative to `ref`.
 * 'past': on or before; 'future': on or after; 'before'/'after': strictly.
 */
export function shiftToWeekday(ref: CalDay, wd: number, dir: 'past' | 'future' | 'before' | 'after'): CalDay {
  const diff = wd - ref.weekday;
  switch (dir) {
    case 'past': return ref.minus({ days: (7 - diff) % 7 });
    case 'before': return ref.minus({ days: ((7 - diff) % 7) || 7 });
    case 'future': return ref.plus({ days: (diff + 7) % 7 });
    case 'after': return ref.plus({ days: ((diff + 7) % 7) || 7 });
  }
}

/** Month `m` relative to `ref`: 'past' on or before ref's month, 'future' on or after. Returns the year. */
export function yearForMonth(ref: CalDay, m: number, dir: 'past' | 'future'): number {
  if (dir === 'past') return m <= ref.month ? ref.year : ref.year - 1;
  return m >= ref.month ? ref.year : ref.year + 1;
}

/** A month-day relative to `ref` by the same rule, comparing whole dates. */
export function yearForMonthDay(ref: CalDay, m: number, d: number, dir: 'past' | 'future'): number {
  const key = m * 100 + d;
  const refKey = ref.month * 100 + ref.day;
  if (dir === 'past') return key <= refKey ? ref.year : ref.year - 1;
  return key >= refKey ? ref.year : ref.year + 1;
}
