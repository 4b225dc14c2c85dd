/**
 * What a territory report says was taken: the place that is the object of a capture or control verb
 * ("seized control of most of Mosul", "now control most of Mosul city", "the capture of Mosul",
 * "recaptured the city", "retaking it"). Two reports that say the same place was taken (or retaken) in
 * the same window are one happening however differently they word the rest, while a report of a part
 * of the place ("Mosul's airport", "a town in Mosul province", "troops in eastern Mosul") is not.
 *
 * A pure function of one fact (its evidence and mentions), so links built on it stay symmetric.
 */
import type { Mention } from '../../analysis/types';
import type { SourceFact } from './types';

/** `take`: captured, seized, controls, lost control of; `retake`: recaptured, retook, regained, won back. */
export type TakeClass = 'take' | 'retake';

export interface Taken {
  cls: TakeClass;
  keys: string[];
}

/** Only reports of this kind speak of places changing hands. */
const TERRITORY_KINDS = new Set(['territory-change']);

const RETAKE_VERB = String.raw`(?:recaptur(?:e|ed|es|ing)|retak(?:e|en|es|ing)|retook|reclaim(?:ed|s|ing)?|regain(?:ed|s|ing)?|re-?conquer(?:ed|s|ing)?|re-?tak(?:e|en|es|ing)|(?:won|wins?|winning|took|tak(?:e|en|es|ing)|claw(?:ed|s|ing)?|seiz(?:e|ed|es|ing)) back)`;
const TAKE_VERB = String.raw`(?:seiz(?:e|ed|es|ing)|captur(?:e|ed|es|ing)|overr[au]n(?:s|ning)?|conquer(?:ed|s|ing)?|took|tak(?:e|en|es|ing)|storm(?:ed|s|ing)?)`;
/** "regained control of", "seized control of", "lost control of", "controls", "in control of". */
const RETAKE_CONTROL = new RegExp(String.raw`\b(?:regain(?:ed|s|ing)?|retak(?:e|en|es|ing)|retook|restor(?:e|ed|es|ing)|recaptur(?:e|ed|es|ing)|reassert(?:ed|s|ing)?)\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)\s+`, 'gi');
/** Not "under the control of HTS" nor "out of control of the regime": there the object is who holds it. */
const CONTROL = new RegExp(String.raw`(?<![-\w])(?<!\bunder\s+(?:[\w-]+\s+)?)(?<!\bout\s+of\s+)control(?:s|led|ling)?\s+(?:of\s+|over\s+)?`, 'gi');
const RETAKE = new RegExp(String.raw`\b${RETAKE_VERB}\s+`, 'gi');
const TAKE = new RegExp(String.raw`\b${TAKE_VERB}\s+`, 'gi');
/** Nouns: "the capture of Mosul", "the fall of Mosul", "its recapture of the city". */
const RETAKE_NOUN = /\b(?:recapture|reconquest|retaking)\s+of\s+/gi;
const TAKE_NOUN = /\b(?:capture|seizure|takeover|fall|loss|conquest)\s+of\s+/gi;

/**
 * What may stand between the verb and the place: quantities of it ("most of", "large swathes of",
 * "rebel-held areas of", "the city of"), never a different thing ("the airport", "65 troops").
 */
const SHARE_WORDS = String.raw`(?:the|a|an|most|much|all|part|parts|large|vast|big|key|swathes?|swaths?|areas?|half|bulk|majority|rest|remainder|whole|entire|entirety|full|city|town|village|strategic|rebel-held|opposition-held|government-held|regime-held|held)`;
const SHARE = new RegExp(String.raw`^(?:${SHARE_WORDS}\s+){0,4}of\s+`, 'i');
const ARTICLE = /^the\s+/i;
/** "it", "the city": the place named just before. */
const ANAPHOR = /^(?:it|the\s+(?:city|town|village))\b/i;
/**
 * A place named as the owner of what was taken, a region named after it, or a force named by it
 * ("Iraqi troops") is not the place taken.
 */
