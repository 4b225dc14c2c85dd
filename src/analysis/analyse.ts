/**
 * From one article to dated facts (DESIGN §4–5). Pure and deterministic: the clock is the publication
 * instant passed in; the same input gives byte-identical output.
 *
 * Steps: sentences and clauses → triggers of the kinds vocabulary per clause → one fact per kind per clause
 * (statements only when nothing else happened in the sentence; a generic fact for a dated past clause
 * that fits no kind) → date of each fact from its own clause (anaphora resolved to earlier facts),
 * else bounded by the publication → participants, places, figures, status, attribution, title.
 */
import { COMPILED_KINDS, type KindDefinition } from './kinds';
import { extractFigures } from './figures';
import { extractMentions, type NamedMention } from './mentions';
import { quoteMask, splitClauses, splitSentences, type Clause, type Sentence } from './sentences';
import { attributionOf, sourceSpanOf, statusOf } from './status';
import { extractTimeExpressions } from './time';
import { anaphorWhen, clockOf } from './time/extract';
import type { AnalysisInput, AnalysisResult, DatedBy, Fact, FactStatus, Mention, TimeExpression, When } from './types';
import { ANALYSER_VERSION } from './version';

interface Trigger {
  kind: KindDefinition;
  start: number;
  end: number;
  text: string;
  noun: boolean;
  order: number;
}

interface Draft {
  kind: KindDefinition;
  trigger: Trigger;
  sentence: Sentence;
  clause: Clause;
  clauseIndex: number;
  status: FactStatus;
}

