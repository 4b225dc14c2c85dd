/** Day arithmetic on ISO days (YYYY-MM-DD) in UTC: calendar days, no zones involved. */
import type { When } from '../../analysis/types';

const DAY_MS = 86_400_000;

// Reconciliation compares the same few thousand days millions of times: parse and format each once.
const MEMO_LIMIT = 100_000;
const numbers = new Map<string, number>();
const days = new Map<number, string>();

export function dayNumber(day: string): number {
  let n = numbers.get(day);
  if (n === undefined) {
    n = Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    if (numbers.size >= MEMO_LIMIT) numbers.clear();
    numbers.set(day, n);
  }
  return n;
}

export function dayOf(n: number): string {
  let day = days.get(n);
  if (day === undefined) {
    day = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (days.size >= MEMO_LIMIT) days.clear();
    days.set(n, day);
  }
  return day;
}

export const addDays = (day: string, n: number): string => dayOf(dayNumber(day) + n);

/**
 * How far back an undated report can reach. A fact bounded only by its publication ("on or before
 * 1 December") is news: it can be the same happening as a report dated days before publication, but
 * not years before. The window also keeps blocking by date selective.
 */
export const BOUNDED_WINDOW_DAYS = 14;

/** How far apart two precise days can be and still be read as one happening whose date is disputed. */
export const DATE_CONFLICT_DAYS = 7;

/** The interval a fact can be compared on: open ends closed by the window. */
export function effectiveInterval(w: Pick<When, 'from' | 'to'>): { lo: string; hi: string } | null {
  if (w.from && w.to) return { lo: w.from, hi: w.to };
  if (w.to) return { lo: addDays(w.to, -BOUNDED_WINDOW_DAYS), hi: w.to };
  if (w.from) return { lo: w.from, hi: addDays(w.from, BOUNDED_WINDOW_DAYS) };
  return null;
}

/** Days in the interval; open intervals count as the window (less precise than any closed day range below it). */
export function widthDays(w: Pick<When, 'from' | 'to'>): number {
  if (w.from && w.to) return dayNumber(w.to) - dayNumber(w.from) + 1;
  return Number.MAX_SAFE_INTEGER;
}

export const isPreciseDay = (w: Pick<When, 'from' | 'to'>): boolean => !!w.from && w.from === w.to;

/** True when the two intervals share at least a day (open ends as in effectiveInterval). */
export function overlaps(a: Pick<When, 'from' | 'to'>, b: Pick<When, 'from' | 'to'>): boolean {
  const x = effectiveInterval(a);
  const y = effectiveInterval(b);
  if (!x || !y) return false;
  return x.lo <= y.hi && y.lo <= x.hi;
}

/** Strict containment check for merging: a bounded fact accepts a precise date on or before its bound. */
export function withinBounds(w: Pick<When, 'from' | 'to'>, inner: Pick<When, 'from' | 'to'>): boolean {
  if (w.from && inner.to && inner.to < w.from) return false;
  if (w.to && inner.from && inner.from > w.to) return false;
  return true;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = MONTHS.map((m) => m.slice(0, 3));

function human(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A reader's label for an interval: "27 November 2024", "March 2020", "Oct–Dec 2016", "on or before 1 December 2024". */
export function labelOf(w: Pick<When, 'from' | 'to' | 'precision'>): string {
  const { from, to } = w;
  if (!from && to) return `on or before ${human(to)}`;
  if (from && !to) return `on or after ${human(from)}`;
  if (!from || !to) return 'undated';
  if (from === to) return human(from);
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const wholeMonths = fd === 1 && td === new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (wholeMonths && fy === ty && fm === 1 && tm === 12) return String(fy);
  if (wholeMonths && fy === ty && fm === tm) return `${MONTHS[fm - 1]} ${fy}`;
  if (wholeMonths && fy === ty) return `${SHORT[fm - 1]}–${SHORT[tm - 1]} ${fy}`;
  if (wholeMonths && fm === 1 && tm === 12) return `${fy}–${ty}`;
  if (fy === ty) return `${fd} ${SHORT[fm - 1]} – ${td} ${SHORT[tm - 1]} ${ty}`;
  return `${human(from)} – ${human(to)}`;
}
