/**
 * Deictic references without a calendar position: "now", "currently" (PRESENT_REF), "recently", "the past",
 * "previously" (PAST_REF), "the future", "soon" (FUTURE_REF).
 *
 * "Former" and "formerly" are not read: like "ex-", they place a title or a name before another one ("Angelo, formerly
 * the senior vice president"), which TimeML leaves to the noun phrase; they refer to no time of their own.
 */
import { dayWhen } from './calendar';
import type { Rule } from './rule';
import { isPastForm } from './tense';

const PRESENT = /^(?:now|currently|current|presently|at\s+present|nowadays|these\s+days|right\s+now|just\s+now|at\s+the\s+moment|at\s+this\s+time|today's|so\s+far|to\s+date|as\s+of\s+now)$/i;
const PAST = /^(?:recently|recent(?:\s+(?:years|months|weeks|days|decades|quarters))?|lately|previously|formerly|earlier|the\s+past|in\s+the\s+past|once|former|recent\s+(?:years|months|weeks|days|decades))$/i;

/** "Now, he says, …": a sentence-opening "Now" set off by a comma introduces the sentence (a discourse marker). */
const isDiscourseNow = (word: string, next: string): boolean => word === 'Now' && next === ',';

const reference: Rule = {
  name: 'reference',
  pattern: /\b(?:then[\s-]current|(?:will|would|may|might|could|can|should|shall)\s+(?:one|some)\s+day|now|currently|current|presently|at\s+present|nowadays|these\s+days|recently|recent\s+(?:years|months|weeks|days|decades|quarters)|lately|the\s+past(?!\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen|few|several|couple)\b)|the\s+future(?!\s+of\s)|in\s+the\s+near\s+future|the\s+near\s+future|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)|the\s+(?:near|short|long)\s+term|as\s+soon\s+as\s+possible|soon(?<!\b(?:as|too|so|how)\s+soon)(?!\s+(?:after|afterwards?|thereafter|as|than|enough)\b))(?![\w'’-])/gi,
  resolve: (m, ctx) => {
    const s = m[0].replace(/\s+/g, ' ');
    const low = s.toLowerCase();
    // "the then-current price": the present of a past time.
    if (/^then/.test(low)) {
      const day = ctx.ref.toISODate();
      return { type: 'DATE', value: 'PAST_REF', rule: 'past-ref', when: { from: null, to: day, precision: 'bounded', edtf: `../${day}`, timex3: 'PAST_REF' } };
    }
    // "Islam will one day be …": some day ahead, not a one-day span (the modal is left out of the expression).
    const someDay = /\s(?:one|some)\s+day$/.test(low);
    const start = someDay ? m.index + m[0].search(/(?:one|some)\s+day$/i) : undefined;
    // "now" as a discourse marker ("now that …") or in "until now"/"by now" still refers to the present.
    if (isDiscourseNow(m[0], ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 1))) return null;
    if (PRESENT.test(s)) {
      return { type: 'DATE', value: 'PRESENT_REF', when: dayWhen(ctx.ref.startOf('day'), 'PRESENT_REF'), rule: 'present-ref' };
    }
    // "in recent weeks", "in the coming years": a stretch of unspecified length ending or starting now (TIDES/TimeML
    // PXW, PXY), whatever the unit; the corpora split between this and PAST_REF/FUTURE_REF for every unit.
    const span = /^(?:recent|(?:the\s+)?coming)\s+(days|weeks|months|years|decades|quarters)$/.exec(low);
    if (span && !/^\s+(?:and|or)\s+(?:days|weeks|months|years)\b/i.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 16))) {
      const unit = { days: 'D', weeks: 'W', months: 'M', years: 'Y', decades: 'Y', quarters: 'Q' }[span[1]]!;
      return { type: 'DURATION', value: `PX${unit}`, when: null, edtf: '', rule: low.startsWith('recent') ? 'past-span' : 'future-span' };
    }
    if (PAST.test(s) || low.startsWith('recent')) {
      const day = ctx.ref.toISODate();
      return {
        type: 'DATE', value: 'PAST_REF', rule: 'past-ref',
        when: { from: null, to: day, precision: 'bounded', edtf: `../${day}`, timex3: 'PAST_REF' },
      };
    }
    // "He was soon released", "cash that soon became a flood": with a past verb "soon" is shortly after the previous
    // happening, not ahead of today ("they may soon seek", "will soon move" stay ahead).
    if (low === 'soon') {
      const before = /(\w+)\s+$/.exec(ctx.text.slice(Math.max(0, m.index - 16), m.index))?.[1] ?? '';
      const after = /^\s+(\w+)/.exec(ctx.text.slice(m.index + 4, m.index + 24))?.[1] ?? '';
      if (/^(?:was|were|had|been)$/i.test(before) || isPastForm(after)) return null;
    }
    const day = ctx.ref.toISODate();
    return {
      ...(someDay ? { priority: 1, start } : {}),
      type: 'DATE', value: 'FUTURE_REF', rule: 'future-ref',
      when: { from: day, to: null, precision: 'bounded', edtf: `${day}/..`, timex3: 'FUTURE_REF' },
    };
  },
};

export const REFERENCE_RULES: Rule[] = [reference];
