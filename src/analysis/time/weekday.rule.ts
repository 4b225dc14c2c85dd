/**
 * Weekdays, resolved by the rules of DESIGN §5 against the publication day:
 * a bare weekday in a past clause is the most recent such day on or before publication (same day allowed),
 * in a future clause the next such day on or after; "last" is strictly before, "next" strictly after,
 * "this" follows the tense. "later on Sunday", "early Tuesday", "Friday night", "noon Thursday" are weekdays too.
 */
import { dayWhen, isoDay, shiftToWeekday } from './calendar';
import { WEEKDAYS } from './lexicon';
import { type Resolution, type Rule, directionAt } from './rule';

const PART_OF_DAY: Record<string, string> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI', noon: 'T12:00', midday: 'T12:00', midnight: 'T24:00',
};

const WEEKDAY_WORD = '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

/** Named groups keep the resolver readable. */
const PATTERN = new RegExp(
  '(?:\\b(?<time>noon|midday|midnight|(?:early|late)\\s+morning)\\s+(?:on\\s+)?)?' +
    '(?:\\b(?<mod>[Ee]arl(?:y|ier)|[Ll]ater?)\\s+(?:on\\s+)?)?' +
    '(?:\\b(?<rel>[Ll]ast|[Nn]ext|[Tt]he\\s+previous|[Tt]his(?:\\s+(?:past|coming))?|[Pp]ast|[Cc]oming)\\s+)?' +
    `\\b${WEEKDAY_WORD}(?!\\w)` +
    '(?:\\s+(?<part>morning|afternoon|evening|night|overnight)(?<plural>s)?)?',
  'g',
);

function resolve(m: RegExpExecArray, ctx: Parameters<Rule['resolve']>[1]): Resolution | null {
  const g = m.groups ?? {};
  const wd = WEEKDAYS[m[4].toLowerCase()];
  // "on Monday and Tuesday nights": the plural part distributes over both weekdays.
  const shared = !g.part && !g.rel && !g.time && !g.mod
    ? /^\s+(?:and|or|&)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(morning|afternoon|evening|night)s\b/.exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40))
    : null;
  if (g.plural || shared) {
    // "Tuesday nights": a recurring part of a weekday.
    const code = PART_OF_DAY[(g.part ?? shared?.[1] ?? '').toLowerCase()];
    return { type: 'SET', value: `XXXX-WXX-${wd}${code && !code.startsWith('T') ? `T${code}` : ''}`, when: null, edtf: '', rule: 'set-weekday' };
  }
  // "told the Sunday Times", "the Monday Night Football broadcast": a weekday between "the" and a capitalised word
  // names a paper or a programme.
  if (!g.rel && !g.mod && !g.time && !g.part && /\bthe\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 5), m.index))
    && /^\s+[A-Z][a-z]/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 3))) {
    return null;
  }
  const rel = (g.rel ?? '').toLowerCase().replace(/\s+/g, ' ');
  const ref = ctx.ref.startOf('day');
  let day;
  let rule: string;
  if (rel === 'the previous') {
    // "down 4.5% from the previous Friday": the one before the day last mentioned (re-anchored in extract.ts).
    day = shiftToWeekday(ref, wd, 'before');
    return { type: 'DATE', value: isoDay(day), when: dayWhen(day), rule: 'weekday-previous', anaphoric: true };
  }
  if (rel === 'last' || rel === 'past' || rel === 'this past') {
    day = shiftToWeekday(ref, wd, rel === 'last' ? 'before' : 'past');
    rule = 'weekday-last';
  } else if (rel === 'next' || rel === 'coming' || rel === 'this coming') {
    day = shiftToWeekday(ref, wd, rel === 'next' ? 'after' : 'future');
    rule = 'weekday-next';
  } else if (/^['’]s\b/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 3))) {
    // "Wednesday's ruling": a possessive names something that has taken place.
    day = shiftToWeekday(ref, wd, 'past');
    rule = 'weekday-past';
  } else {
    const dir = directionAt(ctx, m.index, m.index + m[0].length);
    day = shiftToWeekday(ref, wd, dir);
    rule = `weekday-${dir}`;
  }
  const partWord = (g.part ?? g.time ?? '').toLowerCase().replace(/^(?:early|late)\s+/, '');
  const part = PART_OF_DAY[partWord];
  const date = isoDay(day);
  // Clock words ("noon Thursday") give a TIME. A part of the day is annotated in news corpora (TimeBank, AQUAINT)
  // mostly as the day itself for "morning" and "night" ("Friday night" is often tagged "Friday" alone), but always
  // with its part for "evening" (TEV); "afternoon" follows the TimeML guideline (TAF).
  if (part?.startsWith('T')) return { type: 'TIME', value: `${date}${part}`, when: dayWhen(day), rule };
  if (part === 'EV' || part === 'AF') return { type: 'TIME', value: `${date}T${part}`, when: dayWhen(day), rule };
  // "Friday morning" standing alone in the clause keeps its part (TMO); after a preposition or article ("on Friday
  // morning", "early hours of Thursday morning") the corpora annotate the day. "Friday night" is the day more often
  // than not (TNI, TEV and the bare day are all found for the same phrase).
  if (part === 'MO' && !g.time && !g.rel
    && !/\b(?:on|of|in|until|till|a|by)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 8), m.index))) {
    return { type: 'TIME', value: `${date}T${part}`, when: dayWhen(day), rule };
  }
  return { type: 'DATE', value: date, when: dayWhen(day), rule };
}

export const WEEKDAY_RULES: Rule[] = [{ name: 'weekday', pattern: PATTERN, resolve }];
