/**
 * Participants and places: capitalised name chunks ("Human Rights Watch", "Jabhat al-Nusra", "Kafr al-Nu’man"),
 * nationality adjectives ("French" → the country), and acronyms unified with their long form when the article
 * spells it out ("… (HRW)") or when the initials of a name of the article spell it.
 * A chunk is a place by its context ("in X", "town of X", "X province", "visited X"), or when it names a country,
 * or when the article uses it as a place elsewhere. No list of places: only the world's country names.
 */
import { COUNTRIES, DEMONYMS } from './demonyms';
import { normaliseKey } from './normalise-key';
import type { Mention } from './types';

export interface NamedMention extends Mention { place: boolean }

const NAME_TOKEN = String.raw`(?:(?:pro|anti)-)?(?:[\p{Lu}](?:\.[\p{Lu}])+\.?|[\p{Lu}][\p{L}\p{M}’']*(?:-[\p{L}\p{M}’']+)*-?|(?:al|el|ad|as|ash|ar|bin|ibn|abu)-[\p{Lu}][\p{L}\p{M}’']*(?:-[\p{L}\p{M}’']+)*)`;
const CONNECTOR = String.raw`(?:[ \t]+(?:of|for|the|de|del|der|bin|ibn|van|von|da|du|la|le|al|el)(?=[ \t]+[\p{Lu}][\p{L}\p{M}-]*(?![\p{L}\p{M}-])(?!['’]s)))*[ \t]+`;
const CHUNK = new RegExp(String.raw`(?<![\p{L}\p{N}’'-])${NAME_TOKEN}(?:${CONNECTOR}${NAME_TOKEN})*`, 'gu');

/** Capitalised words that are no names: function words that start sentences, calendar words, pronouns. */
const STOP = new Set(`a an the in on at of for to from by with as but and or nor so yet if when while since after before
following during despite amid among between into over under this that these those there here it its he she they we
you i his her their our my your who what which where why how meanwhile however moreover furthermore also additionally
earlier later then now today yesterday tomorrow tonight according although though because unless until once both each
every all some many most several few other another such no not only even just still already again analysts experts
nobody everyone everybody someone somebody anyone anybody none
observers officials monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
share tagged source link read min exit mobile version photo image video file reporting editing writing
mr mrs ms dr`.split(/\s+/));

const TITLES = new Set(`president vice prime minister foreign defence defense interior finance deputy secretary general
gen gen. colonel col col. lieutenant lt lt. major maj maj. captain capt capt. sergeant sgt commander king queen prince princess
sheikh sheik emir sultan chancellor senator sen sen. governor gov gov. mayor pope ayatollah supreme leader chief spokesman
spokeswoman spokesperson ambassador envoy special state judge justice mr mr. mrs mrs. ms ms. dr dr. sir lord lady
rebel opposition army military former late crown minister's president's premier chairman chairwoman director head
representative rep rep. congressman congresswoman speaker archbishop bishop cardinal imam rabbi father brother sister
professor prof prof. officer`.split(/\s+/));

/** Words that make a chunk an organisation (never a place). */
const ORG = /\b(?:observatory|ministry|council|committee|group|forces?|army|navy|party|organi[sz]ation|institute|agency|department|union|nations|front|movement|brigades?|battalion|court|bank|company|corporation|corp|inc|ltd|news|times|post|press|network|channel|tv|radio|university|school|hospital|association|federation|league|commission|office|guard|police|government|regime|coalition|alliance|authority|service|foundation|fund|center|centre|club|team|group|tribunal|parliament|assembly|congress|senate|cabinet)\b/i;

/** Aliases every reader knows, for the keys of the most common short forms. */
const ALIASES: Record<string, string> = {
  us: 'United States', 'u.s': 'United States', 'u.s.': 'United States', usa: 'United States', 'u.s.a.': 'United States', america: 'United States',
  uk: 'United Kingdom', 'u.k.': 'United Kingdom', britain: 'United Kingdom', 'great britain': 'United Kingdom',
  un: 'United Nations', 'u.n.': 'United Nations', eu: 'European Union', 'e.u.': 'European Union',
};

