/**
 * A calendar day (proleptic Gregorian, no time, no zone) with the small luxon-like API the rules use.
 * Resolution happens on the publication's wall date in its zone (read once with luxon in extract.ts); the day
 * arithmetic after that is plain integer work on epoch days, which keeps an article well under a millisecond
 * where luxon's general-purpose objects cost tens of microseconds per operation.
 */

const MS_PER_DAY = 86_400_000;

type Units = Partial<Record<'days' | 'weeks' | 'months' | 'quarters' | 'years', number>>;

export class CalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Days since 1970-01-01. */
  readonly epochDay: number;

  private constructor(epochDay: number) {
    const d = new Date(epochDay * MS_PER_DAY);
    this.epochDay = epochDay;
    this.year = d.getUTCFullYear();
    this.month = d.getUTCMonth() + 1;
    this.day = d.getUTCDate();
  }

  static fromEpochDay(n: number): CalDay {
    return new CalDay(n);
  }

  /** Month and day overflow like Date.UTC ("February 30" is March 1 or 2); callers validate first. */
  static utc(year: number, month = 1, day = 1): CalDay {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    return new CalDay(Math.floor(d.getTime() / MS_PER_DAY));
  }

  /** `YYYY-MM-DD` (anything after the date is ignored); null when unreadable. */
  static fromISO(s: string): CalDay | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
    return m ? CalDay.utc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }

  static daysInMonth(year: number, month: number): number {
    return CalDay.utc(year, month + 1, 0).day;
  }

  /** ISO weekday: Monday = 1 … Sunday = 7. */
  get weekday(): number {
    return ((((this.epochDay + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
  }

  get daysInMonth(): number {
    return CalDay.daysInMonth(this.year, this.month);
  }

  /** ISO week-numbering year and week of this day. */
  get weekYear(): number {
    return CalDay.fromEpochDay(this.epochDay - this.weekday + 4).year;
  }

  get weekNumber(): number {
    const thursday = CalDay.fromEpochDay(this.epochDay - this.weekday + 4);
    return Math.floor((thursday.epochDay - CalDay.utc(thursday.year, 1, 1).epochDay) / 7) + 1;
  }

  plus(u: Units): CalDay {
    let d: CalDay = this;
    const months = (u.years ?? 0) * 12 + (u.quarters ?? 0) * 3 + (u.months ?? 0);
    if (months) {
      // Like luxon: the day is clamped to the length of the target month (Jan 31 + 1 month = Feb 28/29).
      const total = d.year * 12 + (d.month - 1) + Math.trunc(months);
      const y = Math.floor(total / 12);
      const m = total - y * 12 + 1;
      d = CalDay.utc(y, m, Math.min(d.day, CalDay.daysInMonth(y, m)));
    }
    const days = (u.weeks ?? 0) * 7 + (u.days ?? 0);
    return days ? CalDay.fromEpochDay(d.epochDay + Math.trunc(days)) : d;
  }

  minus(u: Units): CalDay {
    const neg: Units = {};
    for (const [k, v] of Object.entries(u)) neg[k as keyof Units] = -(v ?? 0);
    return this.plus(neg);
  }

  startOf(unit: 'day' | 'week' | 'month' | 'year'): CalDay {
    switch (unit) {
      case 'day': return this;
      case 'week': return CalDay.fromEpochDay(this.epochDay - this.weekday + 1);
      case 'month': return CalDay.utc(this.year, this.month, 1);
      case 'year': return CalDay.utc(this.year, 1, 1);
    }
  }

  set(u: { year?: number; month?: number; day?: number }): CalDay {
    return CalDay.utc(u.year ?? this.year, u.month ?? this.month, u.day ?? this.day);
  }

  /** Whole days from `other` to this day. */
  diffDays(other: CalDay): number {
    return this.epochDay - other.epochDay;
  }

  toISODate(): string {
    const y = this.year;
    const ys = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
    return `${ys}-${String(this.month).padStart(2, '0')}-${String(this.day).padStart(2, '0')}`;
  }
}
