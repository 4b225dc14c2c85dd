/**
 * Anaphoric days: "that day", "the same day", "earlier that day", "later that day", "the next day",
 * "the day before". Their day comes from another happening; here they get the previous explicit date of the
 * text (see `resolveAnaphora` in extract.ts) and are flagged so the facts layer can re-anchor them.
 */
import { dayWhen } from './calendar';
import type { Rule } from './rule';
import { clauseTense } from './tense';

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

/**
 * "Dealers placed heavy buy orders in the morning", "By mid afternoon, officials were saying …": a part of the day
 * after a preposition, in a past narrative clause, is that part of the day under report (the day last mentioned, else
 * the publication day). In the present ("I jog in the morning") it is a habit, not a time.
 */
const dayPart: Rule = {
  name: 'day-part',
  pattern: /\b(?:by|in|at|during|until|till|since|before)\s+((?:the\s+)?(?:(?:early|late|mid)[\s-]?)?(morning|afternoon|evening))(?!\s+(?:of|yesterday|today|tomorrow)\b)(?![\w'’-])/gi,
  resolve: (m, ctx) => {
    const start = m.index + m[0].length - m[1].length;
    if (clauseTense(ctx.text, m.index, m.index + m[0].length) !== 'past') return null;
    const part = { morning: 'MO', afternoon: 'AF', evening: 'EV' }[m[2].toLowerCase()]!;
    const day = ctx.ref.startOf('day');
    return { type: 'TIME', value: `${day.toISODate()}T${part}`, when: dayWhen(day), rule: 'day-part', anaphoric: true, start };
  },
};

export const ANAPHORA_RULES: Rule[] = [anaphora, dayPart];