/** Past tense (or a perfect) somewhere in the clause: the clause reports something that happened. */
const PAST_VERB = /\b(?:[a-z]{3,}ed|was|were|had|has\s+been|have\s+been|did|took|made|met|began|fell|struck|hit|won|lost|left|held|saw|gave|sent|fled|led|rose|shot|came|went|told|said|broke|fought|spoke|drove|flew|threw|overran|overthrew|withdrew|sank|stood|kept|brought|got|became)\b/i;
const NOT_PAST_ED = /^(?:need|indeed|speed|seed|feed|proceed|united|based|related|limited|armed|so-called|hundred|red|bed)$/i;
/** Modal, negation or condition right before a trigger: no happening is reported. */
const HYPOTHETICAL = /\b(?:not|never|no|no\s+longer|n['’]t|may|might|could|would|should|can|cannot|unless|if|whether|without|fail(?:ed|s)?\s+to|refused\s+to|risks?)\s+(?:\w+\s+){0,2}$/i;
/** "since the civil war began", "the first time since the onset of the war": a reference, not a report. */
const SINCE_REFERENCE = /\bsince\s+(?:the|a|an|its|their|his|her)\b[^,;]{0,30}$/i;
/** A clause that opens with a condition ("If a more virulent form appears late in the year, …", "In other words, if …") reports nothing; "To see if …" is no condition. */
const CONDITIONAL = /^(?:(?:even|but|and|so)\s+|[^,]{0,30},\s*)?(?:if|unless)\b/i;
/** An infinitive that reports a completed happening ("managed to overrun", "began to pull back"). */
const DONE_INFINITIVE = /\b(?:managed|went\s+on|continued|continue|continues|began|begin|begins|started|proceeded|helped|moved|was\s+able|were\s+able|succeeded|appears?|appeared|seems?|seemed)\s+to\s+(?:\w+ly\s+)?$/i;
const INFINITIVE = /\bto\s+(?:\w+ly\s+)?$/i;
/** Sentence-initial words that take their day from the happening reported just before. */
const LEAD_ANAPHORA = /^(?:(?:earlier|later|at\s+the\s+same\s+time|simultaneously|on\s+the\s+same\s+day|the\s+same\s+day|that\s+day|shortly\s+(?:before|after(?:wards?)?)|soon\s+after(?:wards?)?|afterwards?|moments\s+later|hours\s+(?:earlier|later)|(?:following|after)\s+(?:the|these|those|this|that)\s+(?:talks|discussions|meeting|meetings|visit|call|conversation|summit|consultations|announcement|attack|strikes?|events?))\s*,)/i;
/** After a noun trigger, a verb of the past: the noun is the subject of what happened ("the airstrikes targeted"). */
const NOUN_SUBJECT = /^(?:\s+[\p{L}’'-]+){0,4}?\s+(?:[a-z]{3,}ed|was|were|struck|hit|killed|left|tore|ripped|shook|went\s+off|broke\s+out|began|took\s+place|happened)\b/u;
/** A number right before a noun trigger ("over 412 deaths", "nine civilian fatalities"): a report of a count. */
const COUNTED = /(?:\d[\d,.]*|dozens|scores|hundreds|thousands|millions|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million))\s+(?:[\p{L}-]+\s+)?$/iu;
const STRONG_STATEMENT = /^(?:warn|pledg|vow|announc|declar|denounc|condemn|stress|emphasi|affirm|reaffirm|reassur|urg|insist|threaten|accus|blam|criticis|criticiz|demand|promis|reject|welcom|express|echo|called)/i;

/** A sentence ending in a question mark, maybe inside its closing quote. */
const QUESTION_END = /\?["”’')]?$/;
/** …that opens as a question does: "Why did the US support the invasion in 1982?", not "It will re-examine the question: are …?" */
const QUESTION_START = /^["“'‘(]?\s*(?:why|how|what|when|where|who|whom|whose|which|is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|shall|may|might|must|(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should)n['’]t)\b/i;

function isQuestion(text: string, s: Sentence): boolean {
  return QUESTION_END.test(text.slice(Math.max(s.start, s.end - 4), s.end)) && QUESTION_START.test(text.slice(s.start, s.start + 12));
}

export function analyse(input: AnalysisInput): AnalysisResult {
  const text = typeof input?.text === 'string' ? input.text : '';
  const publishedAt = typeof input?.publishedAt === 'string' ? input.publishedAt : '';
  const timezone = typeof input?.timezone === 'string' ? input.timezone : undefined;
  const timeExpressions = extractTimeExpressions(text, publishedAt, timezone);
  const pubDay = text.length === 0 ? null : publicationDay(publishedAt, timezone);
  if (!pubDay) return { analyserVersion: ANALYSER_VERSION, facts: [], timeExpressions };
  const facts = extractFacts(text, pubDay, timeExpressions);
  return { analyserVersion: ANALYSER_VERSION, facts, timeExpressions };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

/** The publication day in the article's zone (the offset of the instant when no valid zone is given). */
function publicationDay(publishedAt: string, timezone: string | undefined): string | null {
  if (ISO_INSTANT.test(publishedAt) && Number.isFinite(Date.parse(publishedAt))) {
    if (!timezone) return publishedAt.slice(0, 10);
    let fmt = dayFormats.get(timezone);
    if (fmt === undefined) {
      try {
        fmt = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
      } catch {
        fmt = null;
      }
      if (dayFormats.size < 1000) dayFormats.set(timezone, fmt);
    }
    if (!fmt) return publishedAt.slice(0, 10);
    const parts = fmt.formatToParts(new Date(publishedAt));
    const get = (type: string) => parts.find((p) => p.type === type)?.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  }
  // Other ISO forms the clock accepts (dates without time, week dates…): ask it.
  const clock = clockOf(publishedAt, timezone);
  return clock ? clock.toISODate() : null;
}

function extractFacts(text: string, pubDay: string, timex: TimeExpression[]): Fact[] {
  const sentences = splitSentences(text);
  const mask = quoteMask(text);
  const sentenceStarts = new Set(sentences.map((s) => s.start));
  const mentions = extractMentions(text, sentenceStarts, sentences.filter((s) => s.heading));
  const usable = timex.filter((t) => usableForDating(t, text));
  const hits = scanTriggers(text);
  const facts: Fact[] = [];
  let hi = 0;
  let ai = 0;
  let ti = 0; // time expressions are sorted by start: a moving window keeps the scan linear
  let mi = 0;
  for (const sentence of sentences) {
    while (ti < usable.length && usable[ti].end <= sentence.start) ti++;
    let tj = ti;
    while (tj < usable.length && usable[tj].start < sentence.end) tj++;
    const sentenceTimex = usable.slice(ti, tj);
    while (mi < mentions.length && mentions[mi].end <= sentence.start) mi++;
    let mj = mi;
    while (mj < mentions.length && mentions[mj].start < sentence.end) mj++;
    const sentenceMentions = mentions.slice(mi, mj);
    while (hi < hits.length && hits[hi].start < sentence.start) hi++;
    let hj = hi;
    while (hj < hits.length && hits[hj].start < sentence.end) hj++;
    while (ai < timex.length && timex[ai].end <= sentence.start) ai++;
    let aj = ai;
    while (aj < timex.length && timex[aj].start < sentence.end) aj++;
    if (sentence.heading) continue;
    if (hj === hi && tj === ti) continue; // no trigger and no date: nothing to report
    if (isQuestion(text, sentence)) continue; // asks, reports nothing
    const clauses = splitClauses(text, sentence);
    const drafts = detect(text, sentence, clauses, mask, sentenceTimex, hits.slice(hi, hj));
    if (drafts.length === 0) continue;
    const sentenceText = text.slice(sentence.start, sentence.end);
    const attribution = attributionOf(sentenceText);
    const source = sourceSpanOf(sentenceText);
    const inSource = (m: Mention) => !!source && m.start >= sentence.start + source.start && m.end <= sentence.start + source.end;
    const allTimex = timex.slice(ai, aj);
    const mainIndex = facts.length;
    const perClause = new Map<number, { title: string; figures: Fact['figures'] }>();
    for (const d of drafts) {
      const clauseTimex = ownPart(text, d, drafts, sentenceTimex.filter((t) => t.start >= d.clause.start && t.end <= d.clause.end));
      const before = d.clause.role === 'participle' && d.clauseIndex > 0 ? clauses[d.clauseIndex - 1] : null;
      const beforeTimex = before ? sentenceTimex.filter((t) => t.start >= before.start && t.end <= before.end) : [];
      const { when, datedBy } = dateFact(text, d, clauseTimex, facts, mainIndex, pubDay, sentence, timex, beforeTimex);
      const evidence = { text: text.slice(d.clause.start, d.clause.end), start: d.clause.start, end: d.clause.end };
      const own = sentenceMentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
      let cached = perClause.get(d.clause.start);
      if (!cached) {
        cached = { title: titleOf(evidence.text), figures: extractFigures(text, d.clause.start, d.clause.end, { exclude: overlapping(allTimex, d.clause) }) };
        perClause.set(d.clause.start, cached);
      }
      facts.push({
        index: facts.length,
        type: d.kind.eventType,
        kind: d.kind.id,
        title: cached.title,
        when,
        datedBy,
        // The source a report is attributed to ("according to the monitor, a UK-based group") is
        // neither a party to it nor where it happened.
        participants: unique(own.filter((m) => !m.place && !inSource(m))),
        places: unique(own.filter((m) => m.place && !inSource(m))),
        figures: cached.figures.map((f) => ({ ...f })),
        // What is dated after the publication has not happened yet: "Spain votes in November", "the 2012 budget
        // will be based on", "said there would be elections in March" are plans, however they are worded.
        status: d.status !== 'denied' && d.status !== 'planned' && when.from !== null && when.from > pubDay ? 'planned' : d.status,
        attribution,
        evidence,
      });
    }
  }
  return facts;
}

function overlapping(timex: TimeExpression[], span: { start: number; end: number }): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const t of timex) if (t.end > span.start && t.start < span.end) out.push(t);
  return out;
}

function unique(list: NamedMention[]): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of list) {
    if (!m.key || seen.has(m.key)) continue;
    seen.add(m.key);
    out.push({ text: m.text, key: m.key, start: m.start, end: m.end });
  }
  return out;
}

/** Time expressions that may date a happening: days, months, years, seasons, bounds, not "now" or "since 2016". */
function usableForDating(t: TimeExpression, text: string): boolean {
  if (!t.when || (t.type !== 'DATE' && t.type !== 'TIME')) return false;
  if (t.value === 'PRESENT_REF') return false;
  const before = text.slice(Math.max(0, t.start - 20), t.start);
  if (/\b(?:since|until|till|by)\s+(?:early\s+|late\s+|mid-?)?$/i.test(before)) return false;
  return true;
}

interface Hit { kind: KindDefinition; start: number; end: number; text: string; noun: boolean; order: number }

/** Every trigger of every kind in the whole text, in one pass per pattern (cheaper than per clause). */
function scanTriggers(text: string): Hit[] {
  const hits: Hit[] = [];
  COMPILED_KINDS.forEach((ck, order) => {
    for (const [re, noun] of [[ck.triggers, false], [ck.nouns, true]] as const) {
      if (!re) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        const prev = m.index > 0 ? text.charCodeAt(m.index - 1) : 0;
        if (prev === 0x27 || prev === 0x2019 || prev === 0x2d) continue; // glued to an apostrophe or a hyphen
        hits.push({ kind: ck.kind, start: m.index, end: m.index + m[0].length, text: m[0], noun, order });
      }
    }
  });
  return hits.sort((a, b) => a.start - b.start || a.order - b.order);
}

function detect(text: string, sentence: Sentence, clauses: Clause[], mask: Uint8Array, timex: TimeExpression[], hits: Hit[]): Draft[] {
  const all: { t: Trigger; clause: Clause; ci: number }[] = [];
  clauses.forEach((clause, ci) => {
    const inClause = hits.filter((h) => h.start >= clause.start && h.start < clause.end);
    if (inClause.length === 0) return;
    const body = text.slice(clause.start, clause.end);
    const reporting = PAST_VERB.test(body.replace(/\b\w+ed\b/g, (w) => (NOT_PAST_ED.test(w) ? '' : w)))
      || timex.some((t) => t.start >= clause.start && t.end <= clause.end) || /\d/.test(body);
    const dated = timex.some((t) => t.start >= clause.start && t.end <= clause.end && t.when?.precision !== 'bounded');
    const found: Trigger[] = [];
    for (const h of inClause) {
      if (h.noun) {
        if (!reporting) continue;
        const rel = h.start - clause.start;
        const relEnd = h.end - clause.start;
        if (!dated && !NOUN_SUBJECT.test(body.slice(relEnd, relEnd + 50)) && !COUNTED.test(body.slice(Math.max(0, rel - 30), rel))) continue;
      }
      found.push(h);
    }
    // Overlapping triggers: the longer wins, then the earlier kind of the vocabulary.
    found.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || a.order - b.order);
    const kept: Trigger[] = [];
    for (const f of found) {
      const clash = kept.find((k) => f.start < k.end && k.start < f.end);
      if (clash) {
        if ((f.end - f.start) > (clash.end - clash.start)) kept[kept.indexOf(clash)] = f;
        continue;
      }
      kept.push(f);
    }
    for (const t of kept) all.push({ t, clause, ci });
  });

  const drafts: Draft[] = [];
  const sentenceText = text.slice(sentence.start, sentence.end);
  const weak: { t: Trigger; clause: Clause; ci: number; status: FactStatus }[] = [];
  for (const { t, clause, ci } of all) {
    if (mask[t.start]) continue; // inside a quotation: words of a speaker, not the report
    const before = text.slice(Math.max(clause.start, t.start - 60), t.start);
    if (HYPOTHETICAL.test(before) || SINCE_REFERENCE.test(text.slice(Math.max(sentence.start, t.start - 40), t.start))) continue;
    let status = statusOf(sentenceText, t.start - sentence.start, t.text);
    if (INFINITIVE.test(before) && !DONE_INFINITIVE.test(before)) {
      weak.push({ t, clause, ci, status });
      continue;
    }
    // A gerund subject ("Seizing the city provides …", "For them, regaining control will …") is no report.
    if (/^[a-z]+ing\b/i.test(t.text) && clause.role === 'main' && /^(?:[^,]{0,40},\s*)?$/.test(text.slice(clause.start, t.start)) && !/^(?:[^,]*\b(?:by|after|before|while|when)\s*)$/i.test(text.slice(clause.start, t.start))) continue;
    // "as reported by Reuters", "was reported": attribution, not a statement.
    if (t.kind.id === 'statement' && (/\bas\s+$/i.test(before) || /^\s+by\b/i.test(text.slice(t.end, t.end + 4)) || /\b(?:was|were|been|is|are)\s+$/i.test(before))) continue;
    drafts.push({ kind: t.kind, trigger: t, sentence, clause, clauseIndex: ci, status });
  }
  // One fact per kind per clause; in a participle clause, none of a kind its main clause already has.
  const out: Draft[] = [];
  for (const d of drafts) {
    if (out.some((o) => o.kind.id === d.kind.id && (o.clauseIndex === d.clauseIndex || (d.clause.role === 'participle' && o.clause.role === 'main')))) continue;
    out.push(d);
  }
  let facts = out.filter((d) => d.kind.id !== 'statement');
  // Kinds that say the same thing as a more specific kind in the clause.
  facts = facts.filter((d) => {
    const inClause = facts.filter((o) => o.clauseIndex === d.clauseIndex).map((o) => o.kind.id);
    if (d.kind.id === 'attack' && inClause.includes('airstrike') && !/launch|mount|offensive|assault/i.test(d.trigger.text)) return false;
    if ((d.kind.id === 'agreement' || d.kind.id === 'diplomacy') && inClause.includes('ceasefire')) return false;
    if (d.kind.id === 'diplomacy' && (inClause.includes('call') || inClause.includes('meeting') || inClause.includes('visit'))) return false;
    if (d.kind.id === 'meeting' && inClause.includes('visit')) return false;
    if (d.kind.id === 'withdrawal' && /displac|fled|flee/i.test(d.trigger.text) && inClause.some((k) => k !== 'withdrawal' && k !== 'casualties')) return false;
    return true;
  });
  // Purpose infinitives ("to meet with") and intentions ("plans to visit") count only when nothing else happened.
  if (facts.length === 0) {
    for (const w of weak) if (w.status === 'planned' && !facts.some((f) => f.kind.id === w.t.kind.id)) {
      facts.push({ kind: w.t.kind, trigger: w.t, sentence, clause: w.clause, clauseIndex: w.ci, status: 'planned' });
    }
  }
  // A statement is the news only when nothing else happened in the sentence.
  if (facts.length === 0) {
    const st = out.find((d) => d.kind.id === 'statement'
      && (STRONG_STATEMENT.test(d.trigger.text) || timex.some((t) => t.start >= d.clause.start && t.end <= d.clause.end && t.when?.precision !== 'bounded')));
    if (st) facts.push(st);
  }
  // A dated past clause with no kind: a generic happening.
  if (facts.length === 0 && !sentence.heading) {
    for (let ci = 0; ci < clauses.length; ci++) {
      const clause = clauses[ci];
      const own = timex.find((t) => t.start >= clause.start && t.end <= clause.end && t.when && t.when.precision !== 'bounded' && !t.anaphoric);
      if (!own || mask[own.start]) continue;
      const body = text.slice(clause.start, clause.end);
      if (!PAST_VERB.test(body) || CONDITIONAL.test(body)) continue;
      const generic = COMPILED_KINDS[COMPILED_KINDS.length - 1].kind;
      const trig: Trigger = { kind: generic, start: own.start, end: own.end, text: own.text, noun: false, order: COMPILED_KINDS.length - 1 };
      facts.push({ kind: generic, trigger: trig, sentence, clause, clauseIndex: ci, status: statusOf(text.slice(sentence.start, sentence.end), own.start - sentence.start, '') });
      break;
    }
  }
  return facts.sort((a, b) => a.trigger.start - b.trigger.start);
}

