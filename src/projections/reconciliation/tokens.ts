/**
 * Content words of an evidence sentence, for "their evidence says the same thing". Reports word the
 * same happening differently, so the comparison is on crude stems of content words, never on phrases.
 */

const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have having
  he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
  nor not now of off on once only or other our ours ourselves out over own same she should so some such than
  that the their theirs them themselves then there these they this those through to too under until up very
  was we were what when where which while who whom why will with would you your yours yourself yourselves
  said says say according reported report reports told tells statement news agency saturday sunday monday
  tuesday wednesday thursday friday january february march april june july august september october november
  december today yesterday tomorrow week weeks month months year years day days earlier later since ago last
  next first second third one two three four five six seven eight nine ten dozens dozen hundreds many several
  including include includes new latest recent recently amid while however although already still well like
  would may might must shall per via another other others around near across across within without
  nearly least almost approximately roughly fewer less`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lowercase, no diacritics, apostrophes dropped (so "Ma’rib" and "Marib" agree). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`ʼ]/g, '')
    .toLowerCase();
}

/** A crude stem: enough for "launched"/"launches"/"launching" and "strikes"/"strike" to meet. */
export function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export function contentTokens(text: string): string[] {
  const out = new Set<string>();
  for (const raw of fold(text).split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    out.add(stem(raw));
  }
  return [...out].sort();
}

/** |A∩B| / |A∪B| over sorted unique arrays. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const both = intersectionSize(a, b);
  return both / (a.length + b.length - both);
}

/** |A∩B| over sorted unique arrays (no allocation: the link predicate calls it millions of times). */
export function intersectionSize(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}
