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

const HOUR_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

/**
 * "at 4 in the morning", "around eight in the evening", "until 11 at night": an hour told by the part of the day, a
 * clock time like "4 a.m." (after a preposition of time or with "o'clock", so that "two in the morning" counting things
 * is not read).
 */
const clockByPart: Rule = {
  name: 'clock-time',
  pattern: /\b(?:(at|around|about|by|until|till|before|after|from)\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(\s+o['’]clock)?\s+(?:in\s+the\s+(morning|afternoon|evening)|at\s+(night))(?![\w'’-])/gi,
  resolve: (m, ctx) => {
    if (!m[1] && !m[3]) return null;
    const n = /^\d/.test(m[2]) ? Number(m[2]) : HOUR_WORDS[m[2].toLowerCase()];
    if (!n || n > 12) return null;
    const part = (m[4] ?? m[5]).toLowerCase();
    const h = part === 'morning' ? n % 12 : part === 'night' && n < 6 ? n : n % 12 + 12;
    const start = m.index + (m[1] && !/^(?:around|about)$/i.test(m[1]) ? m[0].indexOf(m[2]) : 0);
    const day = ctx.ref.startOf('day');
    return { type: 'TIME', value: `${isoDay(day)}T${pad(h)}:00`, when: dayWhen(day), rule: 'clock-time', start };
  },
};

export const CLOCK_RULES: Rule[] = [clock, clockByPart];
