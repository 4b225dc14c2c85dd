/**
 * Clock times: "10 p.m.", "7:15 a.m. EST", "14:30 GMT", "noon", with the day they belong to when written next
 * to it ("10 p.m. Wednesday" is matched with the weekday by the engine preferring the longer span).
 */
import { dayWhen, isoDay, shiftToWeekday } from './calendar';
import { WEEKDAYS } from './lexicon';
import { type Rule, directionAt } from './rule';

const pad = (n: number): string => String(n).padStart(2, '0');

const clock: Rule = {
  name: 'clock-time',
  pattern: /\b(?:(?:at|around|about|by|until|before|after)\s+)?(?:(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?|(\d{1,2}):(\d{2})(?:\s*(?:GMT|UTC|local\s+time|hours|hrs))?|(noon|midnight|midday))(?:\s+(?:[ECMP][SD]T|GMT|UTC))?(?:\s+(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow))?(?![\w:])/g,
  resolve: (m, ctx) => {
    let h: number;
    let min = 0;
    if (m[1]) {
      h = Number(m[1]) % 12 + (m[3].toLowerCase() === 'p' ? 12 : 0);
      min = Number(m[2] ?? 0);
    } else if (m[4]) {
      h = Number(m[4]);
      min = Number(m[5]);
    } else {
      const w = m[6].toLowerCase();
      h = w === 'midnight' ? 24 : 12;
    }
    if (h > 24 || min > 59) return null;
    // Leave out a leading preposition from the span.
    const lead = /^(?:at|around|about|by|until|before|after)\s+/i.exec(m[0]);
    // "noon" or "midnight" with neither a day nor a preposition is too vague to anchor ("burning the midnight oil");
    // "at midday", "by midnight" are that time of the day.
    if (m[6] && !m[7] && !lead) return null;
    const start = m.index + (lead && !/^(?:around|about)/i.test(lead[0]) ? lead[0].length : 0);
    let day = ctx.ref.startOf('day');
    const dayWord = m[7]?.toLowerCase();
    if (dayWord === 'yesterday') day = day.minus({ days: 1 });
    else if (dayWord === 'tomorrow') day = day.plus({ days: 1 });
    else if (dayWord && WEEKDAYS[dayWord]) day = shiftToWeekday(day, WEEKDAYS[dayWord], directionAt(ctx, start, m.index + m[0].length));
    return {
      type: 'TIME',
      value: `${isoDay(day)}T${pad(h)}:${pad(min)}`,
      when: dayWhen(day),
      rule: dayWord ? 'clock-time-day' : 'clock-time',
      start,
    };
  },
};

export const CLOCK_RULES: Rule[] = [clock];
