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

const NON_ASCII = /[^\x00-\x7f]/;
const APOSTROPHES = /['’‘`ʼ]/g;

/** Apostrophes dropped and lowercased: the last step of `fold`, and all of it for text with nothing to decompose. */
const unapostrophed = (text: string): string => text.replace(APOSTROPHES, '').toLowerCase();

/** Lowercase, no diacritics, apostrophes dropped (so "Ma’rib" and "Marib" agree). */
export function fold(text: string): string {
  // ASCII has nothing to decompose (most evidence is): the normalisation is skipped, not the rule.
  return unapostrophed(NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text);
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

// “ ” … fold to no letter or digit, and the apostrophes are dropped below: a text with no other
// non-ASCII character splits into the same words without the (costly) normalisation.
const NEEDS_NORMALISING = /[^\x00-\x7f“”…’‘ʼ]/;

/** Adds the content words of `text` to `out`, stemmed: the runs of [a-z0-9] of `fold(text)`, less stop words and numbers. */
export function addContentWords(text: string, out: Set<string>): void {
  const s = NEEDS_NORMALISING.test(text) ? fold(text) : unapostrophed(text);
  // The runs by char code (what splitting on /[^a-z0-9]+/ gives), noting the all-digit ones.
  let start = 0;
  let digits = true;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    const digit = c >= 48 && c <= 57;
    if (digit || (c >= 97 && c <= 122)) {
      digits &&= digit;
      continue;
    }
    if (i - start >= 3 && !digits) {
      const raw = s.slice(start, i);
      if (!STOP.has(raw)) out.add(stem(raw));
    }
    start = i + 1;
    digits = true;
  }
}

/**
 * Content words as sorted numbers (a 53-bit hash of each), for the link predicate: it compares the
 * words of millions of pairs, and numbers compare faster than strings. Two words of one pair sharing
 * a hash is as likely as a collision of 53 random bits.
 */
export function tokenIds(...texts: string[]): Float64Array {
  // Text by text: the content words of texts joined by a space, without the joined copy.
  const words = new Set<string>();
  for (const t of texts) addContentWords(t, words);
  const ids = new Float64Array(words.size);
  let i = 0;
  for (const w of words) ids[i++] = hash53(w);
  return ids.sort();
}

/** cyrb53 (public domain): two 32-bit multiplicative hashes mixed into 53 bits. */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * `intersectionSize` over sorted word ids (tokenIds, or the live projection's stored words). A function
 * of its own, not a generic one: each stays monomorphic in the link predicate's hot loop.
 */
export function commonCount(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
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