const PLACE_PREPOSITION = String.raw`in|into|inside|outside|near|around|across|throughout|towards?|from|at|through|within|beyond|between|via|outskirts\s+of`;
const PLACE_NOUN_OF = String.raw`(?:town|city|village|province|region|district|governorate|county|capital|country|state|suburb|neighbou?rhood|area|areas|parts|part|swathes|streets|north|south|east|west|centre|center|heart|residents|inhabitants)\s+of`;
const PLACE_VERB = String.raw`visit(?:ed|s|ing)?|toured|entered|reached|captur(?:ed|ing)|seiz(?:ed|ing)|overr[au]n|bomb(?:ed|ing)|shell(?:ed|ing)|retook|retaking|recaptur(?:ed|ing)|took|taking|left|(?:travell?ed|went|flew|returned|headed|moved|arrived|sent|going|go|came)\s+(?:to|in|back\s+to)`;
const PLACE_ADJ = String.raw`(?:(?:northern|southern|eastern|western|central|north-?western|north-?eastern|south-?western|south-?eastern|neighbou?ring|nearby|rebel-held|besieged)\s+)?`;
const PLACE_BEFORE = new RegExp(String.raw`\b(?:${PLACE_PREPOSITION}|${PLACE_NOUN_OF}|${PLACE_VERB})\s+(?:the\s+)?${PLACE_ADJ}$`, 'i');
const PLACE_AFTER = /^\s+(?:provinces?|city|cities|regions?|districts?|governorates?|county|counties|state|villages?|towns?|areas?|valley|border|airport|countryside|suburbs?|highway|crossing|port|peninsula|strait|gulf|sea|river|mountains?)\b/i;
const SUFFIXES = /-(?:backed|led|linked|based|controlled|held|dominated|aligned|allied|affiliated|born|made|run|funded|supported|style)$/i;

interface Raw { start: number; end: number; text: string }

/** Group adjectives that, like nationalities, name a participant of their own before a name ("Islamist Hayat …"). */
const GROUP_ADJECTIVES = new Set(['Kurdish', 'Arab', 'Islamist', 'Jihadist', 'Sunni', 'Shia', 'Shiite', 'Western', 'European',
  'African', 'Asian', 'Christian', 'Muslim', 'Jewish', 'Alawite', 'Druze', 'Pashtun', 'Tamil', 'Uighur', 'Uyghur', 'Rohingya',
  'Yazidi', 'Baltic', 'Nordic', 'Gulf', 'Maoist', 'Marxist', 'Communist', 'Republican', 'Democratic', 'Conservative', 'Labour']);
const NOT_NAME_START = /^[\p{Lu}][\p{Ll}]+(?:ly|ing|ed)$/u;
/** A plural that opens a sentence before "of" is a common noun: "Residents of X", "Supporters of X". */
const PLURAL_BEFORE_OF = /^[\p{Lu}][\p{Ll}]{2,}s$/u;

