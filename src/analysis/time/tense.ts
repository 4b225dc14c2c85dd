/**
 * Tense of the clause around a time expression, from the verbs near it.
 * News defaults to the past: most weekdays and month names in reports refer to what happened.
 */

export type Tense = 'past' | 'future' | 'unknown';

/** Words that put the happening after the publication. */
const FUTURE = new Set([
  'will', "'ll", 'shall', 'wo', 'gonna', 'scheduled', 'upcoming', 'next', 'tomorrow', 'forthcoming', 'slated',
  'would', 'payable', 'effective', 'reconvenes', 'resumes', 'starts', 'begins', 'opens',
]);

/**
 * The simple present of a scheduled happening ("the offer expires Friday", "they meet separately Monday"); not after
 * "to" ("unable to meet demand into the summer" takes its tense from the governing verb).
 */
const SCHEDULED = new Set([
  'meet', 'meets', 'gather', 'convene', 'convenes', 'begin', 'resume', 'arrive', 'arrives', 'depart', 'departs', 'go', 'goes',
  'expires', 'ends', 'closes',
]);

/** Verbs of intention: future only when an infinitive follows ("plans to", "is expected to", "due to meet"). */
const INTENT = new Set([
  'plan', 'plans', 'planning', 'planned', 'expected', 'expects', 'expect', 'hopes', 'hope', 'hoping', 'intends', 'intend',
  'intended', 'aims', 'aim', 'due', 'set', 'going', 'ready', 'likely', 'wants', 'want', 'agreed', 'promised', 'vowed',
  'threatened', 'decided', 'prepared', 'preparing', 'seeks', 'scheduled', 'slated', 'supposed', 'is', 'are',
]);

/**
 * Right before the expression, words that point ahead: deadlines ("until Tuesday", "by Jan. 14"), earliest dates
 * ("as early as Tuesday"), an infinitive ("to visit on Friday", "to resume Monday").
 */
const LEAD_FUTURE = /(?:\b(?:extended|postponed|delayed|moved|pushed|adjourned|deferred|put\s+off)\s+(?:to|until|till)\s+|\b(?:until|till|payable|effective|as\s+(?:early|soon|late)\s+as|no\s+later\s+than|starting|beginning|by)\s+(?:on\s+)?|\bto\s+(?!be\b)[a-z]+\s+(?:on\s+)?)$/i;

/** Irregular past forms common in news (regular ones end in -ed). */
const PAST = new Set([
  'said', 'was', 'were', 'had', 'did', 'told', 'went', 'came', 'took', 'made', 'met', 'won', 'lost', 'fell', 'rose',
  'began', 'left', 'held', 'saw', 'gave', 'got', 'found', 'became', 'brought', 'bought', 'sold', 'sent', 'spent',
  'struck', 'shot', 'hit', 'killed', 'led', 'ran', 'put', 'set', 'cut', 'paid', 'fought', 'thought', 'wrote', 'spoke',
  'broke', 'chose', 'drove', 'flew', 'knew', 'grew', 'threw', 'stood', 'understood', 'wore', 'fled', 'kept', 'heard',
  'felt', 'meant', 'built', 'sank', 'stole', 'swore', 'rang', 'sang', 'beat', 'bit', 'hid', 'ate', 'overthrew',
  'withdrew', 'undertook', 'declared', 'ago', 'yesterday', 'last', 'earlier', 'been', 'dropped',
]);

/** -ed words that are adjectives of the future or not verbs at all. */
const NOT_PAST_ED = new Set(['scheduled', 'expected', 'planned', 'slated', 'red', 'bed', 'hundred', 'need', 'indeed', 'speed', 'seed', 'feed', 'proceed', 'proceeds', 'united', 'based', 'related', 'limited', 'ed', 'fed', 'shed', 'wed', 'med', 'ted']);