/** Where a clause's coordinated parts meet: "…in January and police arrested…", "…; …", "…, while …". */
const COORDINATOR = /,?\s+(?:and|but|while|whereas)\s+|\s*;\s*/gi;

/**
 * The time expressions of the part of its clause that holds `d`'s trigger, where the clause coordinates
 * happenings of other facts ("Protesters marched in January and police arrested 40 people on Saturday":
 * the march is January's, the arrests Saturday's; "Leaders met on Tuesday and protests broke out in March":
 * the protests are March's, whether or not the meeting is a fact). A part holding no trigger belongs to the
 * part before it ("attacked the port and the airport on Monday"). Where its part names no time, the whole clause's:
 * "Police arrested the man and charged him on Monday" dates both.
 */
function ownPart(text: string, d: Draft, drafts: readonly Draft[], clauseTimex: TimeExpression[]): TimeExpression[] {
  // What is said is dated by the saying, not by the times of what is said ("said it would … in June").
  if (clauseTimex.length < 2 || d.kind.id === 'statement') return clauseTimex;
  const triggers = drafts.filter((o) => o.clauseIndex === d.clauseIndex).map((o) => o.trigger.start);
  // The clause cut at each coordinator; a part without a trigger joins the one before it.
  const cuts: number[] = [d.clause.start];
  const body = text.slice(d.clause.start, d.clause.end);
  COORDINATOR.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = COORDINATOR.exec(body)); ) cuts.push(d.clause.start + m.index);
  cuts.push(d.clause.end);
  const parts: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const part = { start: cuts[i], end: cuts[i + 1] };
    if (parts.length && !triggers.some((t) => t >= part.start && t < part.end)) parts[parts.length - 1].end = part.end;
    else parts.push(part);
  }
  const own = parts.find((p) => d.trigger.start >= p.start && d.trigger.start < p.end);
  if (!own || parts.length < 2) return clauseTimex;
  const inPart = clauseTimex.filter((t) => t.start >= own.start && t.end <= own.end);
  return inPart.length ? inPart : clauseTimex;
}