/** All mentions of the text, in order (computed once per article). */
export function extractMentions(text: string, sentenceStarts: ReadonlySet<number>, skip: readonly { start: number; end: number }[] = []): NamedMention[] {
  const raws: Raw[] = [];
  const common = lowercaseWords(text);
  const named = midSentenceNames(text, sentenceStarts);
  let si = 0;
  CHUNK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CHUNK.exec(text))) {
    if (m[0].length === 0) { CHUNK.lastIndex++; continue; }
    while (si < skip.length && skip[si].end <= m.index) si++;
    if (si < skip.length && skip[si].start <= m.index) continue; // headings: title case says nothing
    splitChunk(text, m.index, m.index + m[0].length, sentenceStarts, raws, common);
  }
  // A lone capitalised word that opens a sentence ("Farmers said…", "Thousands marched…") is a name
  // only when the article also capitalises it inside a sentence, or it names a country or people.
  for (let i = raws.length - 1; i >= 0; i--) {
    const r = raws[i];
    if (!sentenceStarts.has(r.start) || /\s/.test(r.text) || /^[\p{Lu}]{2,7}$/u.test(r.text)) continue;
    const bare = r.text.replace(SUFFIXES, '').replace(/-$/, '');
    if (named.has(bare) || COUNTRIES.has(bare) || DEMONYMS.has(bare) || ALIASES[bare.toLowerCase()]) continue;
    raws.splice(i, 1);
  }
  // Acronyms: "Long Form (LF)" and initials of multiword names.
  const longByAcronym = new Map<string, string>();
  for (const r of raws) {
    const paren = /^\s*\(([\p{Lu}]{2,7})\)/u.exec(text.slice(r.end, r.end + 12));
    if (paren && r.text.includes(' ')) longByAcronym.set(paren[1], keyOf(r.text));
  }
  for (const r of raws) {
    const words = r.text.split(/\s+/);
    if (words.length < 2) continue;
    const initials = words
      .filter((w) => !/^(?:of|for|the|and|de|del|der|bin|ibn|van|von|da|du|la|le|al|el|on)$/i.test(w))
      .map((w) => w.replace(/^(?:al|el)[-\s]/i, '')[0] ?? '')
      .join('')
      .toUpperCase();
    if (initials.length >= 2 && !longByAcronym.has(initials)) longByAcronym.set(initials, keyOf(r.text));
  }
  // Surnames: a one-word chunk that ends a multiword personal name of the article takes that name's key.
  const byLastWord = new Map<string, string>();
  for (const r of raws) {
    const words = r.text.split(/\s+/);
    if (words.length >= 2 && words.length <= 4 && !ORG.test(r.text) && !COUNTRIES.has(words[words.length - 1]) && !PLACE_AFTER.test(text.slice(r.end, r.end + 20))) {
      const last = keyOf(words[words.length - 1]);
      if (last.length >= 3 && !byLastWord.has(last)) byLastWord.set(last, keyOf(r.text));
    }
  }
  const placeKeys = new Set<string>();
  const out: NamedMention[] = [];
  for (const r of raws) {
    let key = keyOf(r.text);
    if (/^[\p{Lu}]{2,7}$/u.test(r.text) && longByAcronym.has(r.text) && !ALIASES[r.text.toLowerCase()]) key = longByAcronym.get(r.text)!;
    else if (!r.text.includes(' ') && byLastWord.has(key)) key = byLastWord.get(key)!;
    const place = !ORG.test(r.text) && isPlace(text, r, key);
    if (place) placeKeys.add(key);
    out.push({ text: r.text, key, start: r.start, end: r.end, place });
  }
  for (const o of out) if (!o.place && placeKeys.has(o.key) && !ORG.test(o.text)) o.place = true;
  return out;
}

const keyCache = new Map<string, string>();
/** Keys of surfaces (a bounded memo: the same names recur across articles; pure, so sharing it is safe). */
function keyOf(surface: string): string {
  const hit = keyCache.get(surface);
  if (hit !== undefined) return hit;
  const key = computeKey(surface);
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(surface, key);
  return key;
}

function computeKey(surface: string): string {
  const s = surface.replace(SUFFIXES, '').replace(/-$/, '');
  const demonym = DEMONYMS.get(s);
  if (demonym) return normaliseKey(demonym);
  const alias = ALIASES[s.toLowerCase()];
  return normaliseKey(alias ?? s);
}

const DEMONYMS_FOLDED = new Map([...DEMONYMS].map(([d, c]) => [d.toLowerCase(), c]));

/**
 * The key a reader's query names: the same normalisation as a mention's key, but case-blind, so
 * "IRAQI", "iraqi" and "Iraqi" all find what the analysis keyed "iraq".
 */
export function queryKey(surface: string): string {
  const s = surface.trim().replace(SUFFIXES, '').replace(/-$/, '');
  const demonym = DEMONYMS_FOLDED.get(s.toLowerCase());
  if (demonym) return normaliseKey(demonym);
  return normaliseKey(ALIASES[s.toLowerCase()] ?? s);
}

function isPlace(text: string, r: Raw, key: string): boolean {
  const bare = r.text.replace(SUFFIXES, '').replace(/-$/, '');
  if (DEMONYMS.has(bare)) return false; // "Russian forces": the country as a participant
  if (COUNTRIES.has(bare) || key === 'unitedstates' || key === 'unitedkingdom') return true;
  if (PLACE_AFTER.test(text.slice(r.end, r.end + 20))) return true;
  return PLACE_BEFORE.test(text.slice(Math.max(0, r.start - 40), r.start));
}

