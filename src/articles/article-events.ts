/**
 * The events of an article stream `article-<articleId>` (DESIGN section 4). The stream is the source
 * of truth: re-analysis needs nothing but `ArticleSubmitted`.
 *
 *   ArticleSubmitted, AnalysisStarted, <one dated domain event per fact>, AnalysisCompleted,
 *   [AnalysisStarted, …, AnalysisCompleted]*  (a replay with a new analyser appends a new run)
 *   [ArticleWithdrawn]
 *
 * A run is always appended in one batch, so it commits whole; projections use the latest completed run.
 */
import type { Fact } from '../analysis/types';

export const streamIdOf = (articleId: string): string => `article-${articleId}`;
export const STREAM_PREFIX = 'article-';

export interface ArticleSubmittedData {
  articleId: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  /** ISO 8601 with offset, as received (normalised by luxon). */
  publishedAt: string;
  /** IANA zone. */
  timezone: string;
  language: string;
  /** The text exactly as received. */
  text: string;
  sha256: string;
}

export interface AnalysisStartedData {
  articleId: string;
  /** `run-1`, `run-2`, …: deterministic, the number of the run in its stream. */
  runId: string;
  analyserVersion: string;
}

/**
 * Every dated domain event (`OffensiveLaunched`, `TerritoryCaptured`, …, `EventReported`) carries a
 * fact of the analysis plus where it comes from. The event type is `fact.type`.
 */
export interface FactReportedData extends Fact {
  /** Stable: `<articleId>:<runId>:<evidence start>-<evidence end>:<index>`. */
  factId: string;
  articleId: string;
  runId: string;
}

export interface AnalysisCompletedData {
  articleId: string;
  runId: string;
  analyserVersion: string;
  count: number;
}

export interface ArticleWithdrawnData {
  articleId: string;
  reason: string | null;
}

export const ARTICLE_SUBMITTED = 'ArticleSubmitted';
export const ANALYSIS_STARTED = 'AnalysisStarted';
export const ANALYSIS_COMPLETED = 'AnalysisCompleted';
export const ARTICLE_WITHDRAWN = 'ArticleWithdrawn';

/** Event types of the article stream that are not dated domain events. */
export const LIFECYCLE_TYPES = new Set([ARTICLE_SUBMITTED, ANALYSIS_STARTED, ANALYSIS_COMPLETED, ARTICLE_WITHDRAWN]);