/** A clock time with its zone: "4:54 am GMT", "17.04 BST". */
const ZONED_CLOCK = String.raw`\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:GMT|UTC|BST|CEST|CET|[ECMP][SD]T|IST|JST|AEST|AEDT)\b`;
const STAMP_AFTER_DATE = new RegExp(String.raw`^,?\s+${ZONED_CLOCK}`);
const STAMP_CLOCK = new RegExp(String.raw`^${ZONED_CLOCK}`);
const YEAR_BEFORE = /\b(?:1[89]|20)\d{2},?\s+$/;

/**
 * A publication stamp ("LONDON | Tue Mar 15, 2011 4:54 am GMT", "Tuesday 5 May 2009 17.04 BST"): a dated
 * clock with its zone and no preposition, the date or the clock of it. It says when the report was filed,
 * so a time its clause names nearer to the happening comes first (see STAMP_RANK).
 */
function isStamp(text: string, t: TimeExpression): boolean {
  if (STAMP_AFTER_DATE.test(text.slice(t.end, t.end + 24))) return true;
  return STAMP_CLOCK.test(text.slice(t.start, t.end + 8)) && YEAR_BEFORE.test(text.slice(Math.max(0, t.start - 8), t.start));
}

/**
 * Below a day, month, week or season the clause names ("were killed at the weekend"), above a year: the
 * years of a lead are more often attributes ("their 1999 treble", "the 2012 Olympic stadium") than its date.
 */