/** Cuts a chunk into names: drops sentence-initial common words, titles, splits a leading nationality. */
function splitChunk(text: string, start: number, end: number, sentenceStarts: ReadonlySet<number>, out: Raw[], common: ReadonlySet<string>): void {
  const tokens: Raw[] = [];
  const re = /\S+/g;
  const body = text.slice(start, end);
  let t: RegExpExecArray | null;
  while ((t = re.exec(body))) tokens.push({ start: start + t.index, end: start + t.index + t[0].length, text: t[0] });
  let i = 0;
  const flush = (from: number, to: number) => {
    // Trim connectors at the edges and possessive endings.
    while (from < to && /^(?:of|for|the|de|del|der|van|von|da|du|la|le|on|and)$/i.test(tokens[from].text)) from++;
    while (to > from && /^(?:of|for|the|de|del|der|van|von|da|du|la|le|al|el|bin|ibn|on|and)$/i.test(tokens[to - 1].text)) to--;
    if (to <= from) return;
    let s = tokens[from].start;
    let e = tokens[to - 1].end;
    let surface = text.slice(s, e);
    const poss = /(?:['’]s?|[.,])$/.exec(surface);
    if (poss) { e -= poss[0].length; surface = text.slice(s, e); }
    const suffix = SUFFIXES.exec(surface);
    if (suffix) { e -= suffix[0].length; surface = text.slice(s, e); }
    if (surface.endsWith('-')) { e -= 1; surface = text.slice(s, e); }
    const pro = /^(?:pro|anti)-/i.exec(surface);
    if (pro) { s += pro[0].length; surface = text.slice(s, e); }
    if (surface.length < 2 || !/^[\p{Lu}]/u.test(surface) && !/^(?:al|el|ad|as|ash|ar|bin|ibn|abu)-/i.test(surface)) return;
    if (STOP.has(surface.toLowerCase())) return;
    out.push({ start: s, end: e, text: surface });
  };
  let from = 0;
  for (i = 0; i < tokens.length; i++) {
    const word = tokens[i].text.replace(/(?:['’]s?|[.,])$/, '');
    const lower = word.toLowerCase();
    const atSentenceStart = sentenceStarts.has(tokens[i].start);
    const plural = PLURAL_BEFORE_OF.test(word) && tokens[i + 1]?.text === 'of';
    if (i === from && (STOP.has(lower) || (atSentenceStart && (common.has(lower) || NOT_NAME_START.test(word) || plural)))) { from = i + 1; continue; }
    if (i === from && TITLES.has(lower) && !ORG.test(body)) { from = i + 1; continue; }
    const bare = word.replace(SUFFIXES, '').replace(/-$/, '');
    if (/['’]s$/.test(tokens[i].text) || SUFFIXES.test(word)) {
      // "France’s Foreign Minister …", "Moscow-backed separatists": the owner is a name of its own.
      flush(from, i + 1);
      from = i + 1;
      continue;
    }
    if ((DEMONYMS.has(bare) || GROUP_ADJECTIVES.has(bare)) && i === from && i + 1 < tokens.length && !ORG.test(body)) {
      // "French President Jacques Chirac": the country, then the name after the titles.
      flush(i, i + 1);
      from = i + 1;
      continue;
    }
    if (i === from && i + 1 < tokens.length && DEMONYMS.has(`${bare} ${tokens[i + 1].text}`)) {
      flush(i, i + 2);
      from = i + 2;
      i++;
      continue;
    }
  }
  flush(from, tokens.length);
}

/** Capitalised words the article writes inside sentences (not as a sentence's first word). */
function midSentenceNames(text: string, sentenceStarts: ReadonlySet<number>): Set<string> {
  const out = new Set<string>();
  const re = /(?<![\p{L}\p{N}’'-])[\p{Lu}][\p{L}\p{M}’'-]*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (sentenceStarts.has(m.index)) continue;
    out.add(m[0].replace(/(?:['’]s?)$/, '').replace(SUFFIXES, '').replace(/-$/, ''));
  }
  return out;
}

/** The words the article writes in lowercase: a sentence-initial capitalised one of them is a common word. */
function lowercaseWords(text: string): Set<string> {
  const out = new Set<string>();
  const re = /\b[a-z]+\b/g; // English function and common words are ASCII
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.add(m[0]);
  return out;
}
