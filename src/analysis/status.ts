/**
 * Status and attribution of a reported happening, from the words around its trigger.
 *   planned:  "will visit", "plans to", "is due to", "is expected to", "announced he will"
 *   claimed:  "claimed to have", "allegedly", "purportedly", "unverified", "not independently verified"
 *   denied:   "denied", "rejected claims/reports", "dismissed reports"
 *   reported: everything else
 * Attribution: "according to X", "as per X", "as reported by X", "X said/reported/told/confirmed", "…, X said".
 */
import type { FactStatus } from './types';

/** A modal or an intention right before the trigger (up to three words between). */
const PLANNED_BEFORE = new RegExp(
  String.raw`(?:\b(?:will|shall|won['’]t)|['’]ll|\b(?:plans?|planning|planned|intends?|intending|aims?|is\s+due|are\s+due|was\s+due|been\s+due|,\s+due|is\s+expected|are\s+expected|is\s+set|are\s+set|is\s+scheduled|are\s+scheduled|is\s+slated|are\s+slated|is\s+going|are\s+going|is\s+poised|are\s+poised|prepares?|preparing|hopes?)\s+to)(?:\s+(?:\w+|be))?(?:\s+\w+ly)?\s+$`,
  'i',
);
const PLANNED_NOUN = /\b(?:planned|proposed|upcoming|scheduled|forthcoming|expected)\s+(?:\w+\s+)?$/i;
const CLAIM = /\b(?:claim(?:s|ed|ing)?\s+(?:to\s+have|to\s+be|that|responsibility|it\s+had|they\s+had)|allegedly|purportedly|reportedly\s+claimed|unverified|unconfirmed|(?:has|have|had|could)\s+not\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:independently\s+)?(?:verified|confirmed)|cannot\s+be\s+(?:independently\s+)?(?:verified|confirmed)|could\s+not\s+independently\s+(?:verify|confirm)|was\s+not\s+(?:possible|able)\s+to\s+(?:independently\s+)?(?:verify|confirm))\b/i;
const DENIAL = /\b(?:denied|denies|deny|denying|rejected\s+(?:the\s+)?(?:claims?|reports?|allegations?|accusations?)|dismissed\s+(?:the\s+)?(?:claims?|reports?|allegations?)|refuted|disputed\s+(?:the\s+)?(?:claims?|reports?))\b/i;

/** Status of the happening whose trigger starts at `trigger` inside `clause` (both in the same string). */
export function statusOf(sentence: string, triggerAt: number, triggerText: string): FactStatus {
  const before = sentence.slice(Math.max(0, triggerAt - 60), triggerAt);
  const lower = triggerText.toLowerCase();
  if (DENIAL.test(sentence) && !/^(?:denied|denies|deny)/.test(lower)) return 'denied';
  if (CLAIM.test(sentence) && !/^claim/.test(lower)) return 'claimed';
  if (/^(?:will|shall)\b/i.test(lower)) return 'planned';
  if (PLANNED_BEFORE.test(before) || PLANNED_NOUN.test(before)) return 'planned';
  return 'reported';
}

