/**
 * The shape of a recognition rule: a precompiled global regex and a pure resolver of its matches.
 */
import type { CalDay } from './day';
import type { TimexType, When } from '../types';
import { clauseTense } from './tense';

export interface Context {
  text: string;
  /** The publication day (its wall date in the article's zone): the anchor of every relative expression. */
  ref: CalDay;
}

/** What a rule resolves a match to; the span defaults to the whole match. */
export interface Resolution {
  type: TimexType;
  value: string;
  when: When | null;
  /** EDTF when `when` is null (durations); otherwise `when.edtf` is used. */
  edtf?: string;
  rule: string;
  anaphoric?: boolean;
  /**
   * A shift whose granularity (or anchor) comes from the text before it: "a year ago" after "the third quarter"
   * is that quarter a year before; "a year earlier" is the previously mentioned time a year before.
   */
  shift?: {
    unit: 'day' | 'week' | 'month' | 'quarter' | 'year'; n: number; anchor: 'publication' | 'previous';
    /** "the 1988 quarter": the quarter of the previous one, in that year. */
    toYear?: number;
  };
  /** Narrower span inside the match (absolute offsets), e.g. to leave out a lookahead-free preposition. */
  start?: number;
  end?: number;
  /** Breaks ties between overlapping candidates of equal length (higher wins). */
  priority?: number;
}

export interface Rule {
  name: string;
  /** Must carry the `g` flag; compiled once at module load. */
  pattern: RegExp;
  resolve(m: RegExpExecArray, ctx: Context): Resolution | null;
}

export type Direction = 'past' | 'future';

/** Past or future reading of an expression that does not say, from its clause (news defaults to past). */
export function directionAt(ctx: Context, start: number, end: number): Direction {
  return clauseTense(ctx.text, start, end) === 'future' ? 'future' : 'past';
}

/** Like `directionAt`, but `null` when the clause has no tense cue (callers then pick the nearest date). */
export function explicitDirectionAt(ctx: Context, start: number, end: number): Direction | null {
  const t = clauseTense(ctx.text, start, end);
  return t === 'unknown' ? null : t;
}

export const re = (source: string, flags = 'gi'): RegExp => new RegExp(source, flags);
