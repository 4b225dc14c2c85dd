/**
 * Word lists shared by the time rules: month, weekday, season and number words.
 * Kept as plain data so the regexes built from them are compiled once at module load.
 */

export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};

/** Full month names and the usual news abbreviations (with an optional dot). */
export const MONTH_RE =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)';

/** ISO weekday numbers (Monday = 1). */
export const WEEKDAYS: Record<string, number> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};

export const WEEKDAY_RE = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

export const SEASONS: Record<string, 'SP' | 'SU' | 'FA' | 'WI'> = {
  spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI',
};

const UNITS: Record<string, number> = {
  zero: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, dozen: 12, 'a dozen': 12, 'half a': 0.5, 'a half': 0.5, 'a couple of': 2, 'couple of': 2, 'a couple': 2,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** A cardinal in words or digits ("twenty-four", "24", "a couple of", "1 1/2"). */
export const NUMBER_RE =
  '(?:\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?(?:\\s+1/2)?|' +
  '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|' +
  '(?:a|one|two|three|four|five|six|seven|eight|nine)\\s+hundred|' +
  'a\\s+couple\\s+of|couple\\s+of|a\\s+dozen|half\\s+a|' +
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'seventeen|eighteen|nineteen|dozen|an?)';

/** Quantities that TimeML writes with an X ("several years" → PXY). */
export const VAGUE_RE = '(?:a\\s+few|few|several|many|some|numerous|a\\s+number\\s+of)';

/** Parses a number matched by NUMBER_RE; returns null for anything else. */
export function parseNumber(raw: string): number | null {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  const frac = /^(\d+) 1\/2$/.exec(s);
  if (frac) return Number(frac[1]) + 0.5;
  if (/^\d/.test(s)) {
    const n = Number(s.replace(/,/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  if (s in UNITS) return UNITS[s];
  const hundred = /^(\w+) hundred$/.exec(s);
  if (hundred) return (UNITS[hundred[1]] ?? 0) * 100 || null;
  const parts = s.split(/[- ]/);
  if (parts[0] in TENS) return TENS[parts[0]] + (parts[1] ? UNITS[parts[1]] ?? 0 : 0);
  return null;
}

/** "first" → 1 … "fourth" → 4 (quarters, halves). */
export const ORDINALS: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4, final: 4,
};

const ONES = '(?:one|two|three|four|five|six|seven|eight|nine)';
const TEENS = '(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
const TENS_RE = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';

/**
 * A year read out in broadcast transcripts: "nineteen ninety-six", "nineteen oh five", "two thousand", "two thousand
 * and one", "twenty ten". A match of "two thousand …" alone is also a count; callers decide from the context.
 */
export const SPOKEN_YEAR_RE =
  `(?:(?:nineteen|twenty)[\\s-]+(?:${TENS_RE}(?:[\\s-]+${ONES})?|${TEENS}|oh[\\s-]+${ONES}|hundred)` +
  `|two\\s+thousand(?:\\s+(?:and\\s+)?(?:${TENS_RE}(?:[\\s-]+${ONES})?|${TEENS}|${ONES}))?)`;

/** The year of a match of SPOKEN_YEAR_RE, or null. */
export function parseSpokenYear(raw: string): number | null {
  const s = raw.toLowerCase().replace(/[\s-]+/g, ' ').trim();
  const words = s.split(' ');
  const small = (ws: string[]): number | null => {
    if (ws.length === 0) return 0;
    if (ws[0] === 'oh') return ws.length === 2 && ws[1] in UNITS ? UNITS[ws[1]] : null;
    if (ws[0] in TENS) return TENS[ws[0]] + (ws[1] ? UNITS[ws[1]] ?? NaN : 0);
    if (ws.length === 1 && ws[0] in UNITS) return UNITS[ws[0]];
    return null;
  };
  if (words[0] === 'two' && words[1] === 'thousand') {
    const rest = words.slice(2).filter((w) => w !== 'and');
    const n = small(rest);
    return n === null || Number.isNaN(n) ? null : 2000 + n;
  }
  const century = words[0] === 'nineteen' ? 1900 : words[0] === 'twenty' ? 2000 : null;
  if (century === null) return null;
  if (words[1] === 'hundred' && words.length === 2) return century;
  const n = small(words.slice(1));
  return n === null || Number.isNaN(n) || n < 10 && words[1] !== 'oh' ? null : century + n;
}