const NAME = String.raw`(?:the\s+)?(?:[\p{Lu}][\p{L}’'.-]*|\d+)(?:\s+(?:(?:of|for|the|and|al|de|bin|el|on|in)\s+)*[\p{Lu}][\p{L}’'.-]*){0,8}`;
const ACCORDING = new RegExp(String.raw`\b(?:according\s+to|as\s+per|as\s+reported\s+by|citing|quoted\s+by|reported\s+by|cited\s+by)\s+((?:the\s+|a\s+|an\s+|its\s+|their\s+)?[^,.;:“”"()]{2,80}?)(?=\s*(?:[,.;:“”"()]|\s+(?:said|reported|which|who|that|in\s+a|on\s+\p{Lu})\b|$))`, 'iud');
const SAID_AFTER = new RegExp(String.raw`[,”"]\s*(${NAME}(?:,\s+[^,]{3,60},)?)\s+(?:said|says|told|added|reported|stated|warned|noted|confirmed|claimed)\b`, 'u');
const SAID_TRAILING = /[,”"]\s*((?:the|a|an|its|their|his|her)\s+[^,.;“”"]{2,60}?)\s+(?:said|says|told\s+\S+|added|reported|stated|confirmed|noted|claimed)\s*(?:[.,;]|$)/iu;
const SAID_INVERTED = new RegExp(String.raw`[,”"]\s*(?:said|says|told|added|reported|stated|warned|noted)\s+(${NAME})`, 'u');
const SUBJECT_SAID = new RegExp(String.raw`(?:^|[,;]\s+)((?:the\s+|a\s+|an\s+)?(?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+)\s+(?:said|says|told|reported|confirmed|stated|announced|claimed)\s+(?:that\b|on\b|in\b|,)`, 'iu');
const SOURCE_NOUN = /\b(?:source|sources|official|officials|spokesm[ae]n|spokeswoman|spokesperson|ministry|agency|monitor|observatory|media|television|tv|news|police|army|military|government|witness(?:es)?|residents?|activists?|group|organi[sz]ation|committee|council|office|commander|minister|president|envoy|correspondent|reporter|reuters|afp|ap)\b/i;

/**
 * Where a sentence names its source after "according to", "citing", "as reported by" (offsets in the
 * sentence), or null. What is named there reports the happening; it is not a party to it.
 */
export function sourceSpanOf(sentence: string): { start: number; end: number } | null {
  const a = ACCORDING.exec(sentence);
  if (!a?.indices?.[1]) return mediumSpanOf(sentence);
  const [start, end] = a.indices[1];
  // The source's short form and description go with it: "the Observatory (SOHR), a UK-based monitor,".
  const more = SOURCE_TAIL.exec(sentence.slice(end));
  return { start, end: end + (more ? more[0].length : 0) };
}

/** A news medium or monitor: what it reports, it reports; it is no party to it ("…, the state news agency X reported"). */
const MEDIUM = /\b(?:news\s+agency|agency|television|tv|radio|newspaper|broadcaster|media|monitor|observatory|wire\s+service)\b/i;
const MEDIUM_REPORTED = [
  /[,”"]\s*((?:the|a|an)\s+[^,.;“”"]{2,60}?)\s+(?:reported|said|says|reports)\s*(?:[.,;]|$)/diu,
  /(?:^|[,;]\s+)((?:the\s+|a\s+|an\s+)?(?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+)\s+(?:reported|said|says|reports)\s+(?:that\b|on\b|,)/diu,
];

/** Where a news medium or monitor is named as the one reporting (not speaking for itself), or null. */
function mediumSpanOf(sentence: string): { start: number; end: number } | null {
  for (const re of MEDIUM_REPORTED) {
    const m = re.exec(sentence);
    if (m?.indices?.[1] && MEDIUM.test(m[1])) return { start: m.indices[1][0], end: m.indices[1][1] };
  }
  return null;
}

const SOURCE_TAIL = /^(?:\s*\([^()]{1,40}\))?(?:,\s*(?:a|an|the)\s+[^,;.()]{1,60}(?=,))?/iu;

/** The source a sentence attributes its report to, or null. */
export function attributionOf(sentence: string): string | null {
  const a = ACCORDING.exec(sentence);
  if (a) return tidy(a[1]);
  const s = SAID_AFTER.exec(sentence);
  if (s) return tidy(s[1]);
  const trailing = SAID_TRAILING.exec(sentence);
  if (trailing) return tidy(trailing[1]);
  const i = SAID_INVERTED.exec(sentence);
  if (i) return tidy(i[1]);
  const subj = SUBJECT_SAID.exec(sentence);
  if (subj && (/^\p{Lu}/u.test(subj[1].replace(/^(?:the|a|an)\s+/i, '')) || SOURCE_NOUN.test(subj[1]))) return tidy(subj[1]);
  return null;
}

function tidy(s: string): string | null {
  const t = s.replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  if (/^(?:he|she|they|it|we|i|you|this|that|there)$/i.test(t)) return null;
  return t.length >= 2 ? t : null;
}
