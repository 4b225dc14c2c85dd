/**
 * The analysis contract: what `analyse(text, publishedAt, timezone)` returns.
 * Pure data, shared by the analysis core, the article streams and the reconciliation.
 * Offsets are JavaScript string indices (UTF-16 code units) into the text exactly as submitted.
 */

/** How precisely `when` is known. `bounded`: only an upper (or lower) bound; `range`: an explicit interval. */
export type Precision = 'day' | 'month' | 'season' | 'year' | 'bounded' | 'range';

export interface When {
  /** Inclusive ISO day (YYYY-MM-DD), or null when no lower bound is known. */
  from: string | null;
  /** Inclusive ISO day, or null when no upper bound is known. */
  to: string | null;
  precision: Precision;
  /** ISO 8601-2 EDTF: `2016`, `2020-03`, `2016-36` (Q4), `2024-11-27`, `../2024-12-01`. */
  edtf: string;
  /** TimeML TIMEX3 value: `2024-11-27`, `2016`, `2020-03`, `2016-Q4`, `PAST_REF`. */
  timex3: string;
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** One recognised time expression (what POST /analyze lists as `timeExpressions`). */
export interface TimeExpression {
  text: string;
  start: number;
  end: number;
  type: TimexType;
  /** TIMEX3 value: `2024-11-27`, `1998-W02`, `P2M`, `PAST_REF`, `PRESENT_REF`, `XXXX-XX-XX`… */
  value: string;
  /** EDTF form of the value ('' when EDTF has none, e.g. for a duration without anchor). */
  edtf: string;
  /** The interval of days it denotes, or null (durations, sets, unresolved references). */
  when: When | null;
  /** The rule that resolved it, e.g. `weekday-past`, `weekday-future`, `bare-year`, `month-past`. */
  rule: string;
  /**
   * Anaphoric expressions ("earlier that day", "the same day", "later on Sunday") whose date comes from
   * another happening: the facts layer resolves them to the fact they point at.
   */
  anaphoric?: boolean;
}

export type FactStatus = 'reported' | 'claimed' | 'planned' | 'denied';

/** A participant or a place: the surface form and a normalised key that merges spellings. */
export interface Mention {
  text: string;
  key: string;
  start: number;
  end: number;
}

export type FigureQualifier = 'exact' | 'over' | 'at least' | 'about' | 'up to' | 'approximate';

export interface Figure {
  /** The number, or for vague quantities ("dozens") a conventional lower value. */
  count: number;
  qualifier: FigureQualifier;
  /** What is counted, normalised: `deaths`, `civilians killed`, `people`, `troops captured`… */
  unit: string;
  text: string;
  start: number;
  end: number;
}

/** Where a fact's date came from. */
export interface DatedBy {
  /** The time expression text, offsets and rule, or null when the fact is only bounded by publication. */
  text: string | null;
  start: number | null;
  end: number | null;
  rule: string;
  /** `publication`: resolved against the publication instant; `fact`: taken from another fact of the article. */
  anchor: { type: 'publication' } | { type: 'fact'; factIndex: number };
}

export interface Fact {
  /** Index of the fact in the article's analysis (the stream layer builds the stable factId). */
  index: number;
  /** Domain event type, past tense: `OffensiveLaunched`, `TerritoryCaptured`, `AirStrikesCarriedOut`… */
  type: string;
  /** Kind from the documented vocabulary (src/analysis/kinds.ts): `attack`, `territory-change`, `airstrike`… */
  kind: string;
  /** A short human title derived from the evidence. */
  title: string;
  when: When;
  datedBy: DatedBy;
  participants: Mention[];
  places: Mention[];
  figures: Figure[];
  status: FactStatus;
  /** "according to …" / "… said": the source the article attributes the fact to, or null. */
  attribution: string | null;
  /** The evidence: the clause or sentence and its offsets in the submitted text. */
  evidence: { text: string; start: number; end: number };
}

export interface AnalysisInput {
  text: string;
  /** ISO 8601 instant with offset: the publication time, i.e. the clock of the analysis. */
  publishedAt: string;
  /** IANA zone the article's dates are local to; defaults to the offset of publishedAt. */
  timezone?: string;
}

export interface AnalysisResult {
  analyserVersion: string;
  facts: Fact[];
  timeExpressions: TimeExpression[];
}
