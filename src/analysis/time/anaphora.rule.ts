/**
 * Anaphoric days: "that day", "the same day", "earlier that day", "later that day", "the next day",
 * "the day before". Their day comes from another happening; here they get the previous explicit date of the
 * text (see `resolveAnaphora` in extract.ts) and are flagged so the facts layer can re-anchor them.
 */
import { dayWhen } from './calendar';
import type { Rule } from './rule';

export const ANAPHORA_PATTERN =
  /\b(?:(?:earlier|later)\s+(?:on\s+)?)?(?:that\s+(day|morning|afternoon|evening|night|week|month|year)|the\s+same\s+(day|week|month|year)|the\s+(?:next|following|previous|preceding)\s+(day|morning|week|month|year)|the\s+(day|week|month|year)\s+(?:before|after|earlier))(?![\w'’-])/gi;

const anaphora: Rule = {
  name: 'anaphora',
  pattern: ANAPHORA_PATTERN,
  resolve: (m, ctx) => {
    // "later in the day before returning home", "the day before authorities issued a warrant": "before"/"after"
    // heading a clause or a gerund is a conjunction, not part of the expression.
    if (/(?:before|after)$/i.test(m[0]) && /^\s+(?:\w+ing\b|(?:he|she|it|they|we|i|you|the|a|an|his|her|its|their|authorities|police|officials)\s)/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24))) {
      return null;
    }
    // Provisional: the publication day; extract.ts re-resolves against the previous explicit date.
    const unit = (m[1] ?? m[2] ?? m[3] ?? m[4]).toLowerCase();
    const part = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' }[unit];
    const day = ctx.ref.startOf('day');
    return {
      type: part ? 'TIME' : 'DATE',
      value: part ? `${day.toISODate()}T${part}` : day.toISODate(),
      when: dayWhen(day),
      rule: 'anaphoric-day',
      anaphoric: true,
    };
  },
};

export const ANAPHORA_RULES: Rule[] = [anaphora];
