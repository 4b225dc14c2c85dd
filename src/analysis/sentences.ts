/**
 * Sentences and clauses with their offsets in the text as submitted (UTF-16 indices).
 * Lines are paragraphs (or headings, bullets, captions); inside a line a sentence ends at . ! ? (and a
 * closing quote after it) followed by a space and something that can start a sentence, unless the dot
 * belongs to an abbreviation ("U.S.", "Col.", "Nov. 30", "J. Smith").
 */

export interface Span { start: number; end: number }

export interface Sentence extends Span {
  /** A line without final punctuation that reads like a title ("Rebels Take Control of the City"). */
  heading: boolean;
  /** The line starts with a list marker ("- ", "• ", "* ", "1. "). */
  bullet: boolean;
}

export type ClauseRole =
  /** The sentence's main clause. */
  | 'main'
  /** ", seizing …", ", killing …": the same happening's consequence; shares the main clause's date. */
  | 'participle'
  /** ", coinciding with …": dated by the happening it coincides with. */
  | 'coincide'
  /** ", which …", ", where …", ", after …", "following …": another happening; its own date only. */
  | 'subordinate';

export interface Clause extends Span { role: ClauseRole }

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'col', 'lt', 'maj', 'capt', 'cpt', 'sgt', 'cpl',
  'adm', 'cmdr', 'gov', 'sen', 'rep', 'pres', 'rev', 'hon', 'amb', 'insp', 'supt', 'gens', 'messrs', 'mme', 'mlle',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'inc', 'corp', 'ltd', 'co', 'plc', 'llc', 'bros', 'dept', 'univ', 'assn', 'est', 'no', 'nos', 'vol', 'pp', 'p',
  'vs', 'v', 'etc', 'approx', 'ca', 'cf', 'al', 'fig', 'ave', 'blvd', 'rd', 'hwy', 'ft', 'km', 'mi', 'oz', 'lb', 'lbs',
]);