const STAMP_RANK = 2.5;

const PRECISION_RANK: Record<string, number> = { day: 0, month: 1, season: 2, range: 2, year: 3, bounded: 5 };

function dateFact(
  text: string, d: Draft, clauseTimex: TimeExpression[], facts: Fact[], sentenceFirstFact: number, pubDay: string, sentence: Sentence,
  timex: TimeExpression[], beforeTimex: TimeExpression[],
): { when: When; datedBy: DatedBy } {
  const leadText = text.slice(sentence.start, Math.min(sentence.end, sentence.start + 80));
  const lead = d.clause.role === 'main' && d.clause.start === sentence.start ? LEAD_ANAPHORA.exec(leadText) : null;
  const best = closest(text, clauseTimex, d.trigger, lead ? sentence.start + lead[0].length : 0);
  if (best && !best.anaphoric && best.when!.precision !== 'bounded') return fromExpression(best);
  if (best?.anaphoric || lead) {
    const span = best?.anaphoric ? best : null;
    const found = previousDated(facts, lead && /^(?:following|after)/i.test(lead[0]) ? lead[0] : null);
    // Another happening of the same clause dated by this very expression already counts from its referent.
    const same = !!found && !!span && found.datedBy.start === span.start;
    // Counted from the happening referred to, but not from one known only by its year ("the day before" after "in
    // 2009"), nor past a date named after it, nearer the expression ("at Saturday's funeral for a boy killed the day
    // before"): there the time expression's own day (from the last day the text names, else the publication) stands.
    const when = !found ? null
      : !span || same ? { ...found.when }
      : namedSince(timex, span, found.datedBy.start!) ? null : anaphorFrom(span.text, found.when);
    if (found && when) {
      return {
        when,
        datedBy: {
          text: span ? span.text : lead![0].replace(/\s*,$/, ''),
          start: span ? span.start : sentence.start,
          end: span ? span.end : sentence.start + lead![0].replace(/\s*,$/, '').length,
          rule: span ? 'anaphora-fact' : 'anaphora-lead',
          anchor: { type: 'fact', factIndex: found.index },
        },
      };
    }
    if (best) return fromExpression(best);
  }
  if (d.clause.role === 'coincide') {
    const anchor = previousDated(facts, null);
    if (anchor) {
      const m = /coincid\w+\s+with|at\s+the\s+same\s+time\s+as|simultaneously\s+with/i.exec(text.slice(d.clause.start, d.clause.end));
      return {
        when: { ...anchor.when },
        datedBy: {
          text: m ? m[0] : null, start: m ? d.clause.start + m.index : null, end: m ? d.clause.start + m.index + m[0].length : null,
          rule: 'anaphora-coinciding', anchor: { type: 'fact', factIndex: anchor.index },
        },
      };
    }
  }
  if (d.clause.role === 'participle') {
    // ", seizing …" shares the date of the happening of the sentence before it.
    for (let i = facts.length - 1; i >= sentenceFirstFact; i--) {
      const f = facts[i];
      if (f.datedBy.text !== null) return { when: { ...f.when }, datedBy: { ...f.datedBy, anchor: { type: 'fact', factIndex: f.index } } };
    }
    // "Bombs exploded outside the embassies Friday, killing dozens": where the clause it continues reports no fact
    // of a kind, the time that clause names.
    const main = best || d.status === 'planned' ? null : closest(text, beforeTimex, { start: d.clause.start, end: d.clause.start }, 0);
    if (main && !main.anaphoric && main.when!.precision !== 'bounded') return fromExpression(main);
  }
  if (best) return fromExpression(best); // a bound such as "recently", "in recent weeks"
  return bounded(d.status, pubDay);
}