const WORD = /[A-Za-z]+(?:'[a-z]+)?|'ll/g;
const BOUNDARY = /[.!?;:\n]\s|["“”]|''|``/;

/** Verbs of saying: after the expression they attribute the clause ("… on Friday, officials said"), not date it. */
const REPORTING = new Set(['said', 'says', 'say', 'told', 'added', 'reported', 'stated', 'noted', 'explained', 'insisted']);

/** Past forms of intention: after the expression ("On Friday, the government planned to pay") they date the plan. */
const PAST_INTENT = new Set(['planned', 'intended', 'expected', 'hoped', 'wanted', 'agreed', 'promised', 'vowed', 'threatened', 'decided', 'prepared', 'aimed']);

/** Verbs of planning whose object is a coming happening ("planned a rally on Saturday", "is planning talks Monday"). */
const PLANNING = new Set(['plans', 'planned', 'planning', 'schedules', 'scheduling']);

/** A past form of a verb ("became", "released"), by the same tests as the clause cues. */
export function isPastForm(word: string): boolean {
  const w = word.toLowerCase();
  return PAST.has(w) || (w.length > 4 && w.endsWith('ed') && !NOT_PAST_ED.has(w) && !INTENT.has(w));
}

const DETERMINER = /^(?:a|an|the|its|their|his|her|our|your|my)$/;

interface Cue { tense: 'past' | 'future'; distance: number }

function classify(word: string, next: string | undefined, prev?: string, prev2?: string): 'past' | 'future' | null {
  const w = word.toLowerCase();
  const n = next?.toLowerCase();
  const p = prev?.toLowerCase();
  // "a record set on Aug. 6" is a past participle: "set on" points ahead only after "be" ("is set on Friday").
  if (w === 'set' && n === 'on' && !/^(?:is|are|be|been|was|were)$/.test(p ?? '')) return 'past';
  // "hoping for a pick-up from September": the hoped-for happening is ahead.
  if ((w === 'hope' || w === 'hopes' || w === 'hoping') && n === 'for') return 'future';
  if (INTENT.has(w) && (n === 'to' || ((w === 'set' || w === 'due' || w === 'scheduled' || w === 'slated' || w === 'planned' || w === 'expected') && (n === 'for' || n === 'on')))) return 'future';
  // "Elections are due in September", "a ruling is expected by Friday".
  if ((w === 'due' || w === 'scheduled' || w === 'slated' || w === 'expected') && (n === 'in' || n === 'by') && /^(?:is|are|be|been|was|were|'s|'re)$/.test(p ?? '')) return 'future';
  if ((w === 'is' || w === 'are') && n === 'on') return 'future';
  if (w === 'set' || w === 'going' || w === 'due' || w === 'is' || w === 'are') return null;
  if (w.endsWith("'ll")) return 'future';
  // "the blast next to the embassy on Friday": a place, not a coming date.
  if (w === 'next' && n === 'to') return null;
  if (FUTURE.has(w)) return 'future';
  if (SCHEDULED.has(w) && p !== 'to' && !/^(?:did|do|does|didn't|don't|doesn't|not|never|would|could|might|let)$/.test(p ?? '')) return 'future';
  // "the ceasefire takes effect on Saturday", "the vote takes place Sunday", "the vote is on Friday".
  if ((w === 'takes' || w === 'take') && (n === 'effect' || n === 'place')) return 'future';
  // A participle after "be" ("will be paid", "to be held") takes its tense from the auxiliary; after a present
  // "is"/"are" it is a present passive ("when the case is heard in May").
  if (p === 'be' || p === 'being' || p === 'is' || p === 'are' || p === 'am') return null;
  if (PAST.has(w)) return 'past';
  // "a still unspecified date", "the delayed vote": a participle after a determiner is an adjective, not a verb.
  if (DETERMINER.test(p ?? '') || (/ly$|^still$/.test(p ?? '') && DETERMINER.test(prev2?.toLowerCase() ?? ''))) return null;
  if (w.length > 4 && w.endsWith('ed') && !NOT_PAST_ED.has(w)) return 'past';
  return null;
}

/** Clause text on either side of [start, end), cut at sentence/clause boundaries and capped in length. */
function sides(text: string, start: number, end: number): [string, string] {
  const lo = Math.max(0, start - 120);
  let before = text.slice(lo, start);
  const cut = lastBoundary(before);
  if (cut >= 0) before = before.slice(cut);
  // A fronted time ("In January, a week after the anniversary of …, a bomb killed …") waits for the verb past a
  // long subject: the rest of its sentence is read.
  const fronted = /^\W*(?:(?:on|in|by|late|early|and|but|then|also|since|until|at)\s+)*$/i.test(before);
  let after = text.slice(end, Math.min(text.length, end + (fronted ? 200 : 100)));
  const cutAfter = firstBoundary(after);
  if (cutAfter >= 0) after = after.slice(0, cutAfter);
  return [before, after];
}

const ABBREVIATION = /\b(?:[A-Z][a-z]{0,3}|vs|v|etc|approx|no)\.$/;
const TITLE = /\b(?:vs|v|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev)\.$/;

/**
 * Abbreviation dots do not end a sentence when a lower-case word or a comma follows ("Springfield, Ill., said") or a
 * name follows a title ("Smith vs. Jones", "Dr. Lee").
 */
function continuesAfterDot(s: string, dot: number): boolean {
  const head = s.slice(Math.max(0, dot - 6), dot + 1);
  if (!ABBREVIATION.test(head)) return false;
  const next = s.slice(dot + 1, dot + 4);
  return /^[\s,]*[a-z,(]/.test(next) || (TITLE.test(head) && /^\s+[A-Z]/.test(next));
}

/** Where the clause after an expression ends (-1: not within `s`). */
function firstBoundary(s: string): number {
  const re = new RegExp(BOUNDARY.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[0][0] === '.' && continuesAfterDot(s, m.index)) continue;
    return m.index;
  }
  return -1;
}

function lastBoundary(s: string): number {
  let idx = -1;
  const re = /[.!?;:\n]\s|["“”]|''|``/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    // Abbreviation dots ("Nov. 30", "Mr. X") do not end a sentence.
    if (m[0][0] === '.' && /\b(?:[A-Z][a-z]{0,3}|[A-Z])\.$/.test(s.slice(Math.max(0, m.index - 5), m.index + 1))) continue;
    idx = m.index + m[0].length;
  }
  return idx;
}

/**
 * Nearest tense cue within the clause (up to `window` words each side); ties go to the words before,
 * which usually hold the governing verb ("said Friday it will…" is past).
 */
export function clauseTense(text: string, start: number, end: number, window = 8): Tense {
  const [before, after] = sides(text, start, end);
  const bw = before.match(WORD) ?? [];
  const aw = after.match(WORD) ?? [];
  // The clause's words on both sides, so a cue's neighbours can be read across the expression.
  const all = [...bw, ...aw];
  // A past perfect ("had been due to expire Friday", "had filed by Wednesday") keeps the clause in the past.
  const perfect = bw.slice(-6).some((w) => w.toLowerCase() === 'had');
  if (perfect) return 'past';
  // "Until Thursday, they had not called him a suspect": a past perfect right after keeps the deadline in the past.
  if (aw.slice(0, 4).some((w) => w.toLowerCase() === 'had')) return 'past';
  if (LEAD_FUTURE.test(before.slice(-60))) return 'future';
  let best: Cue | null = null;
  for (let i = bw.length - 1, d = 1; i >= 0 && d <= window; i--, d++) {
    const w = bw[i].toLowerCase();
    // "planned a large rally in the square on Saturday": the object of a plan is ahead.
    const t = PLANNING.has(w) && all[i + 1]?.toLowerCase() !== 'to'
      ? 'future' : classify(bw[i], all[i + 1], all[i - 1], all[i - 2]);
    if (t) { best = { tense: t, distance: d }; break; }
  }
  // A fronted time ("On Tuesday, the National Abortion and Reproductive Rights Action League plans to …") waits for
  // the verb past a long subject.
  const afterWindow = bw.every((w) => /^(?:on|in|by|late|early|and|but|then|also|since|until|at)$/i.test(w)) ? 3 * window : window;
  for (let i = 0, d = 1; i < aw.length && d <= afterWindow; i++, d++) {
    const k = bw.length + i;
    if (best && d >= best.distance) break;
    const w = aw[i].toLowerCase();
    // "planned a rally on Saturday and were planning to drive …": a coordinated verb phrase has its own tense.
    if (best && (w === 'and' || w === 'but')) break;
    // "The minister, who arrived on Monday, will leave …": past a comma the verb belongs to another clause.
    if (best && after.slice(0, after.toLowerCase().indexOf(w)).includes(',')) break;
    // "… to admit them in early March, an official said": attribution closing a clause that opened before the expression.
    if (REPORTING.has(w) && bw.length >= 3 && /,/.test(after.slice(0, after.toLowerCase().indexOf(w)))) continue;
    const t = PAST_INTENT.has(w) && aw[i + 1]?.toLowerCase() === 'to'
      ? 'past' : classify(aw[i], all[k + 1], all[k - 1], all[k - 2]);
    if (t) { best = { tense: t, distance: d }; break; }
  }
  // No cue near it: the clause's past verb may stand before a long object ("it was the first Western nation to
  // recognize the rebels in March"). Past the window, only a verb of its clause (no comma between) and only a
  // simple past: "his priority was to restart exports by October or November" is a plan, and "has extended loans
  // through January" says nothing of January.
  if (!best && bw.length > window) {
    const sinceComma = (before.slice(before.lastIndexOf(',') + 1).match(WORD) ?? []).length;
    for (let i = bw.length - 1 - window; i >= bw.length - sinceComma; i--) {
      const t = classify(bw[i], all[i + 1], all[i - 1], all[i - 2]);
      if (!t) continue;
      if (t === 'future' || all[i + 1]?.toLowerCase() === 'to') return 'unknown';
      if (/^(?:has|have|having)$/i.test(all[i - 1] ?? '')) continue;
      return 'past';
    }
  }
  return best ? best.tense : 'unknown';
}