/** Words that do not end a sentence even before a capital ("Gen. Smith"), unlike "etc." at the true end. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'adm',
  'cmdr', 'gov', 'sen', 'rep', 'pres', 'rev', 'hon', 'amb', 'st', 'mt', 'insp', 'supt', 'no', 'vs', 'v']);

const LINE = /[^\n\r\u2028\u2029]+/g;
const BULLET = /^[ \t]*(?:[-–—•*·▪►]|\d{1,2}[.)])[ \t]+/;
const TERMINATOR = /[.!?…]+["'”’»)\]]*(?=\s|$)/g;
const SENTENCE_START = /^\s+["'“‘«(\[]?[\p{Lu}\p{N}–—-]/u;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  LINE.lastIndex = 0;
  let line: RegExpExecArray | null;
  while ((line = LINE.exec(text))) {
    const lineStart = line.index;
    const body = line[0];
    const bullet = BULLET.exec(body);
    let from = bullet ? bullet[0].length : 0;
    TERMINATOR.lastIndex = from;
    let t: RegExpExecArray | null;
    while ((t = TERMINATOR.exec(body))) {
      const end = t.index + t[0].length;
      if (t[0][0] === '.' && t[0].length === 1 && isAbbreviation(body, t.index)) continue;
      if (end < body.length && !SENTENCE_START.test(body.slice(end, end + 4))) continue;
      push(out, text, lineStart + from, lineStart + end, !!bullet);
      from = end;
    }
    if (from < body.length) push(out, text, lineStart + from, lineStart + body.length, !!bullet);
  }
  return out;
}

function isAbbreviation(body: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[A-Za-z.]/.test(body[i - 1])) i--;
  const word = body.slice(i, dot);
  if (word.length === 0) return false;
  if (word.includes('.')) return true; // "U.S", "e.g", "a.m"
  if (word.length === 1 && /[A-Z]/.test(word)) return true; // an initial
  const w = word.toLowerCase();
  if (TITLES.has(w)) return true;
  if (!ABBREVIATIONS.has(w)) return false;
  // "Nov." / "Inc." end a sentence only when what follows cannot continue it: keep them inside when a digit or a
  // lowercase word follows; SENTENCE_START already required a capital or digit, so a digit means "Nov. 30".
  return /^\s+\d/.test(body.slice(dot + 1, dot + 4)) || ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'].includes(w);
}

function push(out: Sentence[], text: string, start: number, end: number, bullet: boolean): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end - start < 2 || !/[\p{L}\p{N}]/u.test(text.slice(start, end))) return;
  out.push({ start, end, bullet, heading: !bullet && isHeading(text.slice(start, end)) });
}

const SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'with', 'by', 'from', 'as', 'vs', 'amid', 'over', 'after']);

/** A short line that ends without punctuation and capitalises its words. */
function isHeading(s: string): boolean {
  if (/[.!?…"”’:]$/.test(s)) return /:$/.test(s) && s.length < 60;
  const words = s.split(/\s+/);
  if (words.length > 14) return false;
  let caps = 0;
  let content = 0;
  for (const w of words) {
    if (SMALL.has(w.toLowerCase())) continue;
    content++;
    if (/^["'“‘(]?[\p{Lu}\p{N}]/u.test(w)) caps++;
  }
  return content === 0 || caps / content >= 0.6;
}

const SPLIT = new RegExp(
  [
    // ", seizing …" / ", killing …": a participle continuing the happening.
    String.raw`(?<participle>,\s+(?:(?:thereby|also|further|ultimately)\s+)?(?=[a-z]+ing\b)(?!(?:including|according|excluding|during|regarding|concerning|following|notwithstanding|bring|thing|king|morning|evening|ceiling|building|something|nothing|anything|everything|being|having)\b))`,
    String.raw`(?<coincide>,?\s+(?=coincid(?:ing|ed)\s+with\b|at\s+the\s+same\s+time\s+as\b|simultaneously\s+with\b))`,
    String.raw`(?<subordinate>(?:,\s+|\s+[-–—]\s+|;\s+)(?=(?:which|where|who|whom|whose|while|whereas|after|before|since|when|although|though|but|as\s+well\s+as|even\s+as|after\s+which|in\s+which|following)\b)|\s+(?=(?:following|after|amid|since)\s+(?:a|an|the|his|her|its|their|two|three|several|months|weeks|years|days)\b)|\s+(?=since\s+[a-z])|;\s+)`,
  ].join('|'),
  'g',
);

/** Clauses of a sentence: the main one and the participle, coinciding and subordinate ones split off it. */
export function splitClauses(text: string, s: Span): Clause[] {
  const body = text.slice(s.start, s.end);
  const out: Clause[] = [];
  let from = 0;
  let role: ClauseRole = 'main';
  SPLIT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPLIT.exec(body))) {
    if (m[0].length === 0) { SPLIT.lastIndex++; continue; }
    const cut = m.index;
    const next: ClauseRole = m.groups?.participle !== undefined ? 'participle' : m.groups?.coincide !== undefined ? 'coincide' : 'subordinate';
    const lead = body.slice(from, cut);
    // "For the rebels, seizing the city provides …": a prepositional lead is no clause of its own.
    const prepositional = next === 'participle' && /^\s*(?:for|in|with|as|to|at|on|by|from|despite|unlike|like|among|amid|under|according\s+to|for\s+the)\b[^,]*$/i.test(lead);
    if (cut - from >= 12 && !prepositional) {
      out.push({ start: s.start + from, end: s.start + cut, role });
      from = m.index + m[0].length;
      role = next;
    } else if (out.length === 0 && cut < 12) {
      // A short lead ("After the talks, …") stays with the clause that follows.
    }
  }
  out.push({ start: s.start + from, end: s.end, role });
  return out;
}

/**
 * Marks the characters inside quotation marks: curly pairs (and the typewriter's ``…''), and straight quotes
 * by their side (an opening one follows a space and precedes a word, a closing one the reverse), so that one
 * stray mark does not turn the rest of the article inside out. Within a line the next mark closes a quote, whatever its side (`breaths, "waiting`);
 * a quote still open when one opens on a later line ran to the end of its own (news style reopens a quote
 * continued in the next paragraph without closing it). A blank line ends any quote.
 */
export function quoteMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let open = -1;
  let straight = -1;
  let straightLineEnd = -1; // the first newline after the open straight quote, once passed
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c || (c === 0x60 && text.charCodeAt(i + 1) === 0x60)) open = i; // “ or ``
    else if (c === 0x201d && open >= 0) { mask.fill(1, open, i + 1); open = -1; } // ”
    else if (c === 0x27 && text.charCodeAt(i + 1) === 0x27 && open >= 0) { mask.fill(1, open, i + 2); open = -1; } // ''
    else if (c === 0x22) { // "
      const side = straightSide(text, i);
      if (straight >= 0 && (side !== 'open' || straightLineEnd < 0)) { mask.fill(1, straight, i + 1); straight = -1; }
      else if (side !== 'close') {
        if (straight >= 0) mask.fill(1, straight, straightLineEnd);
        straight = i;
        straightLineEnd = -1;
      }
    } else if (c === 0x0a) {
      if (straight >= 0 && straightLineEnd < 0) straightLineEnd = i;
      if (i + 1 < text.length && text.charCodeAt(i + 1) === 0x0a) { open = -1; straight = -1; }
    }
  }
  return mask;
}

/** Which side of a quotation a straight quote is on, by the characters around it; null where they do not tell. */
function straightSide(text: string, i: number): 'open' | 'close' | null {
  const before = i === 0 || /[\s([{\u2014\u2013-]/.test(text[i - 1]);
  const after = i + 1 >= text.length || /[\s.,;:!?)\]}\u2014\u2013-]/.test(text[i + 1]);
  if (before && !after) return 'open';
  if (after && !before) return 'close';
  return null;
}