const PART_AFTER = /^(?:['’]s\b|\s+(?:province|governorate|countryside|district|region|airport|outskirts|suburbs?|industrial|military|air\s+base|base|regime|government|army|forces?|troops|soldiers|fighters|rebels|militants|officials?)\b)/i;

/** The place keys the fact says were taken or retaken; null when it says neither. */
export function takenOf(fact: SourceFact): Taken | null {
  if (!TERRITORY_KINDS.has(fact.kind)) return null;
  const text = fact.evidence.text;
  const found: Record<TakeClass, Set<string>> = { take: new Set(), retake: new Set() };
  // Re-verbs first: the text they cover is not read again as a plain capture ("took back", "regained control").
  const claimed = new Set<number>();
  for (const re of [RETAKE_CONTROL, RETAKE, RETAKE_NOUN]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      for (let i = m.index; i < m.index + m[0].length; i++) claimed.add(i);
      const key = objectAt(fact, m.index + m[0].length);
      if (key) found.retake.add(key);
    }
  }
  for (const re of [CONTROL, TAKE, TAKE_NOUN]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (claimed.has(m.index)) continue;
      const key = objectAt(fact, m.index + m[0].length);
      if (key) found.take.add(key);
    }
  }
  // Passive: "Mosul fell to the rebels", "Mosul was captured", "Mosul has been retaken".
  for (const mention of mentionsIn({ ...fact, participants: [] })) {
    const after = text.slice(mention.end);
    if (/^\s+(?:(?:was|were|(?:has|had|have)\s+been)\s+(?:captured|seized|taken|overrun)|fell)\b/i.test(after)) found.take.add(mention.key);
    else if (/^\s+(?:was|were|(?:has|had|have)\s+been)\s+(?:recaptured|retaken|reclaimed|regained)\b/i.test(after)) found.retake.add(mention.key);
  }
  // A report saying both is about two happenings: it gives no single identity to link on.
  if (found.take.size && found.retake.size) return null;
  const cls: TakeClass = found.retake.size ? 'retake' : 'take';
  const keys = [...found[cls]].sort();
  return keys.length ? { cls, keys } : null;
}

interface Located {
  key: string;
  place: boolean;
  /** Offsets in the evidence text. */
  start: number;
  end: number;
}

/** The fact's mentions that lie in its evidence, located by offset, or by their text where the offsets are not the article's. */
function mentionsIn(fact: SourceFact): Located[] {
  const text = fact.evidence.text;
  const out: Located[] = [];
  const all = [...fact.places.map((m) => ({ m, place: true })), ...fact.participants.map((m) => ({ m, place: false }))];
  for (const { m, place } of all) {
    if (!m.key || !m.text) continue;
    const s = m.start - fact.evidence.start;
    if (s >= 0 && text.slice(s, s + m.text.length) === m.text) {
      out.push({ key: m.key, place, start: s, end: s + m.text.length });
      continue;
    }
    for (let i = text.indexOf(m.text); i >= 0; i = text.indexOf(m.text, i + 1)) out.push({ key: m.key, place, start: i, end: i + m.text.length });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The key of the place named at `pos` of the evidence (after any share of it), or null. */
function objectAt(fact: SourceFact, pos: number): string | null {
  const text = fact.evidence.text;
  let rest = text.slice(pos);
  let at = pos;
  const share = SHARE.exec(rest);
  if (share) {
    at += share[0].length;
    rest = text.slice(at);
  }
  if (ANAPHOR.test(rest)) return antecedent(fact, at);
  const art = ARTICLE.exec(rest);
  const here = mentionsIn(fact).filter((m) => m.start === at || (art && m.start === at + art[0].length));
  // The longest name at the position ("Mosul Industrial City" rather than "Mosul"), and a place.
  const m = here.sort((a, b) => b.end - a.end || Number(b.place) - Number(a.place))[0];
  if (!m || !m.place) return null;
  if (PART_AFTER.test(text.slice(m.end))) return null;
  return m.key;
}

/** The place named last before `pos` (in the evidence or the sentences before it): what "it" or "the city" stands for. */
function antecedent(fact: SourceFact, pos: number): string | null {
  const abs = fact.evidence.start + pos;
  let best: Mention | null = null;
  for (const m of fact.places) {
    if (!m.key || m.end > abs) continue;
    if (!best || m.start > best.start) best = m;
  }
  if (best) return best.key;
  // Mentions without article offsets: the last place named earlier in the evidence.
  const inText = mentionsIn({ ...fact, participants: [] }).filter((m) => m.end <= pos);
  return inText.length ? inText[inText.length - 1].key : null;
}