/** The time expression of `timex` closest to `span`, the more precise first (none starting before `from`). */
function closest(text: string, timex: TimeExpression[], span: { start: number; end: number }, from: number): TimeExpression | null {
  let best: TimeExpression | null = null;
  let bestScore = Infinity;
  for (const t of timex) {
    if (t.start < from) continue;
    const distance = t.start >= span.end ? t.start - span.end : span.start - t.end;
    const rank = isStamp(text, t) ? STAMP_RANK : PRECISION_RANK[t.when!.precision] ?? 4;
    const score = rank * 10_000 + Math.max(0, distance);
    if (score < bestScore) { best = t; bestScore = score; }
  }
  return best;
}

const UNIT_RANK: Record<string, number> = { day: 0, week: 1, month: 2, year: 3 };
const ANCHOR_RANK: Record<string, number> = { day: 0, month: 2, season: 3, year: 3 };

/**
 * The day, week, month or year an anaphoric expression ("the next day", "that week") denotes from the `when` of the
 * happening it refers to, where that is at least as precise as the expression's unit ("the day before" a day, "that
 * year" a month); null where it is not ("the next day" after "in 2009" is not known from it).
 */
function anaphorFrom(span: string, anchor: When): When | null {
  const unit = /week/i.test(span) ? 'week' : /month/i.test(span) ? 'month' : /year/i.test(span) ? 'year' : 'day';
  const rank = ANCHOR_RANK[anchor.precision];
  return anchor.from && rank !== undefined && rank <= UNIT_RANK[unit] ? anaphorWhen(span, anchor.from)?.when ?? null : null;
}

/**
 * Whether the text names a date the anaphoric `span` could count from (a day, for a day's anaphor) between `since`
 * (where the happening it would otherwise refer to was dated) and the span: the time expressions resolved it
 * against the last such date.
 */
function namedSince(timex: TimeExpression[], span: TimeExpression, since: number): boolean {
  const day = !/\b(?:week|month|year)\b/i.test(span.text);
  return timex.some((t) => t.start > since && t.end <= span.start && !t.anaphoric && !!t.when?.from
    && (day ? t.when!.precision === 'day' && /^\d{4}-\d{2}-\d{2}/.test(t.value) : /^\d{4}/.test(t.value)));
}

function previousDated(facts: Fact[], lead: string | null): Fact | null {
  const wanted = lead ? /talks|discussions|meeting|visit|call|conversation|summit|consultations/i.test(lead) : false;
  if (wanted) {
    for (let i = facts.length - 1; i >= 0 && i >= facts.length - 8; i--) {
      if (/^(?:visit|meeting|call|diplomacy)$/.test(facts[i].kind) && facts[i].when.precision !== 'bounded') return facts[i];
    }
  }
  for (let i = facts.length - 1; i >= 0; i--) if (facts[i].when.precision !== 'bounded' && facts[i].datedBy.text !== null) return facts[i];
  return null;
}

function fromExpression(t: TimeExpression): { when: When; datedBy: DatedBy } {
  return { when: { ...t.when! }, datedBy: { text: t.text, start: t.start, end: t.end, rule: t.rule, anchor: { type: 'publication' } } };
}

function bounded(status: FactStatus, pubDay: string): { when: When; datedBy: DatedBy } {
  const when: When = status === 'planned'
    ? { from: pubDay, to: null, precision: 'bounded', edtf: `${pubDay}/..`, timex3: 'FUTURE_REF' }
    : { from: null, to: pubDay, precision: 'bounded', edtf: `../${pubDay}`, timex3: 'PAST_REF' };
  return { when, datedBy: { text: null, start: null, end: null, rule: status === 'planned' ? 'publication-lower-bound' : 'publication-bound', anchor: { type: 'publication' } } };
}

const LEAD_WORDS = /^(?:(?:earlier|later)\s+(?:that|on\s+the\s+same)\s+day,?\s*|(?:earlier|later|meanwhile|however|additionally|also|then|but|and|so|yet|moreover|furthermore|in\s+addition)\b,?\s*|(?:following|after)\s+the\s+\w+,\s*|coinciding\s+with\s+|which\s+|where\s+|while\s+)+/i;

/** The clause as a short readable title: lead connectives dropped, first letter capitalised, ~100 characters. */
export function titleOf(evidence: string): string {
  let t = evidence.replace(/\s+/g, ' ').trim().replace(LEAD_WORDS, '').replace(/^[-–—•*\s"“”']+/, '').replace(/[\s,;:.]+$/, '');
  if (t.length > 100) {
    const cut = t.lastIndexOf(' ', 100);
    t = `${t.slice(0, cut > 50 ? cut : 100).replace(/[\s,;:]+$/, '')}…`;
  }
  return t.length ? t[0].toUpperCase() + t.slice(1) : evidence.trim().slice(0, 100);
}
